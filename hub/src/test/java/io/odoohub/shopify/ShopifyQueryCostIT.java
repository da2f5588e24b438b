package io.odoohub.shopify;

import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.api.ApiClient;
import io.odoohub.api.Role;
import io.odoohub.inbox.Inbox;
import io.odoohub.shopify.client.ShopifyNodes;
import io.odoohub.shopify.flow.ShopifyImport;
import io.odoohub.shopify.flow.ShopifyPush;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A shop with a product of 100 variants and orders of 250 lines, behind a fake Admin API that refuses any query over
 * 1,000 requested points as Shopify does: the import, the push and the reconciliation see all of it, no query is
 * refused, and when Shopify's limit is lower than the hub's calculation the hub asks for less.
 */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopifyQueryCostIT {

    private static final String TOKEN = "fake-shopify-token-cost_token";
    private static final String ADMIN = "shopify-cost-it-admin-token-0123456789";
    private static final String LOCATION = "655441491";
    private static final String RANGE = "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"";

    private TestOdoo odoo;
    private FakeShopifyAdmin fake;
    private HubRuntime hub;
    private ObjectNode big;
    private String operator;
    /** The shop sells in the company's currency (the only one active in a new Odoo). */
    private String currency;

    @BeforeAll
    void start() throws Exception {
        odoo = TestOdoo.start();
        fake = new FakeShopifyAdmin(TOKEN, 50_000, 50_000);
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.admin-token", ADMIN);
        settings.put("hub.shopify.shop", "example.myshopify.com");
        settings.put("hub.shopify.admin-url", fake.baseUrl());
        settings.put("hub.shopify.access-token", TOKEN);
        settings.put("hub.shopify.location-map", LOCATION + "=WH/Stock");
        settings.put("hub.shopify.push.location", LOCATION);
        settings.put("hub.shopify.push.enabled", "true");
        settings.put("hub.shopify.push.interval-ms", "3600000");
        hub = HubRuntime.start(Files.createTempDirectory("shopify-cost-it"), settings);
        operator = new ApiClient(hub.httpPort()).issue(ADMIN, "cost-operator", Role.OPERATOR);
        currency = (String) ((List<?>) odoo.searchRead("res.company", List.of(), List.of("currency_id")).get(0).get("currency_id")).get(1);

        List<String> sizes = IntStream.range(0, 10).mapToObj(i -> "S" + i).toList();
        List<String> colors = IntStream.range(0, 10).mapToObj(i -> "C" + i).toList();
        // additive prices, so Odoo's price extras meet every one of them
        big = ShopifyNodes.product(8001, "Big Tee", "<p>One <em>hundred</em> variants</p>", "BIG", sizes, colors,
                (size, color) -> money(10 + size + 0.5 * color));
        fake.productNodes.add(big);
        for (int i = 1; i <= 20; i++) {
            fake.productNodes.add(ShopifyNodes.product(8100 + i, "Small " + i, "<p>Small</p>", "SMALL" + i, List.of("One"), List.of(), (s, c) -> "5.00"));
        }
        fake.orderNodes.add(ShopifyNodes.order(9001, currency, "2026-11-02T10:00:00Z", 1, big, lines(250)));
        for (int i = 1; i <= 8; i++) {
            fake.orderNodes.add(ShopifyNodes.order(9100 + i, currency, "2026-11-03T10:00:00Z", 1 + i % 3, big, List.of(i)));
        }
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
    @Order(1)
    void theImportGetsAHundredVariantsAndTwoHundredFiftyLinesWithNoQueryOverTheLimit() {
        ShopifyImport importer = hub.bean("shopifyImport", ShopifyImport.class);
        importer.runAll(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));
        assertThat(importer.progress().state()).as("%s", importer.progress()).isEqualTo("finished");
        awaitSettled();

        assertThat(fake.costRefusals.get()).isZero();
        assertThat(fake.maxRequestedCost.get()).isLessThanOrEqualTo(1000);
        // 15 products a page (5 points a product and 3 a variant of the 20 asked for), 7 orders (17, 10 a line, 6 a shipping line)
        assertThat(fake.pagesAsked).contains("products:null", "products:cursor:15", "orders:null", "orders:cursor:7")
                .doesNotContain("products:cursor:30", "orders:cursor:14");
        String bigGid = ShopifyNodes.gid("Product", 8001);
        String orderGid = ShopifyNodes.gid("Order", 9001);
        assertThat(fake.followUpsAsked).contains("product:" + bigGid + ":variants:variants:20", "order:" + orderGid + ":lineItems:lineItems:10",
                "order:" + orderGid + ":lineItems:lineItems:109", "order:" + orderGid + ":lineItems:lineItems:208");

        Map<String, Integer> variants = boundVariants();
        assertThat(variants).hasSize(100);
        Map<Integer, Double> prices = lstPrices(variants.values());
        for (JsonNode v : big.path("variants").path("nodes")) {
            assertThat(money(prices.get(variants.get("variant_" + ShopifyNodes.id(v.path("id").asText())))))
                    .as(v.path("sku").asText()).isEqualTo(v.path("price").asText());
        }
        assertThat(productLines("#9001")).hasSize(250);
    }

    @Test
    @Order(2)
    void thePushSendsAHundredVariantPricesAndCounts() {
        ShopifyPush push = hub.bean("shopifyPush", ShopifyPush.class);
        assertThat(push.run().pricesPushed()).as("nothing changed in Odoo yet").isZero();
        int template = (Integer) odoo.searchRead("ir.model.data", List.of(List.of("module", "=", "shopify"),
                List.of("name", "=", "product_8001")), List.of("res_id")).get(0).get("res_id");
        odoo.client().write("product.template", List.of(template), Map.of("list_price", 12.0), null);
        ShopifyPush.Summary prices = push.run();
        assertThat(prices.pricesPushed()).as("%s", prices).isEqualTo(100);
        assertThat(fake.mutations).containsExactly("productVariantsBulkUpdate:" + ShopifyNodes.gid("Product", 8001));
        assertThat(big.path("variants").path("nodes").get(99).path("price").asText()).isEqualTo("25.50");

        BoundCatalog.setQuantities(odoo.client(), new ArrayList<>(boundVariants().values()), "WH/Stock", 4);
        ShopifyPush.Summary stock = push.run();
        assertThat(stock.quantitiesPushed()).as("%s", stock).isEqualTo(100);
        assertThat(fake.mutations).containsExactly("productVariantsBulkUpdate:" + ShopifyNodes.gid("Product", 8001), "inventorySetQuantities");
        assertThat(fake.costRefusals.get()).isZero();
    }

    @Test
    @Order(3)
    void theReconciliationComparesEveryVariantAndBringsBackAMissingOrderOfTwoHundredFiftyLines() throws Exception {
        ApiClient api = new ApiClient(hub.httpPort());
        // someone sold one of a variant past the first 20 in Shopify's admin
        ObjectNode variant95 = (ObjectNode) big.path("variants").path("nodes").get(95);
        variant95.put("inventoryQuantity", 1);
        var report = ApiClient.json(api.send("POST", "/api/v1/shopify/reconcile", operator, RANGE + ",\"resync\":false}"));
        assertThat(report.get("missingSkus")).as("%s", report).isEmpty();
        assertThat(report.get("missingOrders")).as("%s", report).isEmpty();
        assertThat(report.get("stock").toString()).isEqualTo("[{\"sku\":\"BIG-S9-C5\",\"shopify\":1,\"odoo\":4.0}]");

        // an order of 250 lines whose webhook was lost; the resync brings it, and Odoo's count back to Shopify
        fake.orderNodes.add(ShopifyNodes.order(9002, currency, "2026-11-04T10:00:00Z", 2, big, lines(250)));
        HttpResponse<String> resync = api.send("POST", "/api/v1/shopify/reconcile", operator, RANGE + ",\"resync\":true}");
        assertThat(resync.statusCode()).as(resync.body()).isEqualTo(200);
        assertThat(ApiClient.json(resync).get("missingOrders").toString()).isEqualTo("[\"#9002\"]");
        awaitSettled();
        assertThat(productLines("#9002")).hasSize(250);
        assertThat(variant95.path("inventoryQuantity").asInt()).isEqualTo(4);
        assertThat(fake.costRefusals.get()).isZero();
        assertThat(fake.maxRequestedCost.get()).isLessThanOrEqualTo(1000);
    }

    @Test
    @Order(4)
    void whenShopifyRefusesAQueryForItsCostTheHubAsksForLess() throws Exception {
        fake.maxQueryCost = 300; // Shopify counting more than the hub's calculation
        try {
            int pagesBefore = fake.pagesAsked.size();
            HttpResponse<String> response = new ApiClient(hub.httpPort()).send("POST", "/api/v1/shopify/reconcile", operator,
                    RANGE + ",\"resync\":false}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var report = ApiClient.json(response);
            assertThat(report.get("missingOrders")).isEmpty();
            assertThat(report.get("missingSkus")).isEmpty();
            assertThat(report.get("stock")).isEmpty();
            assertThat(fake.costRefusals.get()).as("refused, then asked for less").isPositive();
            // orders: 2 a page under 300 points (129 each), after the first refusal
            assertThat(fake.pagesAsked.subList(pagesBefore, fake.pagesAsked.size())).contains("orders:cursor:2", "products:cursor:4");
        } finally {
            fake.maxQueryCost = 1000;
        }
    }

    private static List<Integer> lines(int n) {
        return IntStream.range(0, n).map(i -> i % 100).boxed().toList();
    }

    private Map<String, Integer> boundVariants() {
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("ir.model.data", List.of(List.of("module", "=", "shopify"), List.of("model", "=", "product.product"),
                List.of("name", "=like", "variant_8001%")), List.of("name", "res_id"))) {
            out.put((String) r.get("name"), (Integer) r.get("res_id"));
        }
        return out;
    }

    private Map<Integer, Double> lstPrices(java.util.Collection<Integer> ids) {
        Map<Integer, Double> out = new HashMap<>();
        odoo.searchRead("product.product", List.of(List.of("id", "in", new ArrayList<>(ids))), List.of("lst_price"))
                .forEach(r -> out.put((Integer) r.get("id"), ((Number) r.get("lst_price")).doubleValue()));
        return out;
    }

    private List<Map<String, Object>> productLines(String ref) {
        return odoo.searchRead("sale.order.line", List.of(List.of("order_id.client_order_ref", "=", ref), List.of("display_type", "=", false)),
                List.of("product_id"));
    }

    private void awaitSettled() {
        Inbox inbox = hub.bean("inbox", Inbox.class);
        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200))
                .until(() -> inbox.depth(ShopifyTopic.FLOW) == 0);
        assertThat(inbox.countsByStatus(ShopifyTopic.FLOW).getOrDefault("dead", 0L)).as("dead letters").isZero();
    }

    private static String money(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
