package io.odoohub.shopify.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.model.ShopifyOrder;
import io.odoohub.shopify.model.ShopifyRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Odoo records orders refer to through the configured mappings: warehouse, delivery carriers (shipping line
 * title -> carrier), payment methods (gateway -> payment.method, recorded on the order in the custom field
 * {@value #PAYMENT_FIELD}, created Studio-style at first use) and taxes (tax line title -> tax, else the sale tax
 * with the line's rate that is, or is not, included in the price as the order says). Looked up once per batch. The
 * Shopify line item id of an order line goes in the custom field {@value #LINE_FIELD}, also created at first use.
 *
 * <p>What the database lacks is asked of {@link io.odoohub.odoo.OdooCapabilities} (see
 * {@link io.odoohub.shopify.ShopifyConnector#odooRequirements()}): without the {@code delivery} module every shipping
 * line goes on the hub's shipping service product (no carrier); without {@code payment.method} the gateway is only
 * noted.
 */
public final class OdooReferences {

    public static final String PAYMENT_FIELD = "x_shopify_payment_method_id";
    /** The Shopify line item id on sale.order.line (a char: ids go beyond Odoo's 32-bit integers). */
    public static final String LINE_FIELD = "x_shopify_line_id";

    /** A carrier and the product its delivery line uses; {@code id} null when the shipping line is not mapped. */
    public record Carrier(Integer id, int productId) {
    }

    private final OdooClient odoo;
    private final ExternalIds binder;
    private final ShopifyRules settings;
    private volatile boolean paymentFieldReady;
    private volatile boolean lineFieldReady;

    public OdooReferences(OdooClient odoo, ExternalIds binder, ShopifyRules settings) {
        this.odoo = odoo;
        this.binder = binder;
        this.settings = settings;
    }

    /** The lookups of one batch of orders. */
    public final class Batch {
        private final Integer warehouse;
        private final Map<String, Integer> carrierByName = new HashMap<>();
        private final Map<Integer, Integer> carrierProduct = new HashMap<>();
        private final Map<String, Integer> paymentByName = new HashMap<>();
        private final List<Map<String, Object>> taxes;
        private final SaleOrderFields fields;
        private Integer shippingProduct;

        private Batch(Integer warehouse, List<Map<String, Object>> taxes, SaleOrderFields fields) {
            this.warehouse = warehouse;
            this.taxes = taxes;
            this.fields = fields;
        }

        /** The field names of this database's sales orders. */
        public SaleOrderFields fields() {
            return fields;
        }

        /** The hub's shipping service product, when a shipping line of the batch needs it (else null). */
        public Integer shippingProduct() {
            return shippingProduct;
        }

        public Integer warehouse() {
            return warehouse;
        }

        public Carrier carrier(ShopifyOrder.ShippingLine s) {
            Integer id = carrierByName.get(carrierName(s));
            if (id != null) {
                return new Carrier(id, carrierProduct.get(id));
            }
            return new Carrier(null, shippingProduct);
        }

        public Integer paymentMethod(String gateway) {
            return paymentByName.get(settings.mappings().payments().getOrDefault(gateway, gateway));
        }

        public Integer tax(ShopifyOrder.TaxLine t, boolean included) {
            String mapped = t.title() == null ? null : settings.mappings().taxes().get(t.title());
            for (Map<String, Object> tax : taxes) {
                if (mapped != null) {
                    if (mapped.equals(tax.get("name"))) {
                        return (Integer) tax.get("id");
                    }
                } else if ("percent".equals(tax.get("amount_type")) && Boolean.valueOf(included).equals(tax.get("price_include"))
                        && t.rate().multiply(BigDecimal.valueOf(100)).compareTo(BigDecimal.valueOf(((Number) tax.get("amount")).doubleValue())) == 0) {
                    return (Integer) tax.get("id");
                }
            }
            return null;
        }
    }

    private String carrierName(ShopifyOrder.ShippingLine s) {
        if (s.title() != null && settings.mappings().carriers().containsKey(s.title())) {
            return settings.mappings().carriers().get(s.title());
        }
        if (s.code() != null && settings.mappings().carriers().containsKey(s.code())) {
            return settings.mappings().carriers().get(s.code());
        }
        return s.title();
    }

    public Batch forOrders(Collection<ShopifyOrder> orders) {
        Integer warehouse = null;
        if (!settings.orders().warehouse().isBlank()) {
            List<Map<String, Object>> w = odoo.searchRead("stock.warehouse",
                    List.of("|", List.of("code", "=", settings.orders().warehouse()), List.of("name", "=", settings.orders().warehouse())), List.of("name"), "id", 0, 1, null);
            if (w.isEmpty()) {
                throw new IllegalStateException("hub.shopify.warehouse '" + settings.orders().warehouse() + "' is not an Odoo warehouse (code or name)");
            }
            warehouse = (Integer) w.get(0).get("id");
        }
        boolean anyTax = orders.stream().anyMatch(o -> o.lines().stream().anyMatch(l -> !l.taxLines().isEmpty())
                || o.shippingLines().stream().anyMatch(s -> !s.taxLines().isEmpty()));
        List<Map<String, Object>> taxes = anyTax ? odoo.searchRead("account.tax", List.of(List.of("type_tax_use", "=", "sale")),
                List.of("name", "amount", "amount_type", "price_include"), "sequence, id", 0, 0, null) : List.of();
        Batch b = new Batch(warehouse, taxes, SaleOrderFields.of(odoo.capabilities()));
        Set<String> carriers = new LinkedHashSet<>();
        Set<String> payments = new LinkedHashSet<>();
        for (ShopifyOrder o : orders) {
            o.shippingLines().forEach(s -> carriers.add(carrierName(s)));
            if (!o.gateways().isEmpty()) {
                payments.add(settings.mappings().payments().getOrDefault(o.gateways().get(0), o.gateways().get(0)));
            }
        }
        carriers.remove(null);
        if (!b.fields.delivery()) {
            carriers.clear(); // no delivery module: no carriers, every shipping line on the shipping product
        }
        if (!payments.isEmpty() && !odoo.capabilities().hasModel("payment.method")) {
            payments.clear(); // no payment module: the gateway is noted as not mapped
        }
        if (!carriers.isEmpty()) {
            for (Map<String, Object> c : odoo.searchRead("delivery.carrier", List.of(List.of("name", "in", new ArrayList<>(carriers))),
                    List.of("name", "product_id"), "id", 0, 0, null)) {
                b.carrierByName.putIfAbsent((String) c.get("name"), (Integer) c.get("id"));
                b.carrierProduct.put((Integer) c.get("id"), ProductWriter.refId(c.get("product_id")));
            }
        }
        boolean unmapped = orders.stream().flatMap(o -> o.shippingLines().stream())
                .anyMatch(s -> carrierName(s) == null || !b.carrierByName.containsKey(carrierName(s)));
        if (unmapped) {
            b.shippingProduct = shippingProduct();
        }
        if (!payments.isEmpty()) {
            for (Map<String, Object> p : odoo.searchRead("payment.method", List.of(List.of("name", "in", new ArrayList<>(payments))),
                    List.of("name"), "id", 0, 0, null)) {
                b.paymentByName.putIfAbsent((String) p.get("name"), (Integer) p.get("id"));
            }
            if (!b.paymentByName.isEmpty()) {
                ensurePaymentField();
            }
        }
        return b;
    }

    /** The service product of shipping lines whose carrier is not mapped ({@code shopify.shipping}). */
    private int shippingProduct() {
        Map<String, Integer> found = binder.find("product.product", List.of("shipping"));
        if (found.containsKey("shipping")) {
            return found.get("shipping");
        }
        List<Integer> tmpl = OdooBatchWriter.loadAll(odoo, "product.template", List.of(Map.of("id", ShopifyIds.xmlid("shipping_template"),
                "name", "Shipping (Shopify)", "type", "service", "list_price", "0")), null);
        List<Map<String, Object>> variant = odoo.searchRead("product.product", List.of(List.of("product_tmpl_id", "=", tmpl.get(0))),
                List.of("id"), "id", 0, 1, null);
        int id = (Integer) variant.get(0).get("id");
        binder.bind("product.product", Map.of("shipping", id));
        return id;
    }

    /** The custom field recording the payment method on sale.order, created (as Odoo Studio does) when missing. */
    private void ensurePaymentField() {
        if (!paymentFieldReady) {
            ensureField("sale.order", PAYMENT_FIELD, "Shopify payment method", "many2one", "payment.method");
            paymentFieldReady = true;
        }
    }

    /**
     * The custom field {@value #LINE_FIELD} on sale.order.line, created (as Odoo Studio does) when missing: the Shopify
     * line item a line was made from, so that Shopify's order edits find their line again.
     */
    void ensureLineField() {
        if (!lineFieldReady) {
            ensureField("sale.order.line", LINE_FIELD, "Shopify line item", "char", null);
            lineFieldReady = true;
        }
    }

    private synchronized void ensureField(String model, String name, String description, String type, String relation) {
        Map<String, Map<String, Object>> fields = odoo.fieldsGet(model, List.of("type"));
        if (fields.containsKey(name)) {
            return;
        }
        List<Map<String, Object>> found = odoo.searchRead("ir.model", List.of(List.of("model", "=", model)), List.of("id"), null, 0, 1, null);
        Map<String, Object> field = new HashMap<>();
        field.put("name", name);
        field.put("model_id", found.get(0).get("id"));
        field.put("field_description", description);
        field.put("ttype", type);
        if (relation != null) {
            field.put("relation", relation);
        }
        field.put("state", "manual");
        odoo.create("ir.model.fields", List.of(field), null);
    }
}
