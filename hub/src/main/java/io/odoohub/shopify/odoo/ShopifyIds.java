package io.odoohub.shopify.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooClient;

/**
 * Shopify's namespace of Odoo external ids (module {@value #MODULE}): {@code shopify.customer_7},
 * {@code shopify.product_632910392}, {@code shopify.variant_808950810}, {@code shopify.order_450789469}. Found and
 * bound through the shared {@link ExternalIds} binder.
 */
public final class ShopifyIds {

    public static final String MODULE = "shopify";

    private ShopifyIds() {
    }

    public static String xmlid(String name) {
        return ExternalIds.xmlid(MODULE, name);
    }

    public static ExternalIds binder(OdooClient odoo) {
        return new ExternalIds(odoo, MODULE);
    }
}
