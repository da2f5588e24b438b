package io.odoohub.shopify.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.NewEvent;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.client.ShopifyAdminClient;
import io.odoohub.shopify.client.ShopifyGraphql;
import io.odoohub.shopify.client.ShopifyPages;
import io.odoohub.shopify.model.ShopifyRules;
import io.odoohub.shopify.model.ShopifyTopic;
import io.odoohub.shopify.odoo.OdooStock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares Shopify and Odoo for a date range: orders per day (count and total), products by SKU, stock per variant
 * (Shopify's inventoryQuantity against Odoo's count over the mapped locations). With {@code resync}, what is missing
 * in Odoo is stored in the inbox again (the orders and products as Shopify has them now) and a stock difference is
 * settled by the owner: Odoo's count is pushed at once, or Shopify's level is stored in the inbox to be applied.
 */
public final class ShopifyReconciliation {

    public record Day(String day, int shopifyOrders, int odooOrders, String shopifyTotal, String odooTotal) {
    }

    public record StockDifference(String sku, int shopify, double odoo) {
    }

    /** @param inStep nothing missing or different */
    public record Report(String from, String to, List<Day> days, List<String> missingOrders, List<String> missingSkus,
                         List<StockDifference> stock, int resynced, boolean inStep) {

        static Report of(String from, String to, List<Day> days, List<String> missingOrders, List<String> missingSkus,
                         List<StockDifference> stock, int resynced) {
            boolean inStep = missingOrders.isEmpty() && missingSkus.isEmpty() && stock.isEmpty()
                    && days.stream().allMatch(d -> d.shopifyOrders() == d.odooOrders() && d.shopifyTotal().equals(d.odooTotal()));
            return new Report(from, to, days, missingOrders, missingSkus, stock, resynced, inStep);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyReconciliation.class);

    private final Supplier<OdooClient> odoo;
    private final Supplier<ShopifyAdminClient> shopify;
    private final Inbox inbox;
    private final ShopifyState state;
    private final ShopifyRules settings;
    private final Clock clock;
    private final int pageSize;
    private final ShopifyPush push;

    /** @param push the push that sends Odoo's stock when a resync finds Shopify's differs (null: report only) */
    public ShopifyReconciliation(Supplier<OdooClient> odoo, Supplier<ShopifyAdminClient> shopify, Inbox inbox, ShopifyState state,
                                 ShopifyRules settings, Clock clock, int pageSize, ShopifyPush push) {
        this.odoo = odoo;
        this.shopify = shopify;
        this.inbox = inbox;
        this.state = state;
        this.settings = settings;
        this.clock = clock;
        this.pageSize = Math.min(250, pageSize);
        this.push = push;
    }

    /** The daily job: yesterday and today, with resync. */
    public Report daily() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return run(today.minusDays(1), today, true);
    }

    public synchronized Report run(LocalDate from, LocalDate to, boolean resync) {
        ShopifyAdminClient api = shopify.get();
        OdooClient o = odoo.get();
        List<ObjectNode> orders = pages(api, ShopifyGraphql.ORDERS, Map.of("query", "created_at:>=" + from + " created_at:<=" + to),
                ShopifyGraphql::order);
        List<ObjectNode> products = pages(api, ShopifyGraphql.PRODUCTS, Map.of(), ShopifyGraphql::product);

        // orders per day of their creation in Shopify (Odoo moves date_order to the confirmation), matched by name
        List<String> names = orders.stream().map(x -> x.path("name").asText()).toList();
        Map<String, Double> odooTotal = new HashMap<>();
        for (int i = 0; i < names.size(); i += 1000) {
            for (Map<String, Object> so : o.searchRead("sale.order", List.of(List.of("client_order_ref", "in", names.subList(i, Math.min(names.size(), i + 1000))),
                    List.of("origin", "=like", "Shopify %"), List.of("state", "!=", "cancel")), List.of("client_order_ref", "amount_total"), "id", 0, 0, null)) {
                odooTotal.putIfAbsent(String.valueOf(so.get("client_order_ref")), ((Number) so.get("amount_total")).doubleValue());
            }
        }
        TreeMap<String, int[]> counts = new TreeMap<>();
        TreeMap<String, BigDecimal[]> totals = new TreeMap<>();
        List<String> missingOrders = new ArrayList<>();
        List<NewEvent> resyncEvents = new ArrayList<>();
        String run = clock.instant().toString();
        for (ObjectNode order : orders) {
            if (order.hasNonNull("cancelled_at")) {
                continue;
            }
            String day = OffsetDateTime.parse(order.path("created_at").asText()).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
            int[] c = counts.computeIfAbsent(day, d -> new int[2]);
            BigDecimal[] t = totals.computeIfAbsent(day, d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            c[0]++;
            t[0] = t[0].add(new BigDecimal(order.path("total_price").asText("0")));
            Double inOdoo = odooTotal.get(order.path("name").asText());
            if (inOdoo != null) {
                c[1]++;
                t[1] = t[1].add(BigDecimal.valueOf(inOdoo));
            } else {
                missingOrders.add(order.path("name").asText());
                resyncEvents.add(event("orders/updated", "order:" + order.path("id").asLong(), order, run));
            }
        }
        List<Day> days = new ArrayList<>();
        counts.forEach((day, c) -> {
            BigDecimal[] t = totals.get(day);
            days.add(new Day(day, c[0], c[1], t[0].setScale(2, RoundingMode.HALF_UP).toPlainString(),
                    t[1].setScale(2, RoundingMode.HALF_UP).toPlainString()));
        });

        // products by SKU, stock per variant
        Map<String, ObjectNode> productOfSku = new LinkedHashMap<>();
        Map<String, JsonNode> variantOfSku = new LinkedHashMap<>();
        for (ObjectNode p : products) {
            for (JsonNode v : p.path("variants")) {
                if (v.hasNonNull("sku")) {
                    productOfSku.put(v.get("sku").asText(), p);
                    variantOfSku.put(v.get("sku").asText(), v);
                }
            }
        }
        Map<String, Integer> odooProductOfSku = new HashMap<>();
        if (!productOfSku.isEmpty()) {
            for (Map<String, Object> r : o.searchRead("product.product", List.of(List.of("default_code", "in", new ArrayList<>(productOfSku.keySet()))),
                    List.of("default_code"), "id", 0, 0, null)) {
                odooProductOfSku.putIfAbsent((String) r.get("default_code"), (Integer) r.get("id"));
            }
        }
        List<String> missingSkus = new ArrayList<>();
        Set<Long> resyncedProducts = new HashSet<>();
        for (Map.Entry<String, ObjectNode> e : productOfSku.entrySet()) {
            if (!odooProductOfSku.containsKey(e.getKey())) {
                missingSkus.add(e.getKey());
                if (resyncedProducts.add(e.getValue().path("id").asLong())) {
                    resyncEvents.add(event("products/update", "product:" + e.getValue().path("id").asLong(), e.getValue(), run));
                }
            }
        }
        StockCheck stockCheck = stockDifferences(o, variantOfSku, odooProductOfSku, resync, resyncEvents, run);
        List<StockDifference> stock = stockCheck.differences();
        int resynced = stockCheck.pushed();
        if (resync && !resyncEvents.isEmpty()) {
            resynced += (int) inbox.storeAll(resyncEvents).stream().filter(r -> !r.duplicate()).count();
        }
        Report report = Report.of(from.toString(), to.toString(), days, missingOrders, missingSkus, stock, resynced);
        LOG.info("Shopify reconciliation {}..{}: {} day(s), {} order(s) and {} SKU(s) missing in Odoo, {} stock difference(s), {} resynced",
                from, to, days.size(), missingOrders.size(), missingSkus.size(), stock.size(), resynced);
        return report;
    }

    /**
     * Stock per variant: Shopify's inventoryQuantity (what it can sell, over its locations) against what Odoo can sell
     * (on hand less reserved) at the Odoo locations of {@code hub.shopify.location-map} and the locations under them.
     * With {@code resync} and a single mapped location, the owner's figure is made to win: Odoo's count is pushed now (when Odoo owns stock and the push is on), or Shopify's level
     * is stored in the inbox as an inventory_levels/update (when Shopify owns stock). With several mapped locations
     * the totals cannot be split per location, so the differences are reported only.
     */
    private record StockCheck(List<StockDifference> differences, int pushed) {
    }

    private StockCheck stockDifferences(OdooClient o, Map<String, JsonNode> variantOfSku, Map<String, Integer> odooProductOfSku,
                                                   boolean resync, List<NewEvent> resyncEvents, String run) {
        List<StockDifference> out = new ArrayList<>();
        if (settings.mappings().locations().isEmpty() || odooProductOfSku.isEmpty()) {
            return new StockCheck(out, 0);
        }
        List<Object> locations = new ArrayList<>(OdooStock.locationIds(o, settings.mappings().locations().values()).values());
        Map<Integer, Double> quantities = new HashMap<>();
        if (!locations.isEmpty()) {
            for (Map<String, Object> q : o.searchRead("stock.quant", List.of(List.of("product_id", "in", new ArrayList<>(odooProductOfSku.values())),
                    List.of("location_id", "child_of", locations)), List.of("product_id", "quantity", "reserved_quantity"), null, 0, 0, null)) {
                quantities.merge((Integer) ((List<?>) q.get("product_id")).get(0), OdooStock.available(q), Double::sum);
            }
        }
        Map<Long, Integer> shopifyHas = new HashMap<>();
        Set<Integer> odooVariants = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : variantOfSku.entrySet()) {
            Integer product = odooProductOfSku.get(e.getKey());
            JsonNode v = e.getValue();
            if (product == null || !v.hasNonNull("inventory_quantity")) {
                continue;
            }
            int theirs = v.get("inventory_quantity").asInt();
            double ours = quantities.getOrDefault(product, 0.0);
            if (Math.abs(theirs - ours) >= 0.5) {
                out.add(new StockDifference(e.getKey(), theirs, ours));
                if (v.hasNonNull("inventory_item_id")) {
                    shopifyHas.put(v.get("inventory_item_id").asLong(), theirs);
                    odooVariants.add(product);
                }
            }
        }
        if (!resync || shopifyHas.isEmpty()) {
            return new StockCheck(out, 0);
        }
        if (settings.mappings().locations().size() != 1) {
            LOG.warn("Shopify reconciliation: {} stock difference(s) reported, not resynced: {} Shopify locations are mapped and Shopify's "
                    + "figure is a total over its locations", out.size(), settings.mappings().locations().size());
            return new StockCheck(out, 0);
        }
        String shopifyLocation = settings.mappings().locations().keySet().iterator().next();
        if (settings.odooOwns("stock")) {
            if (push == null || !settings.push().enabled() || !shopifyLocation.equals(settings.push().location())) {
                LOG.warn("Shopify reconciliation: {} stock difference(s) reported, not pushed: the push is off or hub.shopify.push.location "
                        + "is not the mapped location {}", out.size(), shopifyLocation);
                return new StockCheck(out, 0);
            }
            // what Shopify really has, so the push sees Odoo's count differ and sends it now
            state.recordQuantities(shopifyHas);
            ShopifyPush.Summary pushed = push.run(odooVariants);
            LOG.info("Shopify reconciliation pushed Odoo's stock for {} variant(s): {}", odooVariants.size(), pushed);
            return new StockCheck(out, pushed.quantitiesPushed());
        } else {
            String now = clock.instant().toString();
            shopifyHas.forEach((item, quantity) -> {
                ObjectNode level = JsonNodeFactory.instance.objectNode();
                level.put("inventory_item_id", item).put("location_id", Long.parseLong(shopifyLocation)).put("available", quantity)
                        .put("updated_at", now);
                resyncEvents.add(new NewEvent(ShopifyTopic.FLOW, "shopify", "inventory_levels/update",
                        "reconcile:" + run + ":inventory:" + item, "inventory:" + item + ":" + shopifyLocation, clock.instant(), level.toString()));
            });
        }
        return new StockCheck(out, 0);
    }

    private NewEvent event(String topic, String entity, ObjectNode rest, String run) {
        String updated = rest.path("updated_at").asText(null);
        return new NewEvent(ShopifyTopic.FLOW, "shopify", topic, "reconcile:" + run + ":" + entity, entity,
                updated == null ? null : OffsetDateTime.parse(updated).toInstant(), rest.toString());
    }

    private List<ObjectNode> pages(ShopifyAdminClient api, ShopifyGraphql.Query query, Map<String, Object> filter,
                                   java.util.function.Function<JsonNode, ObjectNode> toRest) {
        List<ObjectNode> out = new ArrayList<>();
        ShopifyPages pages = new ShopifyPages(api, query, filter, pageSize);
        String after = null;
        boolean more = true;
        while (more) {
            ShopifyPages.Page page = pages.page(after);
            page.nodes().forEach(n -> out.add(toRest.apply(n)));
            more = page.hasNextPage();
            after = page.endCursor();
        }
        return out;
    }
}
