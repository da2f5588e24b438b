package io.odoohub.shopify.odoo;

import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.ShopifySettings;
import io.odoohub.shopify.model.ShopifyCustomer;
import io.odoohub.shopify.model.ShopifyOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shopify orders -> sale.order ({@code shopify.order_<id>}), in batches. Dependencies first: the customer and its
 * invoice/delivery contacts (created when the order arrives before them), the products by variant external id
 * or SKU (a flagged placeholder for an unknown SKU, so the order still lands). A new order is loaded with its lines;
 * an order Odoo has already gets its header updated (Shopify's later edits of lines are not applied). Then paid
 * orders are confirmed by policy and cancelled ones cancelled, one call each for the batch.
 */
public final class OrderWriter {

    /** What became of one order: its sale.order and anything worth a person's attention. */
    public record Result(int saleOrderId, List<String> notes) {
    }

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final OdooClient odoo;
    private final ShopifyBinder binder;
    private final ShopifySettings settings;
    private final CustomerWriter customers;
    private final ProductWriter products;
    private final OdooReferences references;

    public OrderWriter(OdooClient odoo, ShopifyBinder binder, ShopifySettings settings, CustomerWriter customers, ProductWriter products,
                       OdooReferences references) {
        this.odoo = odoo;
        this.binder = binder;
        this.settings = settings;
        this.customers = customers;
        this.products = products;
        this.references = references;
    }

    public Map<Long, Result> write(Collection<ShopifyOrder> orders) {
        Map<Long, Result> out = new LinkedHashMap<>();
        if (orders.isEmpty()) {
            return out;
        }
        Map<Long, List<String>> notes = new HashMap<>();
        orders.forEach(o -> notes.put(o.id(), new ArrayList<>()));
        Map<String, PartnerIds> partners = customers.write(customersOf(orders), CustomerWriter.Mode.ENSURE);
        Map<String, Integer> bound = binder.find("sale.order", orders.stream().map(o -> "order_" + o.id()).toList());
        List<ShopifyOrder> fresh = orders.stream().filter(o -> !bound.containsKey("order_" + o.id())).toList();
        Map<String, Integer> productBySku = new HashMap<>();
        Map<Long, Integer> productByVariant = new HashMap<>();
        resolveProducts(fresh, productByVariant, productBySku, notes);
        OdooReferences.Batch refs = references.forOrders(orders);

        List<Map<String, Object>> rows = new ArrayList<>();
        for (ShopifyOrder o : orders) {
            PartnerIds p = partners.get(customerKey(o));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", ShopifyBinder.xmlid("order_" + o.id()));
            row.put("name", settings.orderPrefix() + o.name());
            row.put("client_order_ref", o.name());
            row.put("origin", "Shopify " + o.name());
            row.put("partner_id/.id", p.partner());
            row.put("partner_invoice_id/.id", p.invoice());
            row.put("partner_shipping_id/.id", p.delivery());
            if (o.createdAt() != null) {
                row.put("date_order", ODOO_DATETIME.format(o.createdAt()));
            }
            if (o.currency() != null) {
                row.put("currency_id", o.currency());
            }
            if (refs.warehouse() != null) {
                row.put("warehouse_id/.id", refs.warehouse());
            }
            OdooReferences.Carrier carrier = o.shippingLines().isEmpty() ? null : refs.carrier(o.shippingLines().get(0));
            if (carrier != null && carrier.id() != null) {
                row.put("carrier_id/.id", carrier.id());
            }
            Integer payment = o.gateways().isEmpty() ? null : refs.paymentMethod(o.gateways().get(0));
            if (payment != null) {
                row.put(OdooReferences.PAYMENT_FIELD + "/.id", payment);
            } else if (!o.gateways().isEmpty()) {
                notes.get(o.id()).add("payment gateway " + o.gateways().get(0) + " is not mapped to an Odoo payment method");
            }
            if (!bound.containsKey("order_" + o.id())) {
                row.put("order_line", lines(o, productByVariant, productBySku, refs, notes.get(o.id())));
            }
            rows.add(row);
        }
        List<Integer> ids = Loads.load(odoo, "sale.order", rows, null);
        Map<Long, Integer> saleIds = new LinkedHashMap<>();
        int i = 0;
        for (ShopifyOrder o : orders) {
            saleIds.put(o.id(), ids.get(i++));
        }
        clearDefaultTaxes(orders, bound, saleIds);
        applyStates(orders, saleIds);
        saleIds.forEach((id, so) -> out.put(id, new Result(so, notes.get(id))));
        return out;
    }

    static String customerKey(ShopifyOrder o) {
        return o.customer() != null ? "customer_" + o.customer().id() : "guest_order_" + o.id();
    }

    /** The order's customer with the order's billing and shipping addresses (a guest order gets a partner of its own). */
    private static Map<String, ShopifyCustomer> customersOf(Collection<ShopifyOrder> orders) {
        Map<String, ShopifyCustomer> out = new LinkedHashMap<>();
        for (ShopifyOrder o : orders) {
            ShopifyCustomer c = o.customer();
            if (c == null) {
                String first = o.billingAddress() != null ? o.billingAddress().firstName() : null;
                String last = o.billingAddress() != null ? o.billingAddress().lastName() : null;
                c = new ShopifyCustomer(o.id(), o.email(), first, last, null, List.of(), null, null, o.updatedAt());
            }
            out.put(customerKey(o), new ShopifyCustomer(c.id(), c.email(), c.firstName(), c.lastName(), c.phone(), c.tags(),
                    o.billingAddress() != null ? o.billingAddress() : c.invoiceAddress(),
                    o.shippingAddress() != null ? o.shippingAddress() : c.deliveryAddress(), c.updatedAt()));
        }
        return out;
    }

    /** Lines' products: by variant external id, else SKU; unknown ones get a placeholder. Three calls at most. */
    private void resolveProducts(List<ShopifyOrder> orders, Map<Long, Integer> byVariant, Map<String, Integer> bySku,
                                 Map<Long, List<String>> notes) {
        Set<String> variantNames = new LinkedHashSet<>();
        for (ShopifyOrder o : orders) {
            for (ShopifyOrder.Line l : o.lines()) {
                if (l.variantId() != null) {
                    variantNames.add("variant_" + l.variantId());
                }
            }
        }
        binder.find("product.product", variantNames).forEach((name, id) -> byVariant.put(Long.parseLong(name.substring(8)), id));
        Set<String> skus = new LinkedHashSet<>();
        for (ShopifyOrder o : orders) {
            for (ShopifyOrder.Line l : o.lines()) {
                if ((l.variantId() == null || !byVariant.containsKey(l.variantId()))) {
                    skus.add(skuOf(l));
                }
            }
        }
        if (skus.isEmpty()) {
            return;
        }
        for (Map<String, Object> r : odoo.searchRead("product.product", List.of(List.of("default_code", "in", new ArrayList<>(skus))),
                List.of("default_code"), "id", 0, 0, null)) {
            bySku.putIfAbsent((String) r.get("default_code"), (Integer) r.get("id"));
        }
        Map<String, String> missing = new LinkedHashMap<>();
        for (ShopifyOrder o : orders) {
            for (ShopifyOrder.Line l : o.lines()) {
                boolean known = (l.variantId() != null && byVariant.containsKey(l.variantId())) || bySku.containsKey(skuOf(l));
                if (!known) {
                    missing.putIfAbsent(skuOf(l), l.title() == null ? skuOf(l) : l.title());
                    notes.get(o.id()).add("SKU " + skuOf(l) + " is unknown in Odoo: the line uses a placeholder product");
                }
            }
        }
        bySku.putAll(products.placeholders(missing));
    }

    /** A line without SKU is known by its variant (or line) id. */
    static String skuOf(ShopifyOrder.Line l) {
        if (l.sku() != null) {
            return l.sku();
        }
        return l.variantId() != null ? "shopify-variant-" + l.variantId() : "shopify-line-" + l.id();
    }

    private List<Map<String, Object>> lines(ShopifyOrder o, Map<Long, Integer> byVariant, Map<String, Integer> bySku,
                                            OdooReferences.Batch refs, List<String> notes) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ShopifyOrder.Line l : o.lines()) {
            Integer product = l.variantId() != null && byVariant.containsKey(l.variantId()) ? byVariant.get(l.variantId()) : bySku.get(skuOf(l));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("product_id/.id", product);
            line.put("name", l.title() + (l.variantTitle() == null ? "" : " - " + l.variantTitle()));
            line.put("product_uom_qty", l.quantity());
            line.put("price_unit", l.price());
            line.put("discount", percent(l.discount(), l.price().multiply(l.quantity())));
            line.put("tax_id/.id", taxes(l.taxLines(), o.taxesIncluded(), refs, notes));
            lines.add(line);
        }
        for (ShopifyOrder.ShippingLine s : o.shippingLines()) {
            OdooReferences.Carrier carrier = refs.carrier(s);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("product_id/.id", carrier.productId());
            line.put("name", s.title() == null ? "Shipping" : s.title());
            line.put("product_uom_qty", BigDecimal.ONE);
            line.put("price_unit", s.price());
            line.put("discount", percent(s.discount(), s.price()));
            line.put("tax_id/.id", taxes(s.taxLines(), o.taxesIncluded(), refs, notes));
            line.put("is_delivery", true);
            lines.add(line);
            if (carrier.id() == null) {
                notes.add("shipping line '" + s.title() + "' is not mapped to a delivery carrier");
            }
        }
        return lines;
    }

    private static String taxes(List<ShopifyOrder.TaxLine> taxLines, boolean included, OdooReferences.Batch refs, List<String> notes) {
        List<String> ids = new ArrayList<>();
        for (ShopifyOrder.TaxLine t : taxLines) {
            Integer id = refs.tax(t, included);
            if (id == null) {
                String note = "tax '" + t.title() + "' (" + t.rate() + ") has no Odoo tax" + (included ? " included in price" : "");
                if (!notes.contains(note)) {
                    notes.add(note);
                }
            } else if (!ids.contains(String.valueOf(id))) {
                ids.add(String.valueOf(id));
            }
        }
        return String.join(",", ids);
    }

    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (part == null || part.signum() == 0 || whole.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 4, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /**
     * A line Shopify taxed with nothing must have no tax in Odoo, but load skips an empty cell and Odoo then puts the
     * product's default taxes on the line: those lines are cleared, one write for the batch.
     */
    private void clearDefaultTaxes(Collection<ShopifyOrder> orders, Map<String, Integer> bound, Map<Long, Integer> saleIds) {
        Map<Integer, List<Boolean>> untaxed = new HashMap<>();
        for (ShopifyOrder o : orders) {
            if (bound.containsKey("order_" + o.id())) {
                continue;
            }
            List<Boolean> flags = new ArrayList<>();
            o.lines().forEach(l -> flags.add(l.taxLines().isEmpty()));
            o.shippingLines().forEach(sl -> flags.add(sl.taxLines().isEmpty()));
            if (flags.contains(true)) {
                untaxed.put(saleIds.get(o.id()), flags);
            }
        }
        if (untaxed.isEmpty()) {
            return;
        }
        Map<Integer, List<Map<String, Object>>> linesOf = new HashMap<>();
        for (Map<String, Object> l : odoo.searchRead("sale.order.line", List.of(List.of("order_id", "in", new ArrayList<>(untaxed.keySet()))),
                List.of("order_id", "tax_id"), "order_id, sequence, id", 0, 0, null)) {
            linesOf.computeIfAbsent(ProductWriter.refId(l.get("order_id")), k -> new ArrayList<>()).add(l);
        }
        List<Integer> clear = new ArrayList<>();
        untaxed.forEach((order, flags) -> {
            List<Map<String, Object>> lines = linesOf.getOrDefault(order, List.of());
            for (int i = 0; i < lines.size() && i < flags.size(); i++) {
                if (flags.get(i) && lines.get(i).get("tax_id") instanceof List<?> taxes && !taxes.isEmpty()) {
                    clear.add((Integer) lines.get(i).get("id"));
                }
            }
        });
        if (!clear.isEmpty()) {
            odoo.write("sale.order.line", clear, Map.of("tax_id", List.of(List.of(5))), null);
        }
    }

    /** Confirms paid orders (by policy) and cancels cancelled ones: one read, at most one call each. */
    private void applyStates(Collection<ShopifyOrder> orders, Map<Long, Integer> saleIds) {
        Map<Integer, String> states = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("sale.order", List.of(List.of("id", "in", new ArrayList<>(saleIds.values()))),
                List.of("state"), null, 0, 0, null)) {
            states.put((Integer) r.get("id"), (String) r.get("state"));
        }
        List<Integer> confirm = new ArrayList<>();
        List<Integer> cancel = new ArrayList<>();
        for (ShopifyOrder o : orders) {
            int id = saleIds.get(o.id());
            String state = states.get(id);
            if (o.cancelled()) {
                if (!"cancel".equals(state)) {
                    cancel.add(id);
                }
            } else if (("draft".equals(state) || "sent".equals(state)) && shouldConfirm(o)) {
                confirm.add(id);
            }
        }
        if (!confirm.isEmpty()) {
            odoo.call("sale.order", "action_confirm", List.of(confirm), Map.of());
        }
        if (!cancel.isEmpty()) {
            odoo.call("sale.order", "action_cancel", List.of(cancel), Map.of());
        }
    }

    private boolean shouldConfirm(ShopifyOrder o) {
        return switch (settings.confirmPolicy()) {
            case "always" -> true;
            case "paid" -> o.paid();
            default -> false;
        };
    }
}
