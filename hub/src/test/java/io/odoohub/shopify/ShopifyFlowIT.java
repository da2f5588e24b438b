package io.odoohub.shopify;

import io.odoohub.shopify.flow.ShopifyPush;
import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.flow.ShopifyState;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Webhooks over real HTTP, through the inbox and the apply route, into the sandbox over XML-RPC. */
@Tag(TestOdoo.TAG)
@Tag(TestOdoo.XMLRPC_ON_19)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopifyFlowIT {

    private static final String SECRET = "fake-shopify-secret-flow_secret";

    private TestOdoo odoo;
    private OdooClient rpc;
    private HubRuntime hub;
    private ShopifySender shopify;

    @BeforeAll
    void start() throws Exception {
        odoo = TestOdoo.start();
        rpc = odoo.client();
        OdooShop shop = new OdooShop(rpc).currency("USD");
        shop.carrier("Standard delivery");
        shop.paymentMethod("Shopify Payments", "shopify");
        shop.saleTax("US State Tax 8%", 8.0);
        shop.categoryUnder(odoo.rootCategory().id(), "Clothes");
        // a custom field for a metafield, as Odoo Studio makes it
        shop.customCharField("product.template", "x_material", "Material");
        // an existing customer in Odoo, with the email in another case
        rpc.create("res.partner", List.of(Map.of("name", "Robert Norman", "email", "bob.norman@mail.example.com")), null);
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.shopify.client-secret", SECRET);
        settings.put("hub.shopify.carrier-map", "Standard Shipping=Standard delivery");
        settings.put("hub.shopify.payment-map", "shopify_payments=Shopify Payments");
        settings.put("hub.shopify.category-map", "Shirts=" + odoo.rootCategory().name() + " / Clothes");
        settings.put("hub.shopify.metafield-map", "custom.material=x_material");
        settings.put("hub.shopify.location-map", "655441491=WH/Stock");
        hub = HubRuntime.start(Files.createTempDirectory("shopify-flow-it"), settings);
        shopify = new ShopifySender(hub.httpPort(), SECRET);
    }

    @AfterAll
    void stop() throws Exception {
        hub.close();
        odoo.close();
    }

    @Test
    void aCustomerIsMatchedByEmailAndGetsInvoiceAndDeliveryContactsAndTags() throws Exception {
        assertThat(shopify.send("customers/create", Fixtures.text("customer.json")).statusCode()).isEqualTo(200);
        awaitDone();
        List<Map<String, Object>> partners = odoo.searchRead("res.partner",
                List.of(List.of("email", "=ilike", "bob.norman@mail.example.com")), List.of("name", "child_ids", "category_id", "city", "state_id"));
        assertThat(partners).hasSize(1);
        assertThat(partners.get(0)).containsEntry("name", "Bob Norman").containsEntry("city", "Louisville");
        assertThat(((List<?>) partners.get(0).get("state_id")).get(1)).isEqualTo("Kentucky (US)");
        assertThat((List<?>) partners.get(0).get("category_id")).hasSize(2);
        // each address's province_code, in its own country: KY in the United States, ON in Canada
        List<Map<String, Object>> children = odoo.searchRead("res.partner", List.of(List.of("parent_id", "=", partners.get(0).get("id"))),
                List.of("type", "city", "state_id"));
        assertThat(children).extracting(c -> c.get("type") + ":" + c.get("city") + ":" + ((List<?>) c.get("state_id")).get(1))
                .containsExactlyInAnyOrder("invoice:Louisville:Kentucky (US)", "delivery:Ottawa:Ontario (CA)");
    }

    @Test
    void aProductWithTwoOptionsGetsFourVariantsBySkuAndANewVariantIsAdded() throws Exception {
        ObjectNode product = Fixtures.tree("product.json");
        product.putArray("metafields").addObject().put("namespace", "custom").put("key", "material").put("value", "Organic cotton")
                .put("type", "single_line_text_field");
        shopify.send("products/create", Fixtures.json(product));
        awaitDone();
        List<Map<String, Object>> variants = odoo.searchRead("product.product", List.of(List.of("default_code", "like", "TEE-")),
                List.of("default_code", "barcode", "product_tmpl_id"));
        assertThat(variants).extracting(v -> v.get("default_code")).containsExactlyInAnyOrder("TEE-S-RED", "TEE-S-BLUE", "TEE-L-RED", "TEE-L-BLUE");
        assertThat(variants).extracting(v -> v.get("barcode")).contains("4006381333931");
        List<Map<String, Object>> template = odoo.searchRead("product.template", List.of(List.of("name", "=", "Example T-Shirt")),
                List.of("list_price", "categ_id", "description", "attribute_line_ids", "x_material"));
        assertThat(template).hasSize(1);
        assertThat(template.get(0)).containsEntry("x_material", "Organic cotton");
        assertThat(template.get(0)).containsEntry("list_price", 19.99).containsEntry("description", "<p>A <strong>soft</strong> cotton tee.</p>");
        assertThat(((List<?>) template.get(0).get("categ_id")).get(1)).isEqualTo(odoo.rootCategory().name() + " / Clothes");
        assertThat((List<?>) template.get(0).get("attribute_line_ids")).hasSize(2);

        // Shopify adds a size: one more variant, bound by SKU; Odoo owns the price, so it is not overwritten
        ((ArrayNode) product.withArray("options").get(0).withArray("values")).add("Medium");
        ObjectNode medium = product.withArray("variants").get(0).deepCopy();
        medium.put("id", 757650484644203999L).put("sku", "TEE-M-RED").put("option1", "Medium").put("barcode", "4006381333979")
                .put("price", "25.00").put("inventory_item_id", 43729080);
        product.withArray("variants").add(medium);
        product.withArray("variants").forEach(v -> ((ObjectNode) v).put("price", "99.00"));
        product.put("updated_at", "2026-11-21T09:00:00-05:00");
        shopify.send("products/update", Fixtures.json(product));
        awaitDone();
        assertThat(odoo.searchRead("product.product", List.of(List.of("default_code", "=", "TEE-M-RED")), List.of("id"))).hasSize(1);
        assertThat(odoo.searchRead("product.template", List.of(List.of("name", "=", "Example T-Shirt")), List.of("list_price")).get(0))
                .containsEntry("list_price", 19.99);
        assertThat(odoo.searchRead("product.template", List.of(List.of("name", "=", "Example T-Shirt")), List.of("id"))).hasSize(1);
    }

    @Test
    void aPaidOrderLandsConfirmedWithItsLinesDiscountTaxShippingAndPaymentAndAReplayChangesNothing() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        awaitDone();
        String order = Fixtures.text("order.json");
        shopify.send("orders/create", order);
        awaitDone();
        List<Map<String, Object>> orders = odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "#1001")),
                List.of("name", "state", "partner_id", "partner_shipping_id", "partner_invoice_id", "currency_id", "carrier_id",
                        OdooPaymentField.NAME, "order_line"));
        assertThat(orders).hasSize(1);
        Map<String, Object> so = orders.get(0);
        assertThat(so).containsEntry("name", "SHOP#1001").containsEntry("state", "sale");
        assertThat(((List<?>) so.get("currency_id")).get(1)).isEqualTo("USD");
        assertThat(((List<?>) so.get("carrier_id")).get(1)).isEqualTo("Standard delivery");
        assertThat(((List<?>) so.get(OdooPaymentField.NAME)).get(1)).isEqualTo("Shopify Payments");
        assertThat(so.get("partner_shipping_id")).isNotEqualTo(so.get("partner_id"));
        List<Map<String, Object>> lines = odoo.searchRead("sale.order.line", List.of(List.of("order_id", "=", so.get("id"))),
                List.of("product_id", "product_uom_qty", "price_unit", "discount", taxes(), "is_delivery", "price_subtotal"));
        assertThat(lines).hasSize(3);
        Map<String, Object> first = lines.stream().filter(l -> ((Number) l.get("product_uom_qty")).doubleValue() == 2.0).findFirst().orElseThrow();
        assertThat(first.get("price_unit")).isEqualTo(19.99);
        // 4.00 off 2 x 19.99 is 10.005 %: Odoo keeps discounts at two decimals ('Discount' precision)
        assertThat(((Number) first.get("discount")).doubleValue()).isCloseTo(10.01, org.assertj.core.data.Offset.offset(0.001));
        assertThat((List<?>) first.get(taxes())).hasSize(1);
        assertThat(lines).filteredOn(l -> Boolean.TRUE.equals(l.get("is_delivery"))).singleElement()
                .satisfies(l -> assertThat(l.get("price_unit")).isEqualTo(10.0));

        // the same order again (a second subscription, a replay): nothing new
        shopify.send("orders/create", order);
        awaitDone();
        assertThat(odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "#1001")), List.of("id"))).hasSize(1);
        assertThat(odoo.searchRead("sale.order.line", List.of(List.of("order_id", "=", so.get("id"))), List.of("id"))).hasSize(3);
    }

    @Test
    void anUpdateBeforeItsCreateStillLandsAndTheOlderCreateIsDroppedAsStale() throws Exception {
        ObjectNode created = Fixtures.tree("order.json");
        created.put("id", 9001L).put("name", "#2001").put("financial_status", "pending");
        ((ObjectNode) created.get("customer")).put("id", 555000111L).put("email", "new.buyer@example.com").put("first_name", "Nia");
        ((ObjectNode) created.withArray("line_items").get(0)).put("sku", "NOT-IN-ODOO").put("variant_id", 111222333L).put("title", "Mystery box");
        ObjectNode updated = created.deepCopy();
        updated.put("updated_at", "2026-11-20T15:00:00-05:00").put("financial_status", "paid");
        shopify.send("orders/updated", Fixtures.json(updated));
        awaitDone();
        shopify.send("orders/create", Fixtures.json(created));
        awaitDone();
        List<Map<String, Object>> orders = odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "#2001")),
                List.of("state", "partner_id"));
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0)).containsEntry("state", "sale");
        assertThat(odoo.searchRead("res.partner", List.of(List.of("email", "=", "new.buyer@example.com")), List.of("id"))).hasSize(1);
        List<Map<String, Object>> placeholder = odoo.searchRead("product.product", List.of(List.of("default_code", "=", "NOT-IN-ODOO")),
                List.of("name"));
        assertThat(placeholder).hasSize(1);
        assertThat((String) placeholder.get(0).get("name")).startsWith("[Shopify placeholder]");
        assertThat(inbox().countsByStatus(ShopifyTopic.FLOW).getOrDefault("stale", 0L)).isGreaterThanOrEqualTo(1L);
        List<SyncRecord> history = history("order:9001");
        assertThat(history).anySatisfy(r -> assertThat(r.fieldsSynced()).contains("NOT-IN-ODOO"));
    }

    @Test
    void aCancelledOrderIsCancelled() throws Exception {
        ObjectNode order = Fixtures.tree("order.json");
        order.put("id", 9002L).put("name", "#2002");
        shopify.send("orders/create", Fixtures.json(order));
        awaitDone();
        order.put("cancelled_at", "2026-11-20T16:00:00-05:00").put("updated_at", "2026-11-20T16:00:00-05:00");
        shopify.send("orders/cancelled", Fixtures.json(order));
        awaitDone();
        assertThat(odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "#2002")), List.of("state")).get(0))
                .containsEntry("state", "cancel");
    }

    @Test
    void anOrderCancelledInShopifyWhileLockedInOdooIsLeftAsItIsAndTheHistorySaysWhy() throws Exception {
        ObjectNode order = order(9009L, "#2009", "paid");
        shopify.send("orders/create", Fixtures.json(order));
        awaitDone();
        int so = saleOrder("#2009");
        rpc.call("sale.order", "action_lock", List.of(List.of(so)), Map.of());
        order.put("cancelled_at", "2026-11-20T16:00:00-05:00").put("updated_at", "2026-11-20T16:00:00-05:00");
        shopify.send("orders/cancelled", Fixtures.json(order));
        awaitDone(); // Odoo refuses to cancel a locked order: asking would dead-letter the event
        assertThat(odoo.searchRead("sale.order", List.of(List.of("id", "=", so)), List.of("state")).get(0)).containsEntry("state", "sale");
        assertThat(history("order:9009")).anySatisfy(r -> assertThat(r.fieldsSynced())
                .contains("cancelled in Shopify, not cancelled in Odoo: sale.order " + so + " is locked in Odoo"));
    }

    @Test
    void anEditedQuotationGetsItsLinesChangedAddedAndRemovedAndAReplayWritesNothing() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        awaitDone();
        ObjectNode order = order(9003L, "#2003", "pending");
        shopify.send("orders/create", Fixtures.json(order));
        awaitDone();
        int so = saleOrder("#2003");
        int delivery = (Integer) lines(so).stream().filter(l -> Boolean.TRUE.equals(l.get("is_delivery"))).findFirst().orElseThrow().get("id");
        assertThat(lines(so)).extracting(l -> l.get(LINE_ID)).containsExactly("466157049", "518995019", false);

        // Shopify's order edit: 2 -> 1 of the first line with a new discount, the second removed, two items added
        // (one of a SKU Odoo does not know), the shipping price changed
        ObjectNode edited = edit(order, "2026-11-20T15:00:00-05:00");
        ((ObjectNode) edited.withArray("line_items").get(0)).put("current_quantity", 1).put("price", "18.00");
        ((ObjectNode) edited.withArray("line_items").get(0).get("discount_allocations").get(0)).put("amount", "3.60");
        ((ObjectNode) edited.withArray("line_items").get(1)).put("current_quantity", 0);
        addItem(edited, 600000001L, 757650484644203963L, "TEE-L-RED", 3, "21.99");
        addItem(edited, 600000002L, 987654321L, "EDIT-NEW-SKU", 1, "5.00");
        ((ObjectNode) edited.withArray("shipping_lines").get(0)).put("price", "12.00");
        shopify.send("orders/updated", Fixtures.json(edited));
        awaitDone();

        List<Map<String, Object>> lines = lines(so);
        assertThat(lines).extracting(l -> l.get(LINE_ID) + ":" + l.get("product_uom_qty") + "@" + l.get("price_unit"))
                .containsExactlyInAnyOrder("466157049:1.0@18.0", "600000001:3.0@21.99", "600000002:1.0@5.0", "false:1.0@12.0");
        Map<String, Object> first = line(lines, "466157049");
        assertThat(((Number) first.get("discount")).doubleValue()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat((List<?>) line(lines, "600000001").get(taxes())).hasSize(1);
        assertThat(lines).filteredOn(l -> Boolean.TRUE.equals(l.get("is_delivery"))).singleElement()
                .satisfies(l -> assertThat(l.get("id")).isEqualTo(delivery));
        assertThat(odoo.searchRead("product.product", List.of(List.of("default_code", "=", "EDIT-NEW-SKU")), List.of("name")))
                .singleElement().satisfies(p -> assertThat((String) p.get("name")).startsWith("[Shopify placeholder]"));
        assertThat(odoo.searchRead("sale.order", List.of(List.of("id", "=", so)), List.of("state")).get(0)).containsEntry("state", "draft");

        // the same payload again, and an orders/paid-like re-delivery with a later updated_at and the same lines: no write
        Map<String, Long> before = odoo.callsByMethod();
        shopify.send("orders/updated", Fixtures.json(edited));
        awaitDone();
        shopify.send("orders/updated", Fixtures.json(edit(edited, "2026-11-20T15:30:00-05:00")));
        awaitDone();
        Map<String, Long> after = odoo.callsByMethod();
        assertThat(after.get("sale.order.load")).as("the headers were loaded again").isGreaterThanOrEqualTo(before.get("sale.order.load") + 2);
        for (String write : List.of("sale.order.write", "sale.order.line.write", "sale.order.line.create", "sale.order.line.unlink")) {
            assertThat(after.getOrDefault(write, 0L)).as(write).isEqualTo(before.getOrDefault(write, 0L));
        }
        assertThat(lines(so)).isEqualTo(lines);
    }

    @Test
    void anEditedConfirmedOrderKeepsItsRemovedLineAtZeroAndGetsTheAddedOne() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        awaitDone();
        ObjectNode order = order(9004L, "#2004", "paid");
        shopify.send("orders/create", Fixtures.json(order));
        awaitDone();
        int so = saleOrder("#2004");
        assertThat(odoo.searchRead("sale.order", List.of(List.of("id", "=", so)), List.of("state")).get(0)).containsEntry("state", "sale");

        ObjectNode edited = edit(order, "2026-11-20T15:00:00-05:00");
        ((ObjectNode) edited.withArray("line_items").get(0)).put("current_quantity", 3);
        ((ObjectNode) edited.withArray("line_items").get(1)).put("current_quantity", 0);
        addItem(edited, 600000003L, 757650484644203963L, "TEE-L-RED", 2, "21.99");
        shopify.send("orders/updated", Fixtures.json(edited));
        awaitDone();

        assertThat(lines(so)).extracting(l -> l.get(LINE_ID) + ":" + l.get("product_uom_qty"))
                .containsExactlyInAnyOrder("466157049:3.0", "518995019:0.0", "600000003:2.0", "false:1.0");
        assertThat(odoo.searchRead("sale.order", List.of(List.of("id", "=", so)), List.of("state")).get(0)).containsEntry("state", "sale");
        assertThat(history("order:9004")).noneSatisfy(r -> assertThat(r.fieldsSynced()).contains("not applied"));
    }

    @Test
    void anEditOfACancelledOrderIsNotAppliedAndTheHistorySaysWhy() throws Exception {
        editNotApplied(9005L, "pending", "action_cancel", "cancel");
    }

    @Test
    void anEditOfALockedOrderIsNotAppliedAndTheHistorySaysWhy() throws Exception {
        // the sandbox refuses quantities, prices and descriptions on a locked order's lines, as Odoo does: a write
        // would dead-letter the event, which awaitDone fails on
        editNotApplied(9008L, "paid", "action_lock", "locked");
    }

    /** An order lands, Odoo puts it out of reach ({@code action}), then Shopify edits its first line. */
    private void editNotApplied(long id, String financialStatus, String action, String why) throws Exception {
        String name = "#" + (id - 7000);
        ObjectNode order = order(id, name, financialStatus);
        shopify.send("orders/create", Fixtures.json(order));
        awaitDone();
        int so = saleOrder(name);
        rpc.call("sale.order", action, List.of(List.of(so)), Map.of());
        List<Map<String, Object>> before = lines(so);

        ObjectNode edited = edit(order, "2026-11-20T15:00:00-05:00");
        ((ObjectNode) edited.withArray("line_items").get(0)).put("current_quantity", 5).put("price", "1.00");
        shopify.send("orders/updated", Fixtures.json(edited));
        awaitDone();

        assertThat(lines(so)).isEqualTo(before);
        assertThat(history("order:" + id)).anySatisfy(r -> assertThat(r.fieldsSynced())
                .contains("Shopify's edit of the lines was not applied: sale.order " + so + " is " + why + " in Odoo"));
    }

    @Test
    void anOrderThatArrivesAlreadyEditedGetsOnlyItsCurrentLines() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        awaitDone();
        ObjectNode order = order(9006L, "#2006", "pending");
        ((ObjectNode) order.withArray("line_items").get(0)).put("current_quantity", 1);
        ((ObjectNode) order.withArray("line_items").get(1)).put("current_quantity", 0);
        shopify.send("orders/create", Fixtures.json(order));
        awaitDone();
        assertThat(lines(saleOrder("#2006"))).extracting(l -> l.get(LINE_ID) + ":" + l.get("product_uom_qty"))
                .containsExactly("466157049:1.0", "false:1.0");
    }

    @Test
    void anOrderLoadedBeforeLineIdsIsMatchedByPositionAndGetsTheIds() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        awaitDone();
        ObjectNode order = order(9007L, "#2007", "pending");
        shopify.send("orders/create", Fixtures.json(order));
        awaitDone();
        int so = saleOrder("#2007");
        List<Integer> ids = lines(so).stream().map(l -> (Integer) l.get("id")).toList();
        rpc.write("sale.order.line", ids, Map.of(LINE_ID, false), null); // as an order loaded by an earlier version

        ObjectNode edited = edit(order, "2026-11-20T15:00:00-05:00");
        ((ObjectNode) edited.withArray("line_items").get(1)).put("current_quantity", 4);
        shopify.send("orders/updated", Fixtures.json(edited));
        awaitDone();
        assertThat(lines(so)).extracting(l -> l.get("id") + ":" + l.get(LINE_ID) + ":" + l.get("product_uom_qty"))
                .containsExactly(ids.get(0) + ":466157049:2.0", ids.get(1) + ":518995019:4.0", ids.get(2) + ":false:1.0");
    }

    private static final String LINE_ID = io.odoohub.shopify.odoo.OdooReferences.LINE_FIELD;

    /** The fixture order as another order of another customer. */
    private static ObjectNode order(long id, String name, String financialStatus) {
        ObjectNode order = Fixtures.tree("order.json");
        order.put("id", id).put("name", name).put("financial_status", financialStatus);
        return order;
    }

    private static ObjectNode edit(ObjectNode order, String updatedAt) {
        ObjectNode edited = order.deepCopy();
        edited.put("updated_at", updatedAt);
        return edited;
    }

    private static void addItem(ObjectNode order, long id, long variant, String sku, int quantity, String price) {
        ObjectNode item = order.withArray("line_items").addObject();
        item.put("id", id).put("variant_id", variant).put("product_id", 788032119674292922L).put("title", "Added " + sku).put("sku", sku)
                .put("quantity", quantity).put("current_quantity", quantity).put("price", price).put("total_discount", "0.00");
        item.putArray("discount_allocations");
        item.putArray("tax_lines").addObject().put("title", "State Tax").put("price", "1.00").put("rate", 0.08);
    }

    private int saleOrder(String ref) {
        return (Integer) odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", ref)), List.of("id")).get(0).get("id");
    }

    private List<Map<String, Object>> lines(int so) {
        return odoo.searchRead("sale.order.line", List.of(List.of("order_id", "=", so)),
                List.of(LINE_ID, "product_id", "product_uom_qty", "price_unit", "discount", taxes(), "is_delivery", "write_date"));
    }

    private static Map<String, Object> line(List<Map<String, Object>> lines, String shopifyId) {
        return lines.stream().filter(l -> shopifyId.equals(l.get(LINE_ID))).findFirst().orElseThrow();
    }

    @Test
    void aStockLevelSetsTheFirstQuantityThenOdooOwnsIt() throws Exception {
        shopify.send("products/create", Fixtures.text("product.json"));
        awaitDone();
        shopify.send("inventory_levels/update", Fixtures.text("inventory_level.json"));
        awaitDone();
        assertThat(quantity("TEE-S-RED")).isEqualTo(42.0);
        ObjectNode later = Fixtures.tree("inventory_level.json");
        later.put("available", 3).put("updated_at", "2026-11-20T14:00:00-05:00");
        shopify.send("inventory_levels/update", Fixtures.json(later));
        awaitDone();
        assertThat(quantity("TEE-S-RED")).isEqualTo(42.0);
    }

    @Test
    void customersRedactAnonymisesThePartnerAndSaysSoInTheHistory() throws Exception {
        ObjectNode customer = Fixtures.tree("customer.json");
        customer.put("id", 4242L).put("email", "forget.me@example.com");
        shopify.send("customers/create", Fixtures.json(customer));
        awaitDone();
        ObjectNode redact = Fixtures.tree("customers_redact.json");
        ((ObjectNode) redact.get("customer")).put("id", 4242L).put("email", "forget.me@example.com");
        shopify.send("customers/redact", Fixtures.json(redact));
        awaitDone();
        assertThat(odoo.searchRead("res.partner", List.of(List.of("email", "=", "forget.me@example.com")), List.of("id"))).isEmpty();
        assertThat(history("customer:4242")).anySatisfy(r -> assertThat(r.fieldsSynced()).contains("ANONYMISED"));
    }

    @Test
    void appUninstalledPausesThePushAndComplianceNoticesAreRecorded() throws Exception {
        shopify.send("customers/data_request", "{\"shop_id\":954889,\"shop_domain\":\"example.myshopify.com\",\"customer\":{\"id\":1}}");
        shopify.send("app/uninstalled", "{\"id\":954889,\"name\":\"Example shop\",\"domain\":\"example.myshopify.com\"}");
        awaitDone();
        io.odoohub.inbox.FlowControl flows = hub.bean("flowControl", io.odoohub.inbox.FlowControl.class);
        assertThat(flows.isPaused(ShopifyPush.PUSH_FLOW)).isTrue();
        assertThat(hub.bean("shopifyPush", io.odoohub.shopify.flow.ShopifyPush.class).run().note()).isEqualTo("paused");
        flows.resume(ShopifyPush.PUSH_FLOW, "test");
    }

    @Test
    void eachVariantOfAProductWithTwoOptionsSellsAtItsOwnShopifyPrice() throws Exception {
        ObjectNode product = Fixtures.pricedProduct(900_100L, "Priced Hoodie", "HOOD", "30.00", "32.50", "35.00", "37.50");
        shopify.send("products/create", Fixtures.json(product));
        awaitDone();
        assertThat(lstPrices("HOOD-")).containsExactlyInAnyOrderEntriesOf(Map.of("HOOD-S-RED", 30.0, "HOOD-S-BLUE", 32.5,
                "HOOD-L-RED", 35.0, "HOOD-L-BLUE", 37.5));
        assertThat(odoo.searchRead("product.template", List.of(List.of("name", "=", "Priced Hoodie")), List.of("list_price")).get(0))
                .containsEntry("list_price", 30.0);
        // the push's baseline is each variant's own price in Odoo
        Map<Long, ShopifyState.Variant> known = hub.bean("shopifyState", ShopifyState.class).variants(List.of(900_1004L, 900_1001L));
        assertThat(known.get(900_1004L).odooPrice()).isEqualTo("37.50");
        assertThat(known.get(900_1001L).odooPrice()).isEqualTo("30.00");
        assertThat(history("product:900100")).allSatisfy(r -> assertThat(r.fieldsSynced()).doesNotContain("NOTE"));

        // Shopify reprices one size: Odoo owns prices of products it has, so nothing moves
        product.withArray("variants").forEach(v -> ((ObjectNode) v).put("price", "50.00"));
        product.put("updated_at", "2026-11-22T09:00:00-05:00");
        shopify.send("products/update", Fixtures.json(product));
        awaitDone();
        assertThat(lstPrices("HOOD-")).containsEntry("HOOD-S-RED", 30.0).containsEntry("HOOD-L-BLUE", 37.5);
    }

    @Test
    void pricesThatAreNotAdditiveAcrossOptionsAreMatchedWhereTheyCanAndTheRestIsReported() throws Exception {
        shopify.send("products/create", Fixtures.json(Fixtures.pricedProduct(900_200L, "Odd Priced Cap", "CAP", "10.00", "12.00", "15.00", "20.00")));
        awaitDone();
        // base 10, Large +5, Blue +2: Large / Blue can only be 17 in Odoo
        assertThat(lstPrices("CAP-")).containsExactlyInAnyOrderEntriesOf(Map.of("CAP-S-RED", 10.0, "CAP-S-BLUE", 12.0,
                "CAP-L-RED", 15.0, "CAP-L-BLUE", 17.0));
        assertThat(history("product:900200")).anySatisfy(r -> assertThat(r.fieldsSynced()).contains("not additive")
                .contains("SKU CAP-L-BLUE (Large / Blue) is 17.00 in Odoo, 20.00 in Shopify").doesNotContain("CAP-S-BLUE"));
    }

    @Test
    void theRealProductReplacesThePlaceholderOnADraftOrderAndTheNextOrderUsesIt() throws Exception {
        shopify.send("orders/create", Fixtures.json(orderFor(9101L, "#3101", "pending", "LATE-SKU-1", 900_3001L, "7.25")));
        awaitDone();
        int placeholder = placeholderTemplate("LATE-SKU-1");
        int line = (Integer) productLines("#3101").get(0).get("id");

        shopify.send("products/create", Fixtures.json(singleVariantProduct(900_300L, "Late Mug", 900_3001L, "LATE-SKU-1", "14.00")));
        awaitDone();
        int real = (Integer) odoo.searchRead("product.product", List.of(List.of("default_code", "=", "LATE-SKU-1")), List.of("id"))
                .get(0).get("id");
        Map<String, Object> moved = productLines("#3101").get(0);
        assertThat(moved.get("id")).isEqualTo(line);
        assertThat(((List<?>) moved.get("product_id")).get(0)).isEqualTo(real);
        assertThat(moved.get("price_unit")).as("Shopify's price stays on the line").isEqualTo(7.25);
        assertThat((List<?>) moved.get(taxes())).hasSize(1);
        Map<String, Object> archived = rpc.searchRead("product.template", List.of(List.of("id", "=", placeholder)),
                List.of("active", "default_code"), null, 0, 0, Map.of("active_test", false)).get(0);
        assertThat(archived).containsEntry("active", false).containsEntry("default_code", false);
        assertThat(odoo.searchRead("product.product", List.of(List.of("default_code", "=", "LATE-SKU-1")), List.of("id"))).hasSize(1);
        assertThat(history("product:900300")).anySatisfy(r -> assertThat(r.fieldsSynced())
                .contains("placeholder for SKU LATE-SKU-1").contains("replaced on 1 lines of draft orders").doesNotContain("still use it"));

        shopify.send("orders/create", Fixtures.json(orderFor(9102L, "#3102", "pending", "LATE-SKU-1", 900_3001L, "7.25")));
        awaitDone();
        assertThat(((List<?>) productLines("#3102").get(0).get("product_id")).get(0)).isEqualTo(real);
        assertThat(history("order:9102")).allSatisfy(r -> assertThat(r.fieldsSynced()).doesNotContain("placeholder"));
    }

    @Test
    void aConfirmedOrdersLineKeepsThePlaceholderAndTheHistorySaysSo() throws Exception {
        shopify.send("orders/create", Fixtures.json(orderFor(9201L, "#3201", "paid", "LATE-SKU-2", 900_4001L, "5.00")));
        shopify.send("orders/create", Fixtures.json(orderFor(9202L, "#3202", "pending", "LATE-SKU-2", 900_4001L, "5.00")));
        awaitDone();
        assertThat(odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "#3201")), List.of("state")).get(0))
                .containsEntry("state", "sale");
        int placeholder = (Integer) ((List<?>) productLines("#3201").get(0).get("product_id")).get(0);

        shopify.send("products/create", Fixtures.json(singleVariantProduct(900_400L, "Late Spoon", 900_4001L, "LATE-SKU-2", "6.00")));
        awaitDone();
        assertThat(((List<?>) productLines("#3201").get(0).get("product_id")).get(0)).isEqualTo(placeholder);
        assertThat(((List<?>) productLines("#3202").get(0).get("product_id")).get(0)).isNotEqualTo(placeholder);
        assertThat(history("product:900400")).anySatisfy(r -> assertThat(r.fieldsSynced())
                .contains("placeholder for SKU LATE-SKU-2").contains("replaced on 1 lines of draft orders")
                .contains("1 lines of confirmed or cancelled orders still use it"));

        // the same product again: the placeholder was replaced before, nothing more to say
        ObjectNode again = singleVariantProduct(900_400L, "Late Spoon", 900_4001L, "LATE-SKU-2", "6.00");
        again.put("updated_at", "2026-11-23T09:00:00-05:00");
        shopify.send("products/update", Fixtures.json(again));
        awaitDone();
        assertThat(history("product:900400")).filteredOn(r -> r.fieldsSynced() != null && r.fieldsSynced().contains("placeholder")).hasSize(1);
    }

    private static ObjectNode singleVariantProduct(long id, String title, long variantId, String sku, String price) {
        ObjectNode product = Fixtures.tree("product.json");
        product.put("id", id).put("title", title).put("product_type", (String) null);
        product.putArray("options").addObject().put("name", "Title").putArray("values").add("Default Title");
        product.putArray("variants").addObject().put("id", variantId).put("product_id", id).put("price", price).put("sku", sku)
                .put("option1", "Default Title").put("inventory_item_id", variantId);
        return product;
    }

    /** The fixture order with one line of the given SKU and variant, by a customer of its own. */
    private static ObjectNode orderFor(long id, String name, String financialStatus, String sku, long variantId, String price) {
        ObjectNode order = Fixtures.tree("order.json");
        order.put("id", id).put("name", name).put("financial_status", financialStatus);
        ((ObjectNode) order.get("customer")).put("id", id * 7).put("email", "buyer" + id + "@example.com");
        ArrayNode lines = order.withArray("line_items");
        ObjectNode line = (ObjectNode) lines.get(0);
        line.put("sku", sku).put("variant_id", variantId).put("title", "Item " + sku).put("price", price).put("total_discount", "0.00")
                .putArray("discount_allocations");
        while (lines.size() > 1) {
            lines.remove(1);
        }
        return order;
    }

    private Map<String, Double> lstPrices(String skuPrefix) {
        Map<String, Double> out = new java.util.HashMap<>();
        for (Map<String, Object> v : odoo.searchRead("product.product", List.of(List.of("default_code", "=like", skuPrefix + "%")),
                List.of("default_code", "lst_price"))) {
            out.put((String) v.get("default_code"), ((Number) v.get("lst_price")).doubleValue());
        }
        return out;
    }

    private int placeholderTemplate(String sku) {
        List<Map<String, Object>> xmlid = odoo.searchRead("ir.model.data", List.of(List.of("module", "=", "shopify"),
                List.of("name", "=", "placeholder_" + io.odoohub.odoo.ExternalIds.encode(sku))), List.of("res_id"));
        assertThat(xmlid).as("placeholder of %s", sku).hasSize(1);
        return (Integer) xmlid.get(0).get("res_id");
    }

    /** The order's product lines (not shipping). */
    private List<Map<String, Object>> productLines(String orderRef) {
        return odoo.searchRead("sale.order.line", List.of(List.of("order_id.client_order_ref", "=", orderRef), List.of("is_delivery", "=", false)),
                List.of("product_id", "price_unit", taxes(), "name"));
    }

    /** On hand at WH/Stock (Odoo's inventory adjustment location holds the opposite quantity). */
    private double quantity(String sku) {
        List<Map<String, Object>> quants = odoo.searchRead("stock.quant", List.of(List.of("product_id.default_code", "=", sku),
                List.of("location_id.complete_name", "=", "WH/Stock")), List.of("quantity"));
        return quants.stream().mapToDouble(q -> ((Number) q.get("quantity")).doubleValue()).sum();
    }

    private List<SyncRecord> history(String key) {
        return hub.bean("syncLog", SyncLog.class).list(new SyncLog.Query(ShopifyTopic.FLOW, null, key, null, 0, 50));
    }

    private Inbox inbox() {
        return hub.bean("inbox", Inbox.class);
    }

    private void awaitDone() {
        ShopifyDrain.awaitSettled(hub);
    }

    /** The custom field the connector creates for the payment method. */
    private static final class OdooPaymentField {
        static final String NAME = io.odoohub.shopify.odoo.OdooReferences.PAYMENT_FIELD;
    }

    /** sale.order.line's taxes as this Odoo names the field: tax_id up to Odoo 18, tax_ids from 19 (the hub reads fields_get). */
    private String taxes() {
        return odoo.majorVersion() >= 19 ? "tax_ids" : "tax_id";
    }
}
