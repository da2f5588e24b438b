package io.odoohub.shopify.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.model.ShopifyCustomer;
import io.odoohub.shopify.model.ShopifyOrder;
import io.odoohub.shopify.model.ShopifyRules;
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
 * or SKU (a flagged placeholder for an unknown SKU, so the order still lands). A new order is loaded with its lines at
 * their current quantities (Shopify's {@code current_quantity}: a line an edit removed before the order reached Odoo is
 * left out), each product line carrying its Shopify line item id in {@value OdooReferences#LINE_FIELD}. An order Odoo
 * has already gets its header updated and Shopify's later edits of its lines applied by {@link OrderLineSync}:
 * quantities, prices, discounts and taxes updated, added items added, removed ones removed (a quotation) or set to
 * quantity 0 (a confirmed order); a cancelled or locked order is left as it is, with a note. Then paid orders are
 * confirmed by policy and cancelled ones cancelled, one call each for the batch.
 */
public final class OrderWriter {

    /** What became of one order: its sale.order and anything worth a person's attention. */
    public record Result(int saleOrderId, List<String> notes) {
    }

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final OdooClient odoo;
    private final ExternalIds binder;
    private final ShopifyRules settings;
    private final CustomerWriter customers;
    private final ProductWriter products;
    private final OdooReferences references;
    private final OrderLineSync lineSync;

    public OrderWriter(OdooClient odoo, ExternalIds binder, ShopifyRules settings, CustomerWriter customers, ProductWriter products,
                       OdooReferences references) {
        this.odoo = odoo;
        this.binder = binder;
        this.settings = settings;
        this.customers = customers;
        this.products = products;
        this.references = references;
        this.lineSync = new OrderLineSync(odoo);
    }

    /** The products of the batch's lines: by variant external id, else by SKU (placeholders included). */
    private record Products(Map<Long, Integer> byVariant, Map<String, Integer> bySku) {

        Integer of(ShopifyOrder.Line l) {
            return l.variantId() != null && byVariant.containsKey(l.variantId()) ? byVariant.get(l.variantId()) : bySku.get(skuOf(l));
        }
    }

    public Map<Long, Result> write(Collection<ShopifyOrder> batch) {
        Map<Long, Result> out = new LinkedHashMap<>();
        if (batch.isEmpty()) {
            return out;
        }
        Collection<ShopifyOrder> orders = latestPerOrder(batch);
        Map<Long, List<String>> notes = new HashMap<>();
        orders.forEach(o -> notes.put(o.id(), new ArrayList<>()));
        references.ensureLineField();
        Map<String, PartnerIds> partners = customers.write(customersOf(orders), CustomerWriter.Mode.ENSURE);
        Map<String, Integer> bound = binder.find("sale.order", orders.stream().map(o -> "order_" + o.id()).toList());
        OdooReferences.Batch refs = references.forOrders(orders);
        Map<Integer, OrderLineSync.Existing> existing = lineSync.read(bound.values(), refs.fields());
        var shippingLine = OrderLineSync.shippingLines(refs.fields(), refs.shippingProduct());
        List<OrderLineSync.Match> edits = new ArrayList<>();
        Map<Long, List<ShopifyOrder.Line>> needProducts = new LinkedHashMap<>();
        for (ShopifyOrder o : orders) {
            Integer saleId = bound.get("order_" + o.id());
            if (saleId == null) {
                needProducts.put(o.id(), o.lines().stream().filter(l -> !l.removed()).toList());
            } else if (existing.containsKey(saleId)) {
                OrderLineSync.Match m = OrderLineSync.match(o, saleId, existing.get(saleId), shippingLine);
                edits.add(m);
                if (m.existing().editable() && !m.added().isEmpty()) {
                    needProducts.put(o.id(), m.added());
                }
            }
        }
        Products products = resolveProducts(needProducts, notes);
        OrderLineSync.Values values = values(products, refs);

        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Long, List<LineValues>> newLines = new HashMap<>();
        for (ShopifyOrder o : orders) {
            Map<String, Object> row = header(o, partners.get(customerKey(o)), refs, notes.get(o.id()));
            if (!bound.containsKey("order_" + o.id())) {
                List<LineValues> lines = lines(o, values, notes.get(o.id()));
                newLines.put(o.id(), lines);
                row.put("order_line", lines.stream().map(l -> l.forLoad(refs.fields())).toList());
            }
            rows.add(row);
        }
        List<Integer> ids = OdooBatchWriter.loadAll(odoo, "sale.order", rows, null);
        Map<Long, Integer> saleIds = new LinkedHashMap<>();
        int i = 0;
        for (ShopifyOrder o : orders) {
            saleIds.put(o.id(), ids.get(i++));
        }
        clearDefaultTaxes(newLines, saleIds, refs.fields().taxes());
        lineSync.apply(edits, values, notes);
        applyStates(orders, saleIds, bound, existing, notes);
        saleIds.forEach((id, so) -> out.put(id, new Result(so, notes.get(id))));
        return out;
    }

    /** One order once: when a batch holds several events of an order, its latest state (by updated_at, else the last). */
    private static Collection<ShopifyOrder> latestPerOrder(Collection<ShopifyOrder> batch) {
        Map<Long, ShopifyOrder> latest = new LinkedHashMap<>();
        for (ShopifyOrder o : batch) {
            ShopifyOrder seen = latest.get(o.id());
            if (seen == null || seen.updatedAt() == null || o.updatedAt() == null || !o.updatedAt().isBefore(seen.updatedAt())) {
                latest.put(o.id(), o);
            }
        }
        return latest.values();
    }

    private Map<String, Object> header(ShopifyOrder o, PartnerIds p, OdooReferences.Batch refs, List<String> notes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", ShopifyIds.xmlid("order_" + o.id()));
        row.put("name", settings.orders().orderPrefix() + o.name());
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
            notes.add("payment gateway " + o.gateways().get(0) + " is not mapped to an Odoo payment method");
        }
        return row;
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

    /** Products of the given lines (order id -> lines): by variant external id, else SKU; unknown ones get a placeholder. Three calls at most. */
    private Products resolveProducts(Map<Long, List<ShopifyOrder.Line>> linesByOrder, Map<Long, List<String>> notes) {
        Products found = new Products(new HashMap<>(), new HashMap<>());
        Set<String> variantNames = new LinkedHashSet<>();
        linesByOrder.values().forEach(lines -> lines.stream().filter(l -> l.variantId() != null).forEach(l -> variantNames.add("variant_" + l.variantId())));
        binder.find("product.product", variantNames).forEach((name, id) -> found.byVariant().put(Long.parseLong(name.substring(8)), id));
        Set<String> skus = new LinkedHashSet<>();
        linesByOrder.values().forEach(lines -> lines.stream().filter(l -> l.variantId() == null || !found.byVariant().containsKey(l.variantId()))
                .forEach(l -> skus.add(skuOf(l))));
        if (skus.isEmpty()) {
            return found;
        }
        for (Map<String, Object> r : odoo.searchRead("product.product", List.of(List.of("default_code", "in", new ArrayList<>(skus))),
                List.of("default_code"), "id", 0, 0, null)) {
            found.bySku().putIfAbsent((String) r.get("default_code"), (Integer) r.get("id"));
        }
        Map<String, String> missing = new LinkedHashMap<>();
        linesByOrder.forEach((order, lines) -> {
            for (ShopifyOrder.Line l : lines) {
                if (found.of(l) == null) {
                    missing.putIfAbsent(skuOf(l), l.title() == null ? skuOf(l) : l.title());
                    notes.get(order).add("SKU " + skuOf(l) + " is unknown in Odoo: the line uses a placeholder product");
                }
            }
        });
        found.bySku().putAll(products.placeholders(missing));
        return found;
    }

    /** A line without SKU is known by its variant (or line) id. */
    static String skuOf(ShopifyOrder.Line l) {
        if (l.sku() != null) {
            return l.sku();
        }
        return l.variantId() != null ? "shopify-variant-" + l.variantId() : "shopify-line-" + l.id();
    }

    /** A new order's lines: the line items still on it (current quantity above 0), then its shipping lines. */
    private static List<LineValues> lines(ShopifyOrder o, OrderLineSync.Values values, List<String> notes) {
        List<LineValues> lines = new ArrayList<>();
        o.lines().stream().filter(l -> !l.removed()).forEach(l -> lines.add(values.product(o, l, notes)));
        o.shippingLines().forEach(s -> lines.add(values.shipping(o, s, notes)));
        return lines;
    }

    /** What a line item or a shipping line becomes in Odoo, with this batch's products, carriers and taxes. */
    private static OrderLineSync.Values values(Products products, OdooReferences.Batch refs) {
        return new OrderLineSync.Values() {
            @Override
            public LineValues product(ShopifyOrder o, ShopifyOrder.Line l, List<String> notes) {
                // the discount is Shopify's for the units first ordered: as a percentage it holds for any quantity
                return new LineValues(products.of(l), l.title() + (l.variantTitle() == null ? "" : " - " + l.variantTitle()),
                        l.currentQuantity(), l.price(), percent(l.discount(), l.price().multiply(l.quantity())),
                        taxes(l.taxLines(), o.taxesIncluded(), refs, notes), false, String.valueOf(l.id()));
            }

            @Override
            public LineValues shipping(ShopifyOrder o, ShopifyOrder.ShippingLine s, List<String> notes) {
                OdooReferences.Carrier carrier = refs.carrier(s);
                // without the delivery module there is no carrier to map (the start-up check says so once)
                if (carrier.id() == null && refs.fields().delivery()) {
                    String note = "shipping line '" + s.title() + "' is not mapped to a delivery carrier";
                    if (!notes.contains(note)) {
                        notes.add(note);
                    }
                }
                return new LineValues(carrier.productId(), s.title() == null ? "Shipping" : s.title(), BigDecimal.ONE, s.price(),
                        percent(s.discount(), s.price()), taxes(s.taxLines(), o.taxesIncluded(), refs, notes), true, null);
            }

            @Override
            public SaleOrderFields fields() {
                return refs.fields();
            }
        };
    }

    private static List<Integer> taxes(List<ShopifyOrder.TaxLine> taxLines, boolean included, OdooReferences.Batch refs, List<String> notes) {
        List<Integer> ids = new ArrayList<>();
        for (ShopifyOrder.TaxLine t : taxLines) {
            Integer id = refs.tax(t, included);
            if (id == null) {
                String note = "tax '" + t.title() + "' (" + t.rate() + ") has no Odoo tax" + (included ? " included in price" : "");
                if (!notes.contains(note)) {
                    notes.add(note);
                }
            } else if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
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
    private void clearDefaultTaxes(Map<Long, List<LineValues>> newLines, Map<Long, Integer> saleIds, String taxField) {
        Map<Integer, List<Boolean>> untaxed = new HashMap<>();
        newLines.forEach((order, lines) -> {
            List<Boolean> flags = lines.stream().map(l -> l.taxes().isEmpty()).toList();
            if (flags.contains(true)) {
                untaxed.put(saleIds.get(order), flags);
            }
        });
        if (untaxed.isEmpty()) {
            return;
        }
        Map<Integer, List<Map<String, Object>>> linesOf = new HashMap<>();
        for (Map<String, Object> l : odoo.searchRead("sale.order.line", List.of(List.of("order_id", "in", new ArrayList<>(untaxed.keySet()))),
                List.of("order_id", taxField), "order_id, sequence, id", 0, 0, null)) {
            linesOf.computeIfAbsent(ProductWriter.refId(l.get("order_id")), k -> new ArrayList<>()).add(l);
        }
        List<Integer> clear = new ArrayList<>();
        untaxed.forEach((order, flags) -> {
            List<Map<String, Object>> lines = linesOf.getOrDefault(order, List.of());
            for (int i = 0; i < lines.size() && i < flags.size(); i++) {
                if (flags.get(i) && lines.get(i).get(taxField) instanceof List<?> taxes && !taxes.isEmpty()) {
                    clear.add((Integer) lines.get(i).get("id"));
                }
            }
        });
        if (!clear.isEmpty()) {
            odoo.write("sale.order.line", clear, Map.of(taxField, List.of(List.of(5))), null);
        }
    }

    /**
     * Confirms paid orders (by policy) and cancels cancelled ones: at most one call each. The states are those read
     * before the load (which changes no state): a new order is a draft. Odoo answers the cancellation of a confirmed
     * order with its wizard (and cancels nothing) unless told {@code disable_cancel_warning}, and refuses to cancel a
     * locked order: that one is left as it is, with a note.
     */
    private void applyStates(Collection<ShopifyOrder> orders, Map<Long, Integer> saleIds, Map<String, Integer> bound,
                             Map<Integer, OrderLineSync.Existing> existing, Map<Long, List<String>> notes) {
        List<Integer> confirm = new ArrayList<>();
        List<Integer> cancel = new ArrayList<>();
        for (ShopifyOrder o : orders) {
            int id = saleIds.get(o.id());
            OrderLineSync.Existing before = bound.containsKey("order_" + o.id()) ? existing.get(id) : null;
            String state = before == null ? "draft" : before.state();
            if (o.cancelled()) {
                if (before != null && before.locked() && !"cancel".equals(state)) {
                    notes.get(o.id()).add("cancelled in Shopify, not cancelled in Odoo: sale.order " + id + " is locked in Odoo");
                } else if (!"cancel".equals(state)) {
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
            odoo.call("sale.order", "action_cancel", List.of(cancel), Map.of("context", Map.of("disable_cancel_warning", true)));
        }
    }

    private boolean shouldConfirm(ShopifyOrder o) {
        return switch (settings.orders().confirmPolicy()) {
            case "always" -> true;
            case "paid" -> o.paid();
            default -> false;
        };
    }
}
