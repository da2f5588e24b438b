package io.odoohub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.api.ApiClient;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.client.ShopifyAdminClient;
import io.odoohub.shopify.flow.ShopifyPush;
import io.odoohub.shopify.flow.ShopifyState;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Odoo -> Shopify through the fake Admin API: no echo, prices, descriptions, stock, throttling. */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopifyPushIT {

    private static final String SECRET = "fake-shopify-secret-push_secret";
    private static final String TOKEN = "fake-shopify-token-push_token";
    private static final String ADMIN = "shopify-push-it-admin-token-0123456789";
    private static final String LOCATION = "gid://shopify/Location/655441491";

    private TestOdoo odoo;
    private OdooClient rpc;
    private FakeShopifyAdmin fake;
    private HubRuntime hub;
    private ShopifySender shopify;

    @BeforeAll
    void start() throws Exception {
        odoo = TestOdoo.start();
        rpc = odoo.client();
        // a bucket of 300 points refilling 1000/s: a 250-quantity call costs 260, so a second one has to wait
        fake = new FakeShopifyAdmin(TOKEN, 300, 1000);
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.shopify.client-secret", SECRET);
        settings.put("hub.shopify.shop", "example.myshopify.com");
        settings.put("hub.shopify.admin-url", fake.baseUrl());
        settings.put("hub.shopify.access-token", TOKEN);
        settings.put("hub.shopify.location-map", "655441491=WH/Stock");
        settings.put("hub.shopify.push.location", "655441491");
        settings.put("hub.admin-token", ADMIN);
        hub = HubRuntime.start(Files.createTempDirectory("shopify-push-it"), settings);
        shopify = new ShopifySender(hub.httpPort(), SECRET);
    }

    @AfterAll
    void stop() throws Exception {
        hub.close();
        fake.close();
        odoo.close();
    }

    @Test
    void whatCameFromShopifyIsNotEchoedAndOdoosChangesArePushedOnce() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        shopify.send("inventory_levels/update", Fixtures.text("inventory_level.json"));
        awaitDone();
        fake.inventory.put("gid://shopify/InventoryItem/43729076@" + LOCATION, 42);
        int callsBefore = fake.calls.get();
        ShopifyPush.Summary nothing = push().run();
        assertThat(fake.calls.get()).as("no echo of Shopify's own values: %s", nothing).isEqualTo(callsBefore);

        int template = (Integer) odoo.searchRead("product.template", List.of(List.of("name", "=", "Example T-Shirt")), List.of("id"))
                .get(0).get("id");
        rpc.write("product.template", List.of(template), Map.of("list_price", 24.5, "description", "<p>Now <em>organic</em> cotton.</p>"), null);
        ShopifyPush.Summary prices = push().run();
        assertThat(prices.pricesPushed()).isEqualTo(4);
        assertThat(prices.descriptionsPushed()).isEqualTo(1);
        assertThat(fake.variantPrices).containsEntry("gid://shopify/ProductVariant/642667041472713922", "24.50").hasSize(4);
        assertThat(fake.descriptions).containsEntry("gid://shopify/Product/788032119674292922", "<p>Now <em>organic</em> cotton.</p>");

        int variant = (Integer) odoo.searchRead("product.product", List.of(List.of("default_code", "=", "TEE-S-RED")), List.of("id"))
                .get(0).get("id");
        BoundCatalog.setQuantities(rpc, List.of(variant), "WH/Stock", 40);
        ShopifyPush.Summary stock = push().run();
        assertThat(stock.quantitiesPushed()).isEqualTo(1);
        assertThat(fake.inventory).containsEntry("gid://shopify/InventoryItem/43729076@" + LOCATION, 40);

        // Shopify is told what Odoo can still sell: on hand under the push location (its sub-locations too), less reserved
        new OdooShop(rpc).location("WH/Stock", "Shelf 1");
        BoundCatalog.setQuantities(rpc, List.of(variant), "WH/Stock/Shelf 1", 5);
        assertThat(push().run().quantitiesPushed()).isEqualTo(1);
        assertThat(fake.inventory).containsEntry("gid://shopify/InventoryItem/43729076@" + LOCATION, 45);
        // a delivery reserves 6
        OdooShop.Reservation reserved = new OdooShop(rpc).reserve("TEE-S-RED", "WH/Stock", 6);
        assertThat(push().run().quantitiesPushed()).isEqualTo(1);
        assertThat(fake.inventory).containsEntry("gid://shopify/InventoryItem/43729076@" + LOCATION, 39);

        int calls = fake.calls.get();
        ShopifyPush.Summary again = push().run();
        assertThat(fake.calls.get()).as("%s", again).isEqualTo(calls);

        // the reservation goes (the delivery is cancelled): Shopify can sell the 6 again
        reserved.release();
        assertThat(push().run().quantitiesPushed()).isEqualTo(1);
        assertThat(fake.inventory).containsEntry("gid://shopify/InventoryItem/43729076@" + LOCATION, 45);
    }

    @Test
    void perVariantPricesAreNotEchoedAndAPriceExtraChangedInOdooPushesTheVariantsWithThatValue() throws Exception {
        shopify.send("products/create", Fixtures.json(Fixtures.pricedProduct(900_500L, "Priced Scarf", "SCARF", "20.00", "22.00", "26.00",
                "28.00")));
        awaitDone();
        push().run();
        assertThat(fake.variantPrices.keySet()).as("Shopify's own prices are not echoed")
                .noneMatch(gid -> gid.startsWith("gid://shopify/ProductVariant/900500"));

        int template = (Integer) odoo.searchRead("product.template", List.of(List.of("name", "=", "Priced Scarf")), List.of("id"))
                .get(0).get("id");
        Map<String, Object> large = odoo.searchRead("product.template.attribute.value", List.of(List.of("product_tmpl_id", "=", template)),
                List.of("display_name", "price_extra")).stream().filter(r -> "Size: Large".equals(r.get("display_name"))).findFirst().orElseThrow();
        assertThat(large.get("price_extra")).isEqualTo(6.0);
        rpc.write("product.template.attribute.value", List.of((Integer) large.get("id")), Map.of("price_extra", 9.0), null);
        ShopifyPush.Summary s = push().run();
        assertThat(s.pricesPushed()).isEqualTo(2);
        assertThat(fake.variantPrices).containsEntry("gid://shopify/ProductVariant/9005003", "29.00")
                .containsEntry("gid://shopify/ProductVariant/9005004", "31.00")
                .doesNotContainKeys("gid://shopify/ProductVariant/9005001", "gid://shopify/ProductVariant/9005002");
        // the other tests count what the fake holds
        fake.variantPrices.keySet().removeIf(gid -> gid.startsWith("gid://shopify/ProductVariant/900500"));
    }

    @Test
    void aStockPushUnderThrottlingIsPacedAndCompleteAndTheApiRunsIt() throws Exception {
        BoundCatalog.create(rpc, hub.bean("shopifyState", ShopifyState.class), 5_000_000L, 600, "WH/Stock", 7);
        ShopifyAdminClient client = hubAdmin();
        long throttledBefore = client.throttled();
        ApiClient api = new ApiClient(hub.httpPort());
        String operator = api.issue(ADMIN, "push-operator", io.odoohub.api.Role.OPERATOR);
        var response = api.send("POST", "/api/v1/shopify/push", operator, "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).as("the other levels Shopify holds: %s", fake.inventory.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("gid://shopify/InventoryItem/5000")).toList()).contains("\"quantitiesPushed\":600");
        long pushed = fake.inventory.entrySet().stream().filter(e -> e.getKey().startsWith("gid://shopify/InventoryItem/5000")).count();
        assertThat(pushed).isEqualTo(600);
        assertThat(client.maxConsecutiveThrottles()).isLessThanOrEqualTo(1);
        assertThat(client.throttled() - throttledBefore).isLessThanOrEqualTo(1);
    }

    private ShopifyPush push() {
        return hub.bean("shopifyPush", ShopifyPush.class);
    }

    @SuppressWarnings("unchecked")
    private ShopifyAdminClient hubAdmin() {
        return ((Supplier<ShopifyAdminClient>) hub.context().getRegistry().lookupByName("shopifyAdmin")).get();
    }

    private void awaitDone() {
        ShopifyDrain.awaitSettled(hub);
    }
}
