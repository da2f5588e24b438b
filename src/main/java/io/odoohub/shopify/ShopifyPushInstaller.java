package io.odoohub.shopify;

import io.odoohub.runtime.HubParts;
import java.util.function.Supplier;

/** Wires the push from Odoo to Shopify (filled in with the push). */
final class ShopifyPushInstaller {

    private ShopifyPushInstaller() {
    }

    static void install(HubParts hub, ShopifySettings settings, Supplier<ShopifyApplyFlow.ShopifyOdoo> odoo) {
    }
}
