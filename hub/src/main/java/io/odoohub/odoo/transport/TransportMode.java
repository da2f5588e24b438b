package io.odoohub.odoo.transport;

import java.util.Locale;

/** The {@code hub.odoo.transport} setting: which protocol to speak to Odoo. */
public enum TransportMode {
    /** Ask the server ({@code GET /web/version}): JSON-2 on Odoo 19 and later, XML-RPC before. */
    auto,
    /** XML-RPC, deprecated on Odoo 19 and announced for removal; refused at start when the server has none. */
    xmlrpc,
    /** JSON-2 ({@code /json/2}), Odoo 19 and later; refused at start on an older server. */
    json2;

    public static final String SETTING = "hub.odoo.transport";

    /** The mode a setting names (blank: auto); anything else fails with a message naming the setting. */
    public static TransportMode parse(String value) {
        if (value == null || value.isBlank()) {
            return auto;
        }
        try {
            return valueOf(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SETTING + " (ODOO_TRANSPORT) must be auto, xmlrpc or json2, was '" + value + "'");
        }
    }
}
