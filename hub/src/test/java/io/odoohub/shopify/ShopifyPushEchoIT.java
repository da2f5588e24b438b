package io.odoohub.shopify;

import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.client.ShopifyNodes;
import io.odoohub.shopify.flow.ShopifyImport;
import io.odoohub.shopify.flow.ShopifyPush;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The push timer runs every 100 ms while the initial import and product webhooks are applied, with Odoo slow at the
 * step after a new product's variants are bound (its price extras): the push never sends a half-written product nor
 * anything that came from Shopify, Shopify ends with Odoo's prices, descriptions (HTML) and stock, and a change made
 * in Odoo is pushed once.
 */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopifyPushEchoIT {

    private static final String SECRET = "fake-shopify-secret-echo_secret";
    private static final String TOKEN = "fake-shopify-token-echo_token";
    private static final String LOCATION = "655441491";

    private TestOdoo odoo;
    private FakeShopifyAdmin fake;
    private HubRuntime hub;
    private ShopifySender shopify;

    @BeforeAll
    void start() throws Exception {
        odoo = TestOdoo.start();
        fake = new FakeShopifyAdmin(TOKEN, 20_000, 20_000);
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.shopify.client-secret", SECRET);
        settings.put("hub.shopify.shop", "example.myshopify.com");
        settings.put("hub.shopify.admin-url", fake.baseUrl());
        settings.put("hub.shopify.access-token", TOKEN);
        settings.put("hub.shopify.location-map", LOCATION + "=WH/Stock");
        settings.put("hub.shopify.push.location", LOCATION);
        settings.put("hub.shopify.push.enabled", "true");
        settings.put("hub.shopify.push.interval-ms", "100");
        settings.put("hub.shopify.push.tick-ms", "50");
        hub = HubRuntime.start(Files.createTempDirectory("shopify-push-echo-it"), settings);
        shopify = new ShopifySender(hub.httpPort(), SECRET);
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        fake.close();
        odoo.close();
    }

    @Test
    void onlyOdoosFinishedValuesArePushedAndNothingThatCameFromShopifyGoesBack() throws Exception {
        ObjectNode apron = ShopifyNodes.product(7001, "Linen Apron", "<p>Heavy <em>linen</em> apron</p>", "APRON", List.of("S", "L"),
                List.of("Natural", "Black"), (size, color) -> money(24 + 5 * size + 2 * color));
        ObjectNode scarf = ShopifyNodes.product(7002, "Wool Scarf", "<p>Warm <strong>wool</strong>.</p>", "SCARF", List.of("Short", "Long", "XL"),
                List.of(), (size, color) -> money(10 + 3 * size));
        ObjectNode mug = ShopifyNodes.product(7003, "Stoneware Mug", "<p>A mug.</p>", "MUG", List.of("One"), List.of(), (size, color) -> "8.00");
        fake.productNodes.addAll(List.of(apron, scarf, mug));
        // Odoo is slow at the step after the variants are bound: the price extras. A push in that window used to see
        // bound variants with nothing recorded, take them for changed in Odoo and send the template's cheapest price.
        odoo.proxy().latency("product.template.attribute.value.load", Duration.ofMillis(1500));
        ShopifyPush push = hub.bean("shopifyPush", ShopifyPush.class);

        ShopifyImport importer = hub.bean("shopifyImport", ShopifyImport.class);
        importer.runAll(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));
        assertThat(importer.progress().state()).as("%s", importer.progress()).isEqualTo("finished");
        // product webhooks meanwhile: an edit made in Shopify (its title) and a new product
        apron.put("title", "Linen Apron (heavy)");
        shopify.send("products/update", ShopifyNodes.productWebhook(apron, "2026-11-20T10:00:00Z"));
        ObjectNode tote = ShopifyNodes.product(7004, "Canvas Tote", "<p>Canvas <em>tote</em>, <a href=\"https://example.com/care\">care</a></p>",
                "TOTE", List.of("M", "L"), List.of("Sand", "Navy"), (size, color) -> money(15 + 4 * size + color));
        fake.productNodes.add(tote);
        shopify.send("products/create", ShopifyNodes.productWebhook(tote, "2026-11-20T10:00:00Z"));
        awaitSettled();
        assertThat(fake.mutations).as("nothing half-written, nothing that came from Shopify is sent").isEmpty();
        assertThat(push.deferredSoFar()).as("the timer's push met products still being applied").isPositive();
        odoo.proxy().latency("product.template.attribute.value.load", Duration.ZERO);

        // Shopify's stock, applied to Odoo (Odoo owns stock: the first level of each variant is taken)
        int[] available = {7, 0, 3, 12};
        for (int n = 1; n <= 4; n++) {
            long item = 7001L * 1000 + n;
            setShopifyStock(item, available[n - 1]);
            shopify.send("inventory_levels/update", "{\"inventory_item_id\":" + item + ",\"location_id\":" + LOCATION + ",\"available\":"
                    + available[n - 1] + ",\"updated_at\":\"2026-11-20T11:00:00Z\"}");
        }
        awaitSettled();
        ShopifyPush.Summary settled = push.run();
        assertThat(settled.pricesPushed() + settled.descriptionsPushed() + settled.quantitiesPushed()).as("%s", settled).isZero();
        assertThat(fake.mutations).as("nothing that came from Shopify is sent back").isEmpty();
        assertShopifyHasOdoosValues();

        // a change made in Odoo goes out once: the apron's price (every variant), its description and one count
        OdooClient rpc = odoo.client();
        int apronTemplate = bound("product.template", "product_7001");
        rpc.write("product.template", List.of(apronTemplate), Map.of("list_price", 25.5,
                "description", "<p>Heavy <em>linen</em> apron, <strong>washable</strong></p>"), null);
        BoundCatalog.setQuantities(rpc, List.of(bound("product.product", "variant_7001002")), "WH/Stock", 9);
        String item = ShopifyNodes.gid("InventoryItem", 7001002) + "@gid://shopify/Location/" + LOCATION;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(variantPrices(apron)).containsExactly("25.50", "27.50", "30.50", "32.50");
            assertThat(apron.path("descriptionHtml").asText()).isEqualTo("<p>Heavy <em>linen</em> apron, <strong>washable</strong></p>");
            assertThat(fake.inventory).containsEntry(item, 9);
        });
        // each value once (a run may straddle the Odoo write: then some prices go in one call, the rest in the next)
        List<String> apronVariants = new ArrayList<>();
        apron.path("variants").path("nodes").forEach(v -> apronVariants.add(v.path("id").asText()));
        assertThat(fake.pricedVariants).containsExactlyInAnyOrderElementsOf(apronVariants);
        assertThat(fake.mutations).containsOnly("productVariantsBulkUpdate:" + ShopifyNodes.gid("Product", 7001),
                "productUpdate:" + ShopifyNodes.gid("Product", 7001), "inventorySetQuantities");
        assertThat(fake.mutations).containsOnlyOnce("productUpdate:" + ShopifyNodes.gid("Product", 7001), "inventorySetQuantities");
        assertShopifyHasOdoosValues();

        // Shopify tells of that change in turn (products/update): recorded, not pushed again
        shopify.send("products/update", ShopifyNodes.productWebhook(apron, "2026-11-21T10:00:00Z"));
        awaitSettled();
        int sent = fake.mutations.size();
        push.run();
        assertThat(fake.mutations).hasSize(sent);
        assertShopifyHasOdoosValues();
    }

    /** Every product in Shopify has Odoo's prices (per variant), description (HTML) and, where Odoo counts it, stock. */
    private void assertShopifyHasOdoosValues() {
        List<String> names = new ArrayList<>();
        for (JsonNode p : fake.productNodes) {
            names.add("product_" + ShopifyNodes.id(p.path("id").asText()));
            for (JsonNode v : p.path("variants").path("nodes")) {
                names.add("variant_" + ShopifyNodes.id(v.path("id").asText()));
            }
        }
        Map<String, Integer> ids = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("ir.model.data", List.of(List.of("module", "=", "shopify"), List.of("name", "in", names)),
                List.of("name", "res_id"))) {
            ids.put((String) r.get("name"), (Integer) r.get("res_id"));
        }
        Map<Integer, Object> odooPrice = new HashMap<>();
        odoo.searchRead("product.product", List.of(List.of("id", "in", new ArrayList<>(ids.values()))), List.of("lst_price"))
                .forEach(r -> odooPrice.put((Integer) r.get("id"), r.get("lst_price")));
        Map<Integer, Object> odooDescription = new HashMap<>();
        odoo.searchRead("product.template", List.of(List.of("id", "in", new ArrayList<>(ids.values()))), List.of("description"))
                .forEach(r -> odooDescription.put((Integer) r.get("id"), r.get("description")));
        Map<Integer, Double> odooStock = new HashMap<>();
        odoo.searchRead("stock.quant", List.of(List.of("product_id", "in", new ArrayList<>(ids.values())), List.of("location_id.complete_name", "=", "WH/Stock")),
                List.of("product_id", "quantity", "reserved_quantity")).forEach(q -> odooStock.merge((Integer) ((List<?>) q.get("product_id")).get(0),
                ((Number) q.get("quantity")).doubleValue() - ((Number) q.get("reserved_quantity")).doubleValue(), Double::sum));
        for (JsonNode p : fake.productNodes) {
            String product = "product_" + ShopifyNodes.id(p.path("id").asText());
            assertThat(ids).as(product).containsKey(product);
            assertThat(odooDescription.get(ids.get(product))).as("description of %s", product).isEqualTo(p.path("descriptionHtml").asText());
            for (JsonNode v : p.path("variants").path("nodes")) {
                Integer variant = ids.get("variant_" + ShopifyNodes.id(v.path("id").asText()));
                assertThat(variant).as("%s bound", v.path("sku").asText()).isNotNull();
                assertThat(money(((Number) odooPrice.get(variant)).doubleValue())).as("price of %s", v.path("sku").asText())
                        .isEqualTo(v.path("price").asText());
                String where = v.path("inventoryItem").path("id").asText() + "@gid://shopify/Location/" + LOCATION;
                if (fake.inventory.containsKey(where) || odooStock.containsKey(variant)) {
                    assertThat(odooStock.getOrDefault(variant, 0.0)).as("stock of %s", v.path("sku").asText())
                            .isEqualTo((double) fake.inventory.getOrDefault(where, 0));
                }
            }
        }
    }

    /** What Shopify has before the hub hears of it: its level at the location, and the variant's inventoryQuantity. */
    private void setShopifyStock(long item, int quantity) {
        fake.inventory.put(ShopifyNodes.gid("InventoryItem", item) + "@gid://shopify/Location/" + LOCATION, quantity);
        for (JsonNode p : fake.productNodes) {
            for (JsonNode v : p.path("variants").path("nodes")) {
                if (v.path("inventoryItem").path("id").asText().equals(ShopifyNodes.gid("InventoryItem", item))) {
                    ((ObjectNode) v).put("inventoryQuantity", quantity);
                }
            }
        }
    }

    private static List<String> variantPrices(JsonNode product) {
        List<String> out = new ArrayList<>();
        product.path("variants").path("nodes").forEach(v -> out.add(v.path("price").asText()));
        return out;
    }

    private int bound(String model, String name) {
        return (Integer) odoo.searchRead("ir.model.data", List.of(List.of("module", "=", "shopify"), List.of("model", "=", model),
                List.of("name", "=", name)), List.of("res_id")).get(0).get("res_id");
    }

    private void awaitSettled() {
        Inbox inbox = hub.bean("inbox", Inbox.class);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox.depth(ShopifyTopic.FLOW) == 0);
        assertThat(inbox.countsByStatus(ShopifyTopic.FLOW).getOrDefault("dead", 0L)).as("dead letters").isZero();
    }

    private static String money(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
