package io.odoohub.shopify;

import io.odoohub.odoo.OdooClient;
import io.odoohub.connector.HubParts;
import io.odoohub.error.PullBackoff;
import io.odoohub.support.SettingsReader;
import io.odoohub.shopify.admin.ShopifyAdminClient;
import io.odoohub.shopify.admin.ShopifyImport;
import io.odoohub.shopify.admin.ShopifyPush;
import io.odoohub.shopify.admin.ShopifyReconciliation;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Wires the push from Odoo to Shopify (bean {@code shopifyPush}), the initial import (bean {@code shopifyImport}), the
 * reconciliation, their timers' bean ({@code shopifySchedule}, on the pause-with-backoff) and their management API. The Admin API client is made at first use, so a hub without Shopify credentials still starts.
 */
final class ShopifyPushInstaller {

    private ShopifyPushInstaller() {
    }

    static ShopifyPush install(HubParts hub, ShopifySettings settings, Supplier<ShopifyApplyFlow.ShopifyOdoo> odoo,
                               Supplier<ShopifyAdminClient> admin, ShopifyState state)
            throws Exception {
        Supplier<OdooClient> client = () -> odoo.get().client();
        ShopifyPush push = new ShopifyPush(client, admin, state, hub.inbox(), settings, hub.syncLog(), hub.flowControl(), hub.clock());
        hub.context().getRegistry().bind("shopifyPush", push);
        hub.context().getRegistry().bind("shopifyAdmin", admin);
        ShopifyImport importer = new ShopifyImport(admin, hub.inbox(), state, hub.counters(),
                SettingsReader.positive(hub.properties(), "shopify.import.page-size", 100));

        hub.context().getRegistry().bind("shopifyImport", importer);
        int pageSize = SettingsReader.positive(hub.properties(), "shopify.import.page-size", 100);
        ShopifyReconciliation reconciliation = new ShopifyReconciliation(client, admin,
                hub.inbox(), state, settings, hub.clock(), pageSize, push);
        hub.context().getRegistry().bind("shopifySchedule", new ShopifySchedule(push::run, reconciliation::daily,
                settings.pushEnabled(), Duration.ofMillis(settings.pushIntervalMs()),
                SettingsReader.bool(hub.properties(), "shopify.reconcile.enabled", false),
                new PullBackoff(hub.settings().retry().pull(), hub.clock())));
        hub.context().addRoutes(new ShopifyApi(hub.apiGuard(), push, importer, reconciliation));
        return push;
    }

}
