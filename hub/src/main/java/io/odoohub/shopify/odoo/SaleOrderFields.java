package io.odoohub.shopify.odoo;

import io.odoohub.odoo.OdooCapabilities;

/**
 * What this database's sales orders have where Odoo installs and versions differ, read from {@link OdooCapabilities}
 * (cached: no call after the first batch):
 *
 * @param delivery whether the {@code delivery} module is installed ({@code delivery.carrier},
 *                 {@code sale.order.carrier_id}, {@code sale.order.line.is_delivery}); a Sales + Inventory install has
 *                 none, and then a shipping line is an ordinary service line on the hub's shipping product
 * @param taxes    the order line's taxes: {@code tax_id} in Odoo 17 and 18, {@code tax_ids} from Odoo 19
 */
record SaleOrderFields(boolean delivery, String taxes) {

    static SaleOrderFields of(OdooCapabilities odoo) {
        boolean delivery = odoo.hasModel("delivery.carrier") && odoo.hasField("sale.order", "carrier_id")
                && odoo.hasField("sale.order.line", "is_delivery");
        return new SaleOrderFields(delivery, taxes(odoo));
    }

    /** The name of sale.order.line's taxes in this database. */
    static String taxes(OdooCapabilities odoo) {
        return odoo.hasField("sale.order.line", "tax_ids") ? "tax_ids" : "tax_id";
    }
}
