package io.odoohub.shopify;

import io.odoohub.odoo.OdooClient;
import io.odoohub.connector.HubParts;
import io.odoohub.shopify.api.ShopifyApi;
import io.odoohub.shopify.client.ShopifyAdminClient;
import io.odoohub.shopify.flow.ShopifyApplyFlow;
import io.odoohub.shopify.flow.ShopifyImport;
import io.odoohub.shopify.flow.ShopifyPush;
import io.odoohub.shopify.flow.ShopifyReconciliation;
import io.odoohub.shopify.flow.ShopifyState;
import io.odoohub.shopify.flow.ShopifySchedule;
import io.odoohub.error.PullBackoff;
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
        ShopifyPush push = new ShopifyPush(client, admin, state, hub.inbox(), settings.rules(), hub.syncLog(), hub.flowControl(), hub.clock());
        hub.context().getRegistry().bind("shopifyPush", push);
        hub.context().getRegistry().bind("shopifyAdmin", admin);
        ShopifyImport importer = new ShopifyImport(admin, hub.inbox(), state, hub.counters(), settings.sync().importPageSize());
        hub.context().getRegistry().bind("shopifyImport", importer);
        ShopifyReconciliation reconciliation = new ShopifyReconciliation(client, admin,
                hub.inbox(), state, settings.rules(), hub.clock(), settings.sync().importPageSize(), push);
        hub.context().getRegistry().bind("shopifySchedule", new ShopifySchedule(push::run, reconciliation::daily,
                settings.rules().push().enabled(), Duration.ofMillis(settings.rules().push().intervalMs()),
                settings.sync().reconcileEnabled(), settings.sync().reconcilePeriod(), settings.sync().reconcileStartDelay(), new PullBackoff(hub.settings().retry().pull(), hub.clock(), hub.database().dataSource())));
        hub.context().addRoutes(new ShopifyApi(hub.apiGuard(), push, importer, reconciliation));
        return push;
    }

}
