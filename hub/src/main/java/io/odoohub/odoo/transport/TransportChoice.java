package io.odoohub.odoo.transport;

/**
 * Which protocol a transport speaks to Odoo and why.
 *
 * @param protocol      {@value #XMLRPC} or {@value #JSON2}
 * @param serverVersion the version the server reported while choosing (e.g. "19.0"), null when it was not asked
 * @param reason        why this protocol, in words for the log and the connection test
 */
public record TransportChoice(String protocol, String serverVersion, String reason) {

    public static final String XMLRPC = "xmlrpc";
    public static final String JSON2 = "json2";

    /** "JSON-2" or "XML-RPC": how people write it. */
    public String label() {
        return JSON2.equals(protocol) ? "JSON-2" : "XML-RPC";
    }

    @Override
    public String toString() {
        return label() + " (" + reason + ")";
    }
}
