package io.odoohub.shopify.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.client.ShopifyAdminClient;
import io.odoohub.shopify.client.ShopifyApiException;
import io.odoohub.shopify.client.ShopifyMutations;
import io.odoohub.shopify.client.ShopifyQueryCost;
import io.odoohub.shopify.model.ShopifyRules;
import io.odoohub.shopify.model.ShopifyTopic;
import io.odoohub.shopify.odoo.OdooStock;
import io.odoohub.shopify.odoo.ShopifyIds;
import io.odoohub.support.Hashes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Odoo -> Shopify: prices, descriptions and stock of products changed in Odoo since the last run (write_date
 * cursor on product.product, product.template, product.template.attribute.value (price extras) and stock.quant; the
 * last second is read again, and skipped as known), for what Odoo owns. Each variant's price is its own
 * {@code lst_price} (the template's price plus its values' extras), each description the template's HTML
 * {@code description}. Only Shopify-bound variants; a value Shopify already has (as recorded from webhooks and
 * earlier pushes) is skipped, so what came from Shopify is not echoed back, and a product still being applied waits
 * (see {@link #run(Set)}). Prices: {@code productVariantsBulkUpdate} per product (250 variants a call);
 * descriptions: {@code productUpdate};
 * stock: {@code inventorySetQuantities} with {@code changeFromQuantity} and an idempotency key, 250 items a call.
 * The client paces the calls by Shopify's cost bucket. The cursor moves only when a run finished.
 */
public final class ShopifyPush {

    /** What one run did. */
    /** {@code deferred}: variants left to a later run (their product still being applied, see {@link #run(Set)}). */
    public record Summary(int variantsChanged, int pricesPushed, int descriptionsPushed, int quantitiesPushed, int skipped, int deferred,
                          int failed, long calls, String cursor, String note) {
    }

    /** The outbound push's flow (paused when the app is uninstalled). */
    public static final String PUSH_FLOW = "shopify-push";
    static final String CURSOR = "push.write_date";
    private static final Logger LOG = LoggerFactory.getLogger(ShopifyPush.class);
    private static final int QUANTITIES_PER_CALL = 250;

    private final Supplier<OdooClient> odoo;
    private final Supplier<ShopifyAdminClient> shopify;
    private final ShopifyState state;
    private final Inbox inbox;
    private final ShopifyRules settings;
    private final SyncLog history;
    private final FlowControl flows;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong deferredSoFar = new java.util.concurrent.atomic.AtomicLong();

    public ShopifyPush(Supplier<OdooClient> odoo, Supplier<ShopifyAdminClient> shopify, ShopifyState state, Inbox inbox,
                       ShopifyRules settings, SyncLog history, FlowControl flows, Clock clock) {
        this.odoo = odoo;
        this.shopify = shopify;
        this.state = state;
        this.inbox = inbox;
        this.settings = settings;
        this.history = history;
        this.flows = flows;
        this.clock = clock;
    }

    public Summary run() {
        return run(Set.of());
    }

    /**
     * A run that also considers the given Odoo variants, changed or not since the cursor: the reconciliation's
     * targeted resync of the variants whose stock differs (their Shopify quantity recorded first, so they are sent).
     * <p>
     * Only Odoo's finished values are sent, and never one that came from Shopify: what Shopify has is read before
     * Odoo's values (the apply records it after its Odoo writes, so a record seen here describes values written
     * already), a variant with nothing recorded is not taken for changed in Odoo (its product is being written, or
     * was never seen by the hub), and a variant is deferred to a later run while its product (or, for its stock, its
     * inventory level) has events waiting or being applied in the inbox, or while what Shopify has was recorded
     * again during this run. The cursor does not move past a deferred variant.
     */
    public synchronized Summary run(Set<Integer> alsoOdooVariants) {
        if (flows.isPaused(PUSH_FLOW)) {
            return new Summary(0, 0, 0, 0, 0, 0, 0, 0, state.cursor(CURSOR).orElse(null), "paused");
        }
        Instant started = clock.instant();
        OdooClient o = odoo.get();
        ShopifyAdminClient api = shopify.get();
        long callsBefore = api.calls();
        String saved = state.cursor(CURSOR).orElse(null);
        String cursor = saved == null ? "1970-01-01 00:00:00" : saved;
        Changed changed = changedVariants(o, cursor);
        Set<Integer> considered = new LinkedHashSet<>(changed.since().keySet());
        considered.addAll(alsoOdooVariants);
        Bound bound = bound(o, considered);
        Map<Long, ShopifyState.Variant> known = state.variants(bound.variantOf().values());
        Map<Long, ShopifyState.Description> knownDescriptions = state.descriptions(bound.productOf().values());
        Map<Integer, Map<String, Object>> values = odooValues(o, bound.variantOf().keySet());
        Map<Integer, Double> quantities = settings.odooOwns("stock") ? quantities(o, bound.variantOf().keySet()) : Map.of();
        Unsettled unsettled = unsettled(bound, known, knownDescriptions);

        List<SyncRecord> rows = new ArrayList<>();
        int[] counts = new int[4]; // prices, descriptions, quantities, failed
        int skipped = 0;
        String holdCursor = null;
        try {
            // prices, grouped per Shopify product
            Map<Long, List<Map<String, Object>>> priceInputs = new LinkedHashMap<>();
            Map<Long, List<ShopifyState.Variant>> priceRecords = new LinkedHashMap<>();
            // stock
            List<Map<String, Object>> quantityInputs = new ArrayList<>();
            List<ShopifyState.Variant> quantityRecords = new ArrayList<>();
            Map<Long, String> descriptions = new LinkedHashMap<>();
            for (Map.Entry<Integer, Long> e : bound.variantOf().entrySet()) {
                int odooId = e.getKey();
                long variant = e.getValue();
                Long product = bound.productOf().get(odooId);
                Map<String, Object> v = values.get(odooId);
                ShopifyState.Variant k = known.get(variant);
                if (unsettled.variants().contains(odooId)) {
                    holdCursor = earlier(holdCursor, changed.since().get(odooId));
                    continue;
                }
                if (product == null || v == null || k == null) {
                    // k == null: bound, but what Shopify has was never recorded (bound outside the hub, or an apply
                    // that failed half-way): not a change made in Odoo
                    skipped++;
                    continue;
                }
                boolean any = false;
                if (settings.odooOwns("price")) {
                    String price = money(v.get("lst_price"));
                    // a change made in Odoo (away from the last price in step) that Shopify does not have yet
                    boolean movedInOdoo = k.odooPrice() == null || differs(k.odooPrice(), price);
                    boolean shopifyLacksIt = k.price() == null || differs(k.price(), price);
                    if (movedInOdoo && shopifyLacksIt) {
                        priceInputs.computeIfAbsent(product, p -> new ArrayList<>())
                                .add(Map.of("id", ShopifyMutations.gid("ProductVariant", variant), "price", price));
                        priceRecords.computeIfAbsent(product, p -> new ArrayList<>()).add(new ShopifyState.Variant(variant, product, null, price, null, price));
                        any = true;
                    }
                }
                ShopifyState.Description d = knownDescriptions.get(product);
                if (settings.odooOwns("description") && d != null && !descriptions.containsKey(product)) {
                    String html = v.get("description") instanceof String s ? s : "";
                    String hash = ShopifyState.hash(html);
                    // as for prices: moved away from Odoo's description when last in step, and not what Shopify has
                    if ((d.odooHash() == null || !hash.equals(d.odooHash())) && !hash.equals(d.shopifyHash())) {
                        descriptions.put(product, html);
                        any = true;
                    }
                }
                Long item = bound.itemOf().get(odooId);
                // only a variant Odoo counts at the location: no quant is no count, not zero
                if (settings.odooOwns("stock") && item != null && !settings.push().location().isBlank() && quantities.containsKey(odooId)) {
                    int qty = (int) Math.floor(quantities.get(odooId));
                    if (unsettled.stock().contains(odooId)) {
                        holdCursor = earlier(holdCursor, changed.since().get(odooId));
                    } else if (k.quantity() == null || k.quantity() != qty) {
                        Map<String, Object> q = new LinkedHashMap<>();
                        q.put("inventoryItemId", ShopifyMutations.gid("InventoryItem", item));
                        q.put("locationId", ShopifyMutations.gid("Location", Long.parseLong(settings.push().location())));
                        q.put("quantity", qty);
                        q.put("changeFromQuantity", k.quantity());
                        quantityInputs.add(q);
                        quantityRecords.add(new ShopifyState.Variant(variant, product, item, null, qty, null));
                        any = true;
                    }
                }
                if (!any) {
                    skipped++;
                }
            }
            pushPrices(api, priceInputs, priceRecords, rows, counts, started);
            pushDescriptions(api, descriptions, rows, counts, started);
            pushQuantities(api, quantityInputs, quantityRecords, rows, counts, started);
        } catch (ShopifyApiException e) {
            history.add(rows);
            if (e.credentials()) {
                flows.pause(PUSH_FLOW, "Shopify refused the access token: " + e.getMessage(), "runtime", null);
            }
            LOG.warn("Shopify push stopped ({}); the cursor stays at {} and the next run tries again", e.getMessage(), cursor);
            throw e;
        }
        history.add(rows);
        String next = changed.maxWriteDate() == null ? null : holdCursor == null ? changed.maxWriteDate() : earlier(holdCursor, changed.maxWriteDate());
        if (next != null && next.compareTo(cursor) > 0) {
            if (state.advanceCursor(CURSOR, saved, next)) {
                cursor = next;
            } else {
                // another node pushed from the same cursor meanwhile: its cursor stays (what both pushed is recorded per variant)
                LOG.warn("Shopify push cursor moved on another node while this one pushed from {}; it stays at {}", cursor,
                        state.cursor(CURSOR).orElse(null));
                cursor = state.cursor(CURSOR).orElse(cursor);
            }
        }
        deferredSoFar.addAndGet(unsettled.variants().size());
        Summary s = new Summary(bound.variantOf().size(), counts[0], counts[1], counts[2], skipped, unsettled.variants().size(), counts[3],
                api.calls() - callsBefore, cursor, null);
        if (s.pricesPushed() + s.descriptionsPushed() + s.quantitiesPushed() + s.failed() > 0) {
            LOG.info("Shopify push: {}", s);
        }
        return s;
    }

    /** Variants left to a later run since start, over all runs (their product was being applied meanwhile). */
    public long deferredSoFar() {
        return deferredSoFar.get();
    }

    /** Odoo variants to leave to a later run: all their values, or their stock only. */
    private record Unsettled(Set<Integer> variants, Set<Integer> stock) {
    }

    /**
     * The variants whose product has events still in the inbox or whose record of what Shopify has changed while this
     * run read Odoo, and those whose inventory level at the push location has events still in the inbox.
     */
    private Unsettled unsettled(Bound bound, Map<Long, ShopifyState.Variant> known, Map<Long, ShopifyState.Description> knownDescriptions) {
        Set<Integer> variants = new LinkedHashSet<>();
        Set<Integer> stock = new LinkedHashSet<>();
        if (bound.variantOf().isEmpty()) {
            return new Unsettled(variants, stock);
        }
        Set<String> keys = new LinkedHashSet<>();
        bound.productOf().values().forEach(p -> keys.add("product:" + p));
        bound.itemOf().values().forEach(i -> keys.add("inventory:" + i + ":" + settings.push().location()));
        Set<String> pending = inbox.unsettled(ShopifyTopic.FLOW, keys);
        Map<Long, ShopifyState.Variant> knownNow = state.variants(bound.variantOf().values());
        Map<Long, ShopifyState.Description> descriptionsNow = state.descriptions(bound.productOf().values());
        for (Map.Entry<Integer, Long> e : bound.variantOf().entrySet()) {
            Long product = bound.productOf().get(e.getKey());
            boolean productBusy = product != null && (pending.contains("product:" + product)
                    || !Objects.equals(knownDescriptions.get(product), descriptionsNow.get(product)));
            if (productBusy || !Objects.equals(known.get(e.getValue()), knownNow.get(e.getValue()))) {
                variants.add(e.getKey());
            }
            Long item = bound.itemOf().get(e.getKey());
            if (item != null && pending.contains("inventory:" + item + ":" + settings.push().location())) {
                stock.add(e.getKey());
            }
        }
        return new Unsettled(variants, stock);
    }

    /** productVariantsBulkUpdate per product, 250 variants a call at most (Shopify's input array limit). */
    private void pushPrices(ShopifyAdminClient api, Map<Long, List<Map<String, Object>>> inputs, Map<Long, List<ShopifyState.Variant>> records,
                            List<SyncRecord> rows, int[] counts, Instant started) {
        for (Map.Entry<Long, List<Map<String, Object>>> e : inputs.entrySet()) {
            List<Map<String, Object>> all = e.getValue();
            for (int from = 0; from < all.size(); from += ShopifyQueryCost.MAX_PAGE) {
                List<Map<String, Object>> chunk = all.subList(from, Math.min(all.size(), from + ShopifyQueryCost.MAX_PAGE));
                List<ShopifyState.Variant> chunkRecords = records.get(e.getKey()).subList(from, from + chunk.size());
                JsonNode data = api.execute("productVariantsBulkUpdate", ShopifyMutations.VARIANTS_BULK_UPDATE,
                        Map.of("productId", ShopifyMutations.gid("Product", e.getKey()), "variants", chunk), chunk.size());
                JsonNode errors = data.path("productVariantsBulkUpdate").path("userErrors");
                if (errors.isArray() && !errors.isEmpty()) {
                    counts[3] += chunk.size();
                    rows.add(row("product:" + e.getKey(), "failed", "price", started, errors.toString()));
                    continue;
                }
                state.recordVariants(chunkRecords);
                counts[0] += chunk.size();
                for (ShopifyState.Variant v : chunkRecords) {
                    rows.add(row("variant:" + v.variantId(), "success", "price", started, null));
                }
            }
        }
    }

    private void pushDescriptions(ShopifyAdminClient api, Map<Long, String> descriptions, List<SyncRecord> rows, int[] counts, Instant started) {
        for (Map.Entry<Long, String> e : descriptions.entrySet()) {
            JsonNode data = api.execute("productUpdate", ShopifyMutations.PRODUCT_UPDATE,
                    Map.of("product", Map.of("id", ShopifyMutations.gid("Product", e.getKey()), "descriptionHtml", e.getValue())), 1);
            JsonNode errors = data.path("productUpdate").path("userErrors");
            if (errors.isArray() && !errors.isEmpty()) {
                counts[3]++;
                rows.add(row("product:" + e.getKey(), "failed", "descriptionHtml", started, errors.toString()));
                continue;
            }
            state.recordDescriptions(Map.of(e.getKey(), e.getValue()), Map.of(e.getKey(), e.getValue()));
            counts[1]++;
            rows.add(row("product:" + e.getKey(), "success", "descriptionHtml", started, null));
        }
    }

    private void pushQuantities(ShopifyAdminClient api, List<Map<String, Object>> inputs, List<ShopifyState.Variant> records,
                                List<SyncRecord> rows, int[] counts, Instant started) {
        for (int from = 0; from < inputs.size(); from += QUANTITIES_PER_CALL) {
            List<Map<String, Object>> page = inputs.subList(from, Math.min(inputs.size(), from + QUANTITIES_PER_CALL));
            List<ShopifyState.Variant> pageRecords = records.subList(from, Math.min(records.size(), from + QUANTITIES_PER_CALL));
            JsonNode errors = setQuantities(api, page);
            if (errors.isArray() && !errors.isEmpty() && isStale(errors)) {
                // someone changed Shopify's stock meanwhile; Odoo owns stock, so its count is set anyway
                LOG.warn("Shopify stock changed since the hub last saw it ({}); setting Odoo's quantities without the check", errors);
                List<Map<String, Object>> unchecked = new ArrayList<>();
                for (Map<String, Object> q : page) {
                    Map<String, Object> copy = new LinkedHashMap<>(q);
                    copy.put("changeFromQuantity", null);
                    unchecked.add(copy);
                }
                errors = setQuantities(api, unchecked);
            }
            if (errors.isArray() && !errors.isEmpty()) {
                counts[3] += page.size();
                rows.add(row("inventory:" + page.size() + " items", "failed", "available", started, errors.toString()));
                continue;
            }
            for (ShopifyState.Variant v : pageRecords) {
                rows.add(row("variant:" + v.variantId(), "success", "available", started, null));
            }
            state.recordVariants(pageRecords);
            counts[2] += page.size();
        }
    }

    private static JsonNode setQuantities(ShopifyAdminClient api, List<Map<String, Object>> quantities) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("referenceDocumentUri", "odoo-hub://shopify-push");
        input.put("quantities", quantities);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("input", input);
        // the same change retried carries the same key, so Shopify applies it once
        variables.put("idempotencyKey", Hashes.sha256Hex(quantities.toString()));
        return api.execute("inventorySetQuantities", ShopifyMutations.INVENTORY_SET_QUANTITIES, variables, quantities.size())
                .path("inventorySetQuantities").path("userErrors");
    }

    private static boolean isStale(JsonNode errors) {
        for (JsonNode e : errors) {
            if (e.path("code").asText().contains("CHANGE_FROM_QUANTITY_STALE")) {
                return true;
            }
        }
        return false;
    }

    private SyncRecord row(String key, String status, String fields, Instant started, String error) {
        Instant now = clock.instant();
        return new SyncRecord(0, PUSH_FLOW, "outbound", key, null, null, status, fields,
                now.toEpochMilli() - started.toEpochMilli(), started, now, "schedule", null, error, null);
    }

    /** Odoo variants changed since the cursor, each with the write_date that brought it in, and the newest one. */
    private record Changed(Map<Integer, String> since, String maxWriteDate) {
    }

    /** product.product ids changed since the cursor: the variant itself, its template, or its stock. */
    private Changed changedVariants(OdooClient o, String cursor) {
        Map<Integer, String> since = new LinkedHashMap<>();
        String max = null;
        Map<String, Object> all = Map.of("active_test", false);
        for (Map<String, Object> r : o.searchRead("product.product", List.of(List.of("write_date", ">=", cursor)), List.of("write_date"),
                "write_date, id", 0, 0, all)) {
            since.merge((Integer) r.get("id"), (String) r.get("write_date"), ShopifyPush::earlier);
            max = later(max, r.get("write_date"));
        }
        Map<Integer, String> templates = new LinkedHashMap<>();
        for (Map<String, Object> r : o.searchRead("product.template", List.of(List.of("write_date", ">=", cursor)), List.of("write_date"),
                "write_date, id", 0, 0, all)) {
            templates.merge((Integer) r.get("id"), (String) r.get("write_date"), ShopifyPush::earlier);
            max = later(max, r.get("write_date"));
        }
        // a value's price extra changes the price of the template's variants with that value
        for (Map<String, Object> r : o.searchRead("product.template.attribute.value", List.of(List.of("write_date", ">=", cursor)),
                List.of("product_tmpl_id", "write_date"), "write_date, id", 0, 0, null)) {
            Integer template = refId(r.get("product_tmpl_id"));
            if (template != null) {
                templates.merge(template, (String) r.get("write_date"), ShopifyPush::earlier);
            }
            max = later(max, r.get("write_date"));
        }
        if (!templates.isEmpty()) {
            for (Map<String, Object> r : o.searchRead("product.product", List.of(List.of("product_tmpl_id", "in", new ArrayList<>(templates.keySet()))),
                    List.of("product_tmpl_id"), "id", 0, 0, all)) {
                since.merge((Integer) r.get("id"), templates.get(refId(r.get("product_tmpl_id"))), ShopifyPush::earlier);
            }
        }
        Integer location = pushLocation(o);
        if (location != null && settings.odooOwns("stock")) {
            for (Map<String, Object> r : o.searchRead("stock.quant", List.of(List.of("write_date", ">=", cursor), List.of("location_id", "child_of", location)),
                    List.of("product_id", "write_date"), "write_date, id", 0, 0, null)) {
                since.merge(refId(r.get("product_id")), (String) r.get("write_date"), ShopifyPush::earlier);
                max = later(max, r.get("write_date"));
            }
        }
        return new Changed(since, max);
    }

    private record Bound(Map<Integer, Long> variantOf, Map<Integer, Long> productOf, Map<Integer, Long> itemOf) {
    }

    /** Shopify ids of changed Odoo variants (only those bound to Shopify): variant, product, inventory item. */
    private Bound bound(OdooClient o, Set<Integer> productIds) {
        Map<Integer, Long> variantOf = new LinkedHashMap<>();
        Map<Integer, Long> itemOf = new HashMap<>();
        Map<Integer, Long> productOf = new HashMap<>();
        if (productIds.isEmpty()) {
            return new Bound(variantOf, productOf, itemOf);
        }
        List<Integer> ids = new ArrayList<>(productIds);
        ExternalIds binder = ShopifyIds.binder(o);
        Map<Integer, Integer> templateOf = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Integer> page = ids.subList(from, Math.min(ids.size(), from + 1000));
            for (ExternalIds.Binding b : binder.bindingsOf("product.product", page)) {
                String name = b.name();
                int res = b.resId();
                if (name.startsWith("variant_")) {
                    variantOf.put(res, Long.parseLong(name.substring(8)));
                } else if (name.startsWith("inventory_item_")) {
                    itemOf.put(res, Long.parseLong(name.substring(15)));
                }
            }
            List<Integer> bound = page.stream().filter(variantOf::containsKey).toList();
            if (!bound.isEmpty()) {
                for (Map<String, Object> r : o.searchRead("product.product", List.of(List.of("id", "in", bound)), List.of("product_tmpl_id"),
                        null, 0, 0, Map.of("active_test", false))) {
                    templateOf.put((Integer) r.get("id"), refId(r.get("product_tmpl_id")));
                }
            }
        }
        if (!templateOf.isEmpty()) {
            Map<Integer, Long> shopifyProduct = new HashMap<>();
            for (ExternalIds.Binding b : binder.bindingsOf("product.template", templateOf.values())) {
                if (b.name().startsWith("product_")) {
                    shopifyProduct.put(b.resId(), Long.parseLong(b.name().substring(8)));
                }
            }
            templateOf.forEach((variant, template) -> {
                if (shopifyProduct.containsKey(template)) {
                    productOf.put(variant, shopifyProduct.get(template));
                }
            });
        }
        return new Bound(variantOf, productOf, itemOf);
    }

    private Map<Integer, Map<String, Object>> odooValues(OdooClient o, Set<Integer> ids) {
        Map<Integer, Map<String, Object>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Map<String, Object> r : o.searchRead("product.product", List.of(List.of("id", "in", new ArrayList<>(ids))),
                List.of("lst_price", "description"), null, 0, 0, Map.of("active_test", false))) {
            out.put((Integer) r.get("id"), r);
        }
        return out;
    }

    /**
     * What Odoo can still sell of each variant at the push location and the locations under it: on hand less what is
     * reserved (for Shopify's own unshipped orders, among others), which is what Shopify's "available" means.
     */
    private Map<Integer, Double> quantities(OdooClient o, Set<Integer> ids) {
        Map<Integer, Double> out = new HashMap<>();
        Integer location = pushLocation(o);
        if (ids.isEmpty() || location == null) {
            return out;
        }
        for (Map<String, Object> r : o.searchRead("stock.quant", List.of(List.of("product_id", "in", new ArrayList<>(ids)),
                List.of("location_id", "child_of", location)), List.of("product_id", "quantity", "reserved_quantity"), null, 0, 0, null)) {
            out.merge(refId(r.get("product_id")), OdooStock.available(r), Double::sum);
        }
        return out;
    }

    private Integer pushLocation(OdooClient o) {
        String name = settings.mappings().locations().get(settings.push().location());
        if (name == null) {
            return null;
        }
        return OdooStock.locationIds(o, List.of(name)).get(name);
    }

    private static boolean differs(String a, String b) {
        return new BigDecimal(a).compareTo(new BigDecimal(b)) != 0;
    }

    private static String money(Object v) {
        double d = v instanceof Number n ? n.doubleValue() : 0.0;
        return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The earlier of two write dates; null is no date. */
    private static String earlier(String a, String b) {
        return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static String later(String max, Object writeDate) {
        String w = writeDate instanceof String s ? s : null;
        return w == null ? max : max == null || w.compareTo(max) > 0 ? w : max;
    }

    private static Integer refId(Object many2one) {
        if (many2one instanceof List<?> l && !l.isEmpty()) {
            return (Integer) l.get(0);
        }
        return many2one instanceof Integer i ? i : null;
    }
}
