package io.odoohub.shopify;

import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import io.odoohub.odoo.OdooCapabilities;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.odoo.OdooReferences;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An Odoo without the {@code delivery} module (Sales + Inventory: no {@code delivery.carrier}, no
 * {@code sale.order.carrier_id}, no {@code sale.order.line.is_delivery}): the real Odoo with the module uninstalled
 * over XML-RPC, or the sandbox started without it. An order with a shipping line lands, its shipping line an ordinary
 * service line on the hub's shipping product; Shopify's edit of the shipping price finds that line again.
 */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopifyWithoutDeliveryIT {

    private static final String SECRET = "fake-shopify-secret-no_delivery";

    private TestOdoo odoo;
    private OdooClient rpc;
    private HubRuntime hub;
    private ShopifySender shopify;

    @BeforeAll
    void start() throws Exception {
        odoo = TestOdoo.startWithout("delivery");
        rpc = odoo.client();
        OdooShop shop = new OdooShop(rpc).currency("USD");
        shop.paymentMethod("Shopify Payments", "shopify");
        shop.saleTax("US State Tax 8%", 8.0);
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.shopify.client-secret", SECRET);
        // configured when the shop had the delivery module: there is no carrier to map to any more
        settings.put("hub.shopify.carrier-map", "Standard Shipping=Standard delivery");
        settings.put("hub.shopify.payment-map", "shopify_payments=Shopify Payments");
        hub = HubRuntime.start(Files.createTempDirectory("shopify-no-delivery-it"), settings);
        shopify = new ShopifySender(hub.httpPort(), SECRET);
    }

    @AfterAll
    void stop() throws Exception {
        hub.close();
        odoo.close();
    }

    @Test
    void theDatabaseLacksTheDeliveryModuleAndTheConnectorSaysWhatItDoesInstead() {
        OdooCapabilities caps = rpc.capabilities();
        assertThat(caps.hasModel("delivery.carrier")).isFalse();
        assertThat(caps.hasField("sale.order.line", "is_delivery")).isFalse();
        List<OdooCapabilities.Finding> findings = caps.check(ShopifyConnector.REQUIREMENTS);
        assertThat(findings).filteredOn(f -> !f.present()).extracting(f -> f.requirement().name())
                .containsExactlyInAnyOrder("delivery.carrier", "sale.order.carrier_id", "sale.order.line.is_delivery");
        assertThat(findings).filteredOn(f -> !f.present()).allSatisfy(f -> {
            assertThat(f.requirement().optional()).isTrue();
            assertThat(f.message()).contains("module delivery").contains("ordinary service line").contains("Shipping (Shopify)");
        });
        assertThat(findings).filteredOn(f -> f.requirement().module().equals("sale")).allMatch(OdooCapabilities.Finding::present);
    }

    @Test
    void anOrderWithAShippingLineLandsWithItAsAServiceLineAndAnEditOfTheShippingPriceUpdatesThatLine() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        ShopifyDrain.awaitSettled(hub);
        ObjectNode order = Fixtures.tree("order.json");
        shopify.send("orders/create", Fixtures.json(order));
        ShopifyDrain.awaitSettled(hub);

        List<Map<String, Object>> orders = odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "#1001")),
                List.of("state", OdooReferences.PAYMENT_FIELD));
        assertThat(orders).singleElement().satisfies(so -> {
            assertThat(so).containsEntry("state", "sale");
            assertThat(((List<?>) so.get(OdooReferences.PAYMENT_FIELD)).get(1)).isEqualTo("Shopify Payments");
        });
        int so = (Integer) orders.get(0).get("id");
        int shippingProduct = (Integer) odoo.searchRead("ir.model.data", List.of(List.of("module", "=", "shopify"),
                List.of("name", "=", "shipping"), List.of("model", "=", "product.product")), List.of("res_id")).get(0).get("res_id");
        assertThat(odoo.searchRead("product.product", List.of(List.of("id", "=", shippingProduct)), List.of("type", "name")))
                .singleElement().satisfies(p -> assertThat(p).containsEntry("type", "service").containsEntry("name", "Shipping (Shopify)"));
        List<Map<String, Object>> shipping = shippingLines(so, shippingProduct);
        assertThat(shipping).singleElement().satisfies(l -> {
            assertThat(l).containsEntry("name", "Standard Shipping").containsEntry("price_unit", 10.0).containsEntry("product_uom_qty", 1.0);
            assertThat((List<?>) l.get(taxes())).hasSize(1);
        });
        assertThat(odoo.searchRead("sale.order.line", List.of(List.of("order_id", "=", so)), List.of("id"))).hasSize(3);
        assertThat(history("order:" + order.get("id").asLong())).allSatisfy(r -> assertThat(r.fieldsSynced()).doesNotContain("carrier"));

        // Shopify changes the shipping price: the same line is updated, none added
        ObjectNode edited = order.deepCopy();
        edited.put("updated_at", "2026-11-20T15:00:00-05:00");
        ((ObjectNode) edited.withArray("shipping_lines").get(0)).put("price", "12.00");
        shopify.send("orders/updated", Fixtures.json(edited));
        ShopifyDrain.awaitSettled(hub);
        assertThat(shippingLines(so, shippingProduct)).singleElement().satisfies(l -> {
            assertThat(l.get("id")).isEqualTo(shipping.get(0).get("id"));
            assertThat(l.get("price_unit")).isEqualTo(12.0);
        });
        assertThat(odoo.searchRead("sale.order.line", List.of(List.of("order_id", "=", so)), List.of("id"))).hasSize(3);

        // a replay changes nothing
        Map<String, Long> before = odoo.callsByMethod();
        shopify.send("orders/updated", Fixtures.json(edited), "w-replay", "e-replay");
        shopify.send("orders/updated", Fixtures.json(edited), "w-replay-2", "e-replay-2");
        ShopifyDrain.awaitSettled(hub);
        assertThat(odoo.callsByMethod().getOrDefault("sale.order.write", 0L)).isEqualTo(before.getOrDefault("sale.order.write", 0L));
        assertThat(odoo.searchRead("sale.order.line", List.of(List.of("order_id", "=", so)), List.of("id"))).hasSize(3);
    }

    private List<Map<String, Object>> shippingLines(int so, int shippingProduct) {
        return odoo.searchRead("sale.order.line", List.of(List.of("order_id", "=", so), List.of("product_id", "=", shippingProduct)),
                List.of("name", "price_unit", "product_uom_qty", taxes()));
    }

    private List<SyncRecord> history(String key) {
        return hub.bean("syncLog", SyncLog.class).list(new SyncLog.Query(ShopifyTopic.FLOW, null, key, null, 0, 50));
    }

    /** sale.order.line's taxes as this Odoo names the field: tax_id up to Odoo 18, tax_ids from 19 (the hub reads fields_get). */
    private String taxes() {
        return odoo.majorVersion() >= 19 ? "tax_ids" : "tax_id";
    }
}
