package io.odoohub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.api.ApiClient;
import io.odoohub.api.Role;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A shop where Shopify owns stock ({@code hub.shopify.odoo-owns=description,price}): every inventory level Shopify sends
 * is applied in Odoo, and the reconciliation's resync brings a count Odoo lost back from Shopify.
 */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopifyOwnedStockIT {

    private static final String SECRET = "fake-shopify-secret-owned_stock";
    private static final String TOKEN = "fake-shopify-token-owned_stock";
    private static final String ADMIN = "shopify-owned-stock-it-admin-token-0123";

    private TestOdoo odoo;
    private FakeShopifyAdmin fake;
    private HubRuntime hub;
    private ShopifySender shopify;

    @BeforeAll
    void start() throws Exception {
        odoo = TestOdoo.start();
        fake = new FakeShopifyAdmin(TOKEN, 2000, 1000);
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.admin-token", ADMIN);
        settings.put("hub.shopify.client-secret", SECRET);
        settings.put("hub.shopify.shop", "example.myshopify.com");
        settings.put("hub.shopify.admin-url", fake.baseUrl());
        settings.put("hub.shopify.access-token", TOKEN);
        settings.put("hub.shopify.odoo-owns", "description,price");
        settings.put("hub.shopify.location-map", "655441491=WH/Stock");
        hub = HubRuntime.start(Files.createTempDirectory("shopify-owned-stock-it"), settings);
        shopify = new ShopifySender(hub.httpPort(), SECRET);
    }

    @AfterAll
    void stop() throws Exception {
        hub.close();
        fake.close();
        odoo.close();
    }

    @Test
    void everyLevelIsAppliedAndTheResyncTakesShopifysCount() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        awaitDone();
        shopify.send("inventory_levels/update", Fixtures.text("inventory_level.json"));
        awaitDone();
        assertThat(quantity("TEE-S-RED")).isEqualTo(42.0);
        ObjectNode later = Fixtures.tree("inventory_level.json");
        later.put("available", 3).put("updated_at", "2026-11-20T14:00:00-05:00");
        shopify.send("inventory_levels/update", Fixtures.json(later));
        awaitDone();
        assertThat(quantity("TEE-S-RED")).as("Shopify owns stock: a later level is applied too").isEqualTo(3.0);
        // Odoo reserves 2 of them (an order it confirmed): it can sell 1, Shopify says 3
        new OdooShop(odoo.client()).reserve("TEE-S-RED", "WH/Stock", 2);

        // a later level that never reached the hub: Shopify can sell 9
        fake.productNodes.add(graphqlProduct(9));
        ApiClient api = new ApiClient(hub.httpPort());
        String operator = api.issue(ADMIN, "owned-stock-operator", Role.OPERATOR);
        HttpResponse<String> report = api.send("POST", "/api/v1/shopify/reconcile", operator,
                "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"resync\":true}");
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        var json = ApiClient.json(report);
        assertThat(json.get("stock").toString()).isEqualTo("[{\"sku\":\"TEE-S-RED\",\"shopify\":9,\"odoo\":1.0}]");
        assertThat(json.get("resynced").asInt()).isEqualTo(1);
        awaitDone();
        assertThat(quantity("TEE-S-RED")).as("Shopify's 9 available plus the 2 Odoo reserved, on hand in Odoo").isEqualTo(11.0);
        var again = ApiClient.json(api.send("POST", "/api/v1/shopify/reconcile", operator,
                "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"resync\":false}"));
        assertThat(again.get("stock")).as(again.toString()).isEmpty();
        assertThat(fake.inventoryMutationsApplied.get()).as("nothing pushed to Shopify").isZero();
    }

    /** The fixture product as the Admin API's GraphQL answers it, with only the first variant counted. */
    private static ObjectNode graphqlProduct(int redSmallQuantity) {
        ObjectNode p = Fixtures.JSON.createObjectNode();
        p.put("id", "gid://shopify/Product/788032119674292922").put("title", "IPod Nano - 8GB").put("descriptionHtml", "")
                .put("vendor", "Apple").put("productType", "Shirts").put("updatedAt", "2026-11-20T13:00:00-05:00");
        p.putArray("tags");
        var size = p.putArray("options").addObject().put("name", "Size").putArray("optionValues");
        size.addObject().put("name", "Small");
        ObjectNode v = p.putObject("variants").putArray("nodes").addObject().put("id", "gid://shopify/ProductVariant/642667041472713922")
                .put("sku", "TEE-S-RED").put("price", "19.99").put("inventoryQuantity", redSmallQuantity);
        v.putArray("selectedOptions").addObject().put("name", "Size").put("value", "Small");
        v.putObject("inventoryItem").put("id", "gid://shopify/InventoryItem/43729076");
        return p;
    }

    private double quantity(String sku) {
        return odoo.searchRead("stock.quant", List.of(List.of("product_id.default_code", "=", sku),
                List.of("location_id.complete_name", "=", "WH/Stock")), List.of("quantity"))
                .stream().mapToDouble(q -> ((Number) q.get("quantity")).doubleValue()).sum();
    }

    private void awaitDone() {
        ShopifyDrain.awaitSettled(hub);
    }
}
