package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.odoo.OdooClient;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.shopify.BoundCatalog;
import io.odoohub.shopify.FakeShopifyAdmin;
import io.odoohub.shopify.client.ShopifyAdminClient;
import io.odoohub.shopify.flow.ShopifyPush;
import io.odoohub.shopify.flow.ShopifyState;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock push of 5,000 Shopify-bound variants whose count changed in Odoo, against the fake Admin API with a
 * standard plan's bucket (2,000 points, 100 points/s; the fake charges 10 per mutation plus 1 per quantity):
 * wall time of the push, GraphQL calls, throttled answers and the most in a row.
 * Run: mvn -B -Pbench test -Dtest=ShopifyStockPushBenchmarkTest
 */
@Tag("benchmark")
class ShopifyStockPushBenchmarkTest {

    private static final int VARIANTS = 5_000;
    private static final String TOKEN = "fake-shopify-token-benchmark";

    @TempDir
    Path dataDir;

    @Test
    @SuppressWarnings("unchecked")
    void stockOf5000Variants() throws Exception {
        try (OdooSandbox odoo = SandboxClients.start();
             FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 2000, 100);
             HubRuntime hub = HubRuntime.start(dataDir, settings(odoo, fake))) {
            OdooClient rpc = SandboxClients.client(odoo);
            BoundCatalog.create(rpc, hub.bean("shopifyState", ShopifyState.class), 1L, VARIANTS, "WH/Stock", 12);
            ShopifyPush push = hub.bean("shopifyPush", ShopifyPush.class);
            ShopifyAdminClient client = ((Supplier<ShopifyAdminClient>) hub.context().getRegistry().lookupByName("shopifyAdmin")).get();
            long t0 = System.nanoTime();
            ShopifyPush.Summary summary = push.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(summary.quantitiesPushed()).isEqualTo(VARIANTS);
            assertThat(fake.inventory).hasSize(VARIANTS);
            Figures.report("shopify stock push of " + VARIANTS + " variants: wall time s", String.format("%.1f", seconds));
            Figures.report("shopify stock push: GraphQL calls", fake.calls.get());
            Figures.report("shopify stock push: throttled answers", client.throttled());
            Figures.report("shopify stock push: most throttled answers in a row", client.maxConsecutiveThrottles());
            Figures.report("shopify stock push: time waiting for the cost bucket s", String.format("%.1f", client.waitedMillis() / 1000.0));
        }
    }

    private static Map<String, String> settings(OdooSandbox odoo, FakeShopifyAdmin fake) {
        Map<String, String> settings = SandboxClients.hubSettings(odoo);
        settings.put("hub.shopify.shop", "bench.myshopify.com");
        settings.put("hub.shopify.admin-url", fake.baseUrl());
        settings.put("hub.shopify.access-token", TOKEN);
        settings.put("hub.shopify.location-map", "655441491=WH/Stock");
        settings.put("hub.shopify.push.location", "655441491");
        return settings;
    }
}
