package io.odoohub.shopify;

import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.api.ApiClient;
import io.odoohub.api.Role;
import io.odoohub.inbox.Inbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The initial import through the management API against the fake Admin API: paged, ordered, resumed after a failure. */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopifyImportIT {

    private static final String TOKEN = "fake-shopify-token-import_token";
    private static final String ADMIN = "shopify-import-it-admin-token-0123456789";
    private static final String LOCATION = "655441491";

    private TestOdoo odoo;
    private FakeShopifyAdmin fake;
    private HubRuntime hub;

    @BeforeAll
    void start() throws Exception {
        odoo = TestOdoo.start();
        new OdooShop(odoo.client()).currency("USD");
        fake = new FakeShopifyAdmin(TOKEN, 2000, 1000);
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.admin-token", ADMIN);
        settings.put("hub.shopify.shop", "example.myshopify.com");
        settings.put("hub.shopify.admin-url", fake.baseUrl());
        settings.put("hub.shopify.access-token", TOKEN);
        settings.put("hub.shopify.import.page-size", "2");
        // the push is on for the reconciliation's stock resync; its timer does not fire during the test
        settings.put("hub.shopify.location-map", LOCATION + "=WH/Stock");
        settings.put("hub.shopify.push.location", LOCATION);
        settings.put("hub.shopify.push.enabled", "true");
        settings.put("hub.shopify.push.interval-ms", "3600000");
        hub = HubRuntime.start(Files.createTempDirectory("shopify-import-it"), settings);
        for (int i = 1; i <= 3; i++) {
            fake.customerNodes.add(customer(100 + i));
        }
        fake.productNodes.add(product(500, "TEE", List.of("Small", "Large"), List.of("Red", "Blue")));
        fake.productNodes.add(product(600, "MUG", List.of("Default Title"), List.of()));
        fake.orderNodes.add(order(9101, "2026-10-30T10:00:00Z", 101)); // before the range
        for (int i = 2; i <= 5; i++) {
            fake.orderNodes.add(order(9100 + i, "2026-11-0" + i + "T10:00:00Z", 100 + (i % 3) + 1));
        }
    }

    @AfterAll
    void stop() throws Exception {
        hub.close();
        fake.close();
        odoo.close();
    }

    @Test
    @Order(1)
    void customersThenProductsThenOrdersInTheRangeAndAFailedImportResumesFromItsCursor() throws Exception {
        ApiClient api = new ApiClient(hub.httpPort());
        String operator = api.issue(ADMIN, "import-operator", Role.OPERATOR);
        fake.failOnce("orders:cursor:2");
        HttpResponse<String> started = api.send("POST", "/api/v1/shopify/import", operator, "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> progress(api, operator).contains("\"failed\""));
        assertThat(progress(api, operator)).contains("\"phase\":\"orders\"").contains("\"done\":2").contains("\"total\":4");

        HttpResponse<String> resumed = api.send("POST", "/api/v1/shopify/import", operator, "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"}");
        assertThat(resumed.statusCode()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> progress(api, operator).contains("\"finished\""));
        assertThat(progress(api, operator)).contains("\"done\":4").contains("\"total\":4");
        // the resumed run asked for the failed page (answered 500 the first time) and for no page it had stored already
        assertThat(fake.pagesAsked).containsOnlyOnce("customers:null", "customers:cursor:2", "products:null", "orders:null", "orders:cursor:2")
                .containsSubsequence("customers:null", "customers:cursor:2", "products:null", "orders:null", "orders:cursor:2");

        Inbox inbox = hub.bean("inbox", Inbox.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inbox.depth(ShopifyTopic.FLOW) == 0);
        assertThat(inbox.countsByStatus(ShopifyTopic.FLOW).getOrDefault("dead", 0L)).isZero();
        assertThat(odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "like", "#91")), List.of("client_order_ref")))
                .extracting(o -> o.get("client_order_ref")).containsExactlyInAnyOrder("#9102", "#9103", "#9104", "#9105");
        assertThat(odoo.searchRead("res.partner", List.of(List.of("email", "like", "import.customer")), List.of("id"))).hasSize(3);
        assertThat(odoo.searchRead("product.product", List.of(List.of("default_code", "like", "TEE-")), List.of("id"))).hasSize(4);
        // the orders' lines found the imported variants: no placeholder; an order edited before the import has its current quantity
        assertThat(odoo.searchRead("sale.order.line", List.of(List.of("order_id.client_order_ref", "in", List.of("#9102", "#9104"))),
                List.of("order_id", "product_uom_qty"))).extracting(l -> ((List<?>) l.get("order_id")).get(1) + ":" + l.get("product_uom_qty"))
                .containsExactlyInAnyOrder("SHOP#9102:2.0", "SHOP#9104:1.0");
        assertThat(odoo.searchRead("product.template", List.of(List.of("name", "like", "[Shopify placeholder]")), List.of("id"))).isEmpty();
    }

    @Test
    @Order(2)
    void reconciliationReportsWhatOdooLacksAndTheResyncBringsItBack() throws Exception {
        ApiClient api = new ApiClient(hub.httpPort());
        String operator = api.issue(ADMIN, "reconcile-operator", Role.OPERATOR);
        // an order Odoo never got (a lost webhook) and one deleted in Odoo
        fake.orderNodes.add(order(9106, "2026-11-06T10:00:00Z", 101));
        io.odoohub.odoo.OdooClient rpc = odoo.client();
        int deleted = (Integer) odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "#9103")), List.of("id")).get(0).get("id");
        // as a person does it: cancelled through Odoo's cancellation wizard, then deleted
        rpc.call("sale.order", "action_cancel", List.of(List.of(deleted)), Map.of("context", Map.of("disable_cancel_warning", true)));
        rpc.unlink("sale.order", List.of(deleted), null);

        HttpResponse<String> report = api.send("POST", "/api/v1/shopify/reconcile", operator,
                "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"resync\":true}");
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        var json = ApiClient.json(report);
        assertThat(json.get("missingOrders").toString()).contains("#9103", "#9106").doesNotContain("#9101", "#9102");
        assertThat(json.get("missingSkus")).isEmpty();
        assertThat(json.get("resynced").asInt()).isEqualTo(2);
        assertThat(json.get("days").toString()).contains("\"day\":\"2026-11-06\",\"shopifyOrders\":1,\"odooOrders\":0");

        Inbox inbox = hub.bean("inbox", Inbox.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inbox.depth(ShopifyTopic.FLOW) == 0);
        HttpResponse<String> again = api.send("POST", "/api/v1/shopify/reconcile", operator,
                "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"resync\":false}");
        var second = ApiClient.json(again);
        assertThat(second.get("missingOrders")).as(again.body()).isEmpty();
        assertThat(second.get("days").toString()).doesNotContain("\"odooOrders\":0");
        assertThat(second.get("inStep").asBoolean()).as(again.body()).isTrue();
    }

    @Test
    @Order(3)
    void aStockDifferenceIsReportedAndOdoosCountIsPushedToShopify() throws Exception {
        ApiClient api = new ApiClient(hub.httpPort());
        String operator = api.issue(ADMIN, "reconcile-stock-operator", Role.OPERATOR);
        io.odoohub.odoo.OdooClient rpc = odoo.client();
        int mug = (Integer) odoo.searchRead("product.product", List.of(List.of("default_code", "=", "MUG")), List.of("id")).get(0).get("id");
        BoundCatalog.setQuantities(rpc, List.of(mug), "WH/Stock", 6);
        new OdooShop(rpc).reserve("MUG", "WH/Stock", 1);
        // Shopify can sell 7 of the mug (someone edited it in the Shopify admin), Odoo 5 (6 on hand, 1 reserved);
        // Odoo owns stock
        String item = "gid://shopify/InventoryItem/6001";
        mugVariant().put("inventoryQuantity", 7);
        fake.inventory.put(item + "@gid://shopify/Location/" + LOCATION, 7);

        HttpResponse<String> dryRun = api.send("POST", "/api/v1/shopify/reconcile", operator,
                "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"resync\":false}");
        var report = ApiClient.json(dryRun);
        assertThat(report.get("stock").toString()).as(dryRun.body()).isEqualTo("[{\"sku\":\"MUG\",\"shopify\":7,\"odoo\":5.0}]");
        assertThat(report.get("inStep").asBoolean()).isFalse();
        assertThat(fake.inventory.get(item + "@gid://shopify/Location/" + LOCATION)).as("a report without resync changes nothing").isEqualTo(7);

        HttpResponse<String> resync = api.send("POST", "/api/v1/shopify/reconcile", operator,
                "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"resync\":true}");
        assertThat(resync.statusCode()).as(resync.body()).isEqualTo(200);
        assertThat(ApiClient.json(resync).get("resynced").asInt()).isEqualTo(1);
        assertThat(fake.inventory.get(item + "@gid://shopify/Location/" + LOCATION)).as("Odoo's count, set in Shopify").isEqualTo(5);
        mugVariant().put("inventoryQuantity", 5);
        var after = ApiClient.json(api.send("POST", "/api/v1/shopify/reconcile", operator,
                "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"resync\":false}"));
        assertThat(after.get("stock")).isEmpty();
        assertThat(after.get("inStep").asBoolean()).as(after.toString()).isTrue();
    }

    private ObjectNode mugVariant() {
        return (ObjectNode) fake.productNodes.get(1).path("variants").path("nodes").get(0);
    }

    private static String progress(ApiClient api, String token) throws Exception {
        return api.send("GET", "/api/v1/shopify/import", token, null).body();
    }

    static ObjectNode customer(long id) {
        ObjectNode c = Fixtures.JSON.createObjectNode();
        c.put("id", "gid://shopify/Customer/" + id).put("firstName", "Imported").put("lastName", "Customer " + id)
                .put("updatedAt", "2026-10-01T00:00:00Z");
        c.putArray("tags").add("imported");
        c.putObject("defaultEmailAddress").put("emailAddress", "import.customer" + id + "@example.com");
        c.putNull("defaultPhoneNumber");
        c.putObject("defaultAddress").put("id", "gid://shopify/MailingAddress/" + id + "1?model_name=CustomerAddress")
                .put("address1", "Main St " + id).put("city", "Austin").put("zip", "73301").put("countryCodeV2", "US");
        c.putObject("addressesV2").putArray("nodes");
        return c;
    }

    static ObjectNode product(long id, String sku, List<String> sizes, List<String> colors) {
        ObjectNode p = Fixtures.JSON.createObjectNode();
        p.put("id", "gid://shopify/Product/" + id).put("title", sku + " product").put("descriptionHtml", "<p>" + sku + "</p>")
                .put("vendor", "Acme").put("productType", "").put("updatedAt", "2026-10-01T00:00:00Z");
        p.putArray("tags");
        var options = p.putArray("options");
        var variants = p.putObject("variants").putArray("nodes");
        if (colors.isEmpty()) {
            options.addObject().put("name", "Title").putArray("optionValues").addObject().put("name", "Default Title");
            ObjectNode v = variants.addObject().put("id", "gid://shopify/ProductVariant/" + id + "1").put("sku", sku).put("price", "8.00");
            v.putArray("selectedOptions").addObject().put("name", "Title").put("value", "Default Title");
            v.putObject("inventoryItem").put("id", "gid://shopify/InventoryItem/" + id + "1");
            return p;
        }
        var size = options.addObject().put("name", "Size").putArray("optionValues");
        sizes.forEach(s -> size.addObject().put("name", s));
        var color = options.addObject().put("name", "Color").putArray("optionValues");
        colors.forEach(c -> color.addObject().put("name", c));
        int n = 0;
        for (String s : sizes) {
            for (String c : colors) {
                n++;
                ObjectNode v = variants.addObject().put("id", "gid://shopify/ProductVariant/" + id + n)
                        .put("sku", sku + "-" + s.charAt(0) + "-" + c.toUpperCase()).put("price", "19.99");
                var selected = v.putArray("selectedOptions");
                selected.addObject().put("name", "Size").put("value", s);
                selected.addObject().put("name", "Color").put("value", c);
                v.putObject("inventoryItem").put("id", "gid://shopify/InventoryItem/" + id + n);
            }
        }
        return p;
    }

    static ObjectNode order(long id, String createdAt, long customer) {
        ObjectNode o = Fixtures.JSON.createObjectNode();
        o.put("id", "gid://shopify/Order/" + id).put("name", "#" + id).put("email", "import.customer" + customer + "@example.com")
                .put("currencyCode", "USD").put("createdAt", createdAt).put("updatedAt", createdAt).put("displayFinancialStatus", "PAID")
                .putNull("cancelledAt").put("taxesIncluded", false);
        boolean edited = id == 9104; // an order edit took one of its two units off before the import
        o.putObject("totalPriceSet").putObject("shopMoney").put("amount", edited ? "19.99" : "39.98");
        o.putArray("paymentGatewayNames").add("manual");
        o.set("customer", customer(customer));
        o.putObject("billingAddress").put("firstName", "Imported").put("address1", "Main St").put("city", "Austin").put("countryCodeV2", "US");
        o.putObject("shippingAddress").put("firstName", "Imported").put("address1", "Dock 2").put("city", "Austin").put("countryCodeV2", "US");
        var lines = o.putObject("lineItems").putArray("nodes");
        ObjectNode line = lines.addObject().put("id", "gid://shopify/LineItem/" + id + "1").put("sku", "TEE-S-RED").put("title", "TEE product")
                .put("variantTitle", "Small / Red").put("quantity", 2).put("currentQuantity", edited ? 1 : 2);
        line.putObject("variant").put("id", "gid://shopify/ProductVariant/5001");
        line.putObject("product").put("id", "gid://shopify/Product/500");
        line.putObject("originalUnitPriceSet").putObject("shopMoney").put("amount", "19.99");
        line.putObject("totalDiscountSet").putObject("shopMoney").put("amount", "0.00");
        line.putArray("taxLines");
        o.putObject("shippingLines").putArray("nodes");
        return o;
    }
}
