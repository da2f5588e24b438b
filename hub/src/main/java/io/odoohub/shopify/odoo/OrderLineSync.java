package io.odoohub.shopify.odoo;

import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.model.ShopifyOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify's order edits -> the lines of the sale.orders Odoo already has. Shopify keeps every line item an order ever
 * had (current quantity 0 once removed; added items are new line items with new ids), so the Odoo lines are made to
 * match them:
 * <ul>
 * <li>a line item finds its Odoo line by its id in {@value OdooReferences#LINE_FIELD}, which every line the hub makes
 * carries. An order loaded before that field existed (none of its product lines carries an id) is matched by position
 * among its product lines (sequence, id), the order it was loaded in, and the ids are written on those lines so the
 * next edit finds them by id. Position alone would break on the first line a person adds or moves in Odoo; the id
 * does not. Odoo lines no line item claims (added in Odoo) are left alone;</li>
 * <li>quotation (draft, sent): quantity, price, discount and taxes updated where they differ, added items added
 * (an unknown SKU gets the placeholder product), lines at current quantity 0 removed;</li>
 * <li>confirmed order (sale): the same, but Odoo refuses to remove a line of a confirmed order ("Set the quantity to 0
 * instead"), so a removed line gets quantity 0;</li>
 * <li>cancelled or locked order (or done, before Odoo 17): nothing changes; when the payload differs from the lines,
 * the order's notes (the sync history) say the edit was not applied and why.</li>
 * </ul>
 * Shipping lines are matched by position to the order's delivery lines (marked {@code is_delivery}, or without the
 * delivery module the lines of the hub's shipping product): price, discount and taxes updated, a new one added; a
 * delivery line beyond Shopify's shipping lines is left alone.
 *
 * <p>Calls: one read of the orders' state and one of their lines, for the whole batch; then, the rare path, one
 * {@code write} on sale.order with one2many commands per order that actually differs, so that each order's edit is
 * all or nothing. A delivery that changes nothing writes nothing.
 */
final class OrderLineSync {

    private static final Logger LOG = LoggerFactory.getLogger(OrderLineSync.class);
    private static final Set<String> EDITABLE = Set.of("draft", "sent", "sale");

    /** A bound sale.order as Odoo has it: state, lock and its lines (sections and notes left out), by sequence. */
    record Existing(String state, boolean locked, List<Map<String, Object>> lines) {

        boolean editable() {
            return EDITABLE.contains(state) && !locked;
        }

        boolean quotation() {
            return "draft".equals(state) || "sent".equals(state);
        }
    }

    /** Builds what a line should hold (products and taxes of the batch already looked up). */
    interface Values {
        LineValues product(ShopifyOrder o, ShopifyOrder.Line l, List<String> notes);

        LineValues shipping(ShopifyOrder o, ShopifyOrder.ShippingLine s, List<String> notes);

        /** The field names of this database. */
        SaleOrderFields fields();
    }

    /** A Shopify line (item or shipping) and its Odoo line. */
    record Pair<T>(T shopify, Map<String, Object> odoo) {
    }

    /** One order's Shopify lines matched to its Odoo lines; {@code added} are line items without one. */
    record Match(ShopifyOrder order, int saleId, Existing existing, boolean byPosition, List<Pair<ShopifyOrder.Line>> items,
                 List<ShopifyOrder.Line> added, List<Pair<ShopifyOrder.ShippingLine>> shipping, List<ShopifyOrder.ShippingLine> addedShipping) {
    }

    private final OdooClient odoo;

    OrderLineSync(OdooClient odoo) {
        this.odoo = odoo;
    }

    /** The state and lines of the bound orders: two calls for the batch. */
    Map<Integer, Existing> read(Collection<Integer> saleIds, SaleOrderFields fields) {
        Map<Integer, Existing> out = new HashMap<>();
        if (saleIds.isEmpty()) {
            return out;
        }
        List<String> lineFields = new ArrayList<>(List.of("order_id", "product_id", "product_uom_qty", "price_unit", "discount", fields.taxes(),
                "display_type", OdooReferences.LINE_FIELD));
        if (fields.delivery()) {
            lineFields.add("is_delivery");
        }
        Map<Integer, List<Map<String, Object>>> linesOf = new HashMap<>();
        for (Map<String, Object> l : odoo.searchRead("sale.order.line", List.of(List.of("order_id", "in", new ArrayList<>(saleIds))),
                lineFields, "order_id, sequence, id", 0, 0, null)) {
            if (!(l.get("display_type") instanceof String)) {
                linesOf.computeIfAbsent(ProductWriter.refId(l.get("order_id")), k -> new ArrayList<>()).add(l);
            }
        }
        for (Map<String, Object> r : odoo.searchRead("sale.order", List.of(List.of("id", "in", new ArrayList<>(saleIds))),
                List.of("state", "locked"), null, 0, 0, null)) {
            int id = (Integer) r.get("id");
            out.put(id, new Existing((String) r.get("state"), Boolean.TRUE.equals(r.get("locked")), linesOf.getOrDefault(id, List.of())));
        }
        return out;
    }

    /**
     * Which Odoo lines are shipping lines: those marked {@code is_delivery}; without the delivery module, those of the
     * hub's shipping product ({@code shippingProduct}, null when the batch did not need it: then none).
     */
    static Predicate<Map<String, Object>> shippingLines(SaleOrderFields fields, Integer shippingProduct) {
        if (fields.delivery()) {
            return l -> Boolean.TRUE.equals(l.get("is_delivery"));
        }
        return l -> shippingProduct != null && shippingProduct.equals(ProductWriter.refId(l.get("product_id")));
    }

    /** Matches an order's Shopify lines to its Odoo lines (no call). */
    static Match match(ShopifyOrder o, int saleId, Existing existing, Predicate<Map<String, Object>> shippingLine) {
        List<Map<String, Object>> products = new ArrayList<>();
        List<Map<String, Object>> deliveries = new ArrayList<>();
        existing.lines().forEach(l -> (shippingLine.test(l) ? deliveries : products).add(l));
        Map<String, Map<String, Object>> byId = new HashMap<>();
        products.forEach(l -> {
            if (l.get(OdooReferences.LINE_FIELD) instanceof String id) {
                byId.putIfAbsent(id, l);
            }
        });
        boolean byPosition = byId.isEmpty();
        List<Pair<ShopifyOrder.Line>> items = new ArrayList<>();
        List<ShopifyOrder.Line> added = new ArrayList<>();
        for (int i = 0; i < o.lines().size(); i++) {
            ShopifyOrder.Line l = o.lines().get(i);
            Map<String, Object> line = byPosition ? (i < products.size() ? products.get(i) : null) : byId.get(String.valueOf(l.id()));
            if (line != null) {
                items.add(new Pair<>(l, line));
            } else if (!l.removed()) {
                added.add(l);
            }
        }
        List<Pair<ShopifyOrder.ShippingLine>> shipping = new ArrayList<>();
        List<ShopifyOrder.ShippingLine> addedShipping = new ArrayList<>();
        for (int i = 0; i < o.shippingLines().size(); i++) {
            if (i < deliveries.size()) {
                shipping.add(new Pair<>(o.shippingLines().get(i), deliveries.get(i)));
            } else {
                addedShipping.add(o.shippingLines().get(i));
            }
        }
        return new Match(o, saleId, existing, byPosition, items, added, shipping, addedShipping);
    }

    /**
     * Applies each editable order's differences (one write per order that has any); for a cancelled or locked order
     * that differs, a note instead. Notes that building the values raise (an unmapped tax) are kept only for an
     * order that is written, so an unchanged re-delivery adds none.
     */
    void apply(Collection<Match> matches, Values values, Map<Long, List<String>> notes) {
        for (Match m : matches) {
            List<String> found = new ArrayList<>();
            List<Object> commands = commands(m, values, found);
            if (commands.isEmpty()) {
                continue;
            }
            if (!m.existing().editable()) {
                notes.get(m.order().id()).add("Shopify's edit of the lines was not applied: sale.order " + m.saleId() + " is "
                        + (m.existing().locked() ? "locked" : m.existing().state()) + " in Odoo, whose lines it no longer changes");
                continue;
            }
            // the rare path: one write per order whose lines differ (each order's edit all or nothing)
            odoo.write("sale.order", List.of(m.saleId()), Map.of("order_line", commands), null);
            LOG.info("Shopify order {} ({}): its edit applied to sale.order {} ({}): {}", m.order().name(), m.order().id(), m.saleId(),
                    m.existing().state(), summary(commands));
            found.stream().filter(n -> !notes.get(m.order().id()).contains(n)).forEach(notes.get(m.order().id())::add);
        }
    }

    /** The one2many commands that make the order's lines match Shopify; empty when they already do. */
    static List<Object> commands(Match m, Values values, List<String> notes) {
        List<Object> commands = new ArrayList<>();
        boolean quotation = m.existing().quotation();
        boolean bind = m.byPosition() && m.existing().editable();
        for (Pair<ShopifyOrder.Line> p : m.items()) {
            int id = (Integer) p.odoo().get("id");
            if (p.shopify().removed() && quotation) {
                commands.add(List.of(2, id));
                continue;
            }
            Map<String, Object> vals;
            if (p.shopify().removed()) {
                vals = new LinkedHashMap<>();
                if (LineValues.differs(p.odoo().get("product_uom_qty"), BigDecimal.ZERO)) {
                    vals.put("product_uom_qty", BigDecimal.ZERO);
                }
            } else {
                vals = values.product(m.order(), p.shopify(), notes).changes(p.odoo(), values.fields());
            }
            if (bind) {
                vals.put(OdooReferences.LINE_FIELD, String.valueOf(p.shopify().id()));
            }
            if (!vals.isEmpty()) {
                commands.add(List.of(1, id, vals));
            }
        }
        m.added().forEach(l -> commands.add(List.of(0, 0, values.product(m.order(), l, notes).forCreate(values.fields()))));
        for (Pair<ShopifyOrder.ShippingLine> p : m.shipping()) {
            Map<String, Object> vals = values.shipping(m.order(), p.shopify(), notes).changes(p.odoo(), values.fields());
            if (!vals.isEmpty()) {
                commands.add(List.of(1, p.odoo().get("id"), vals));
            }
        }
        m.addedShipping().forEach(s -> commands.add(List.of(0, 0, values.shipping(m.order(), s, notes).forCreate(values.fields()))));
        return commands;
    }

    private static String summary(List<Object> commands) {
        int[] counts = new int[3];
        for (Object c : commands) {
            int op = (Integer) ((List<?>) c).get(0);
            counts[op == 0 ? 0 : op == 1 ? 1 : 2]++;
        }
        return counts[1] + " line(s) updated, " + counts[0] + " added, " + counts[2] + " removed";
    }
}
