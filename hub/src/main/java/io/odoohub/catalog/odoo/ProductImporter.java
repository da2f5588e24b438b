package io.odoohub.catalog.odoo;

import io.odoohub.catalog.client.OdooConnection;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.ProductFields;
import io.odoohub.catalog.model.SyncEntry;
import io.odoohub.catalog.model.SyncHistory;
import io.odoohub.odoo.OdooClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Import from Odoo: product.template read page by page ({@code search_read} with offset and limit), each record
 * matched to a catalog product by its bound Odoo id, else by internal reference or barcode; updated
 * ({@code update_existing}) or created ({@code create_missing}) through the bidirectional mappings.
 */
public final class ProductImporter {

    /** An import request (the seed's body). */
    public record Request(List<Object> domain, boolean createMissing, boolean updateExisting, int batchSize, String batchId,
                          String triggeredBy, Long scheduleId) {
    }

    private final CatalogStore store;
    private final ProductExporter exporter;
    private final OdooConnection odoo;
    private final SyncHistory history;
    private final ProductMapper mapper = new ProductMapper();
    private final Clock clock;

    public ProductImporter(CatalogStore store, ProductExporter exporter, OdooConnection odoo, SyncHistory history, Clock clock) {
        this.store = store;
        this.exporter = exporter;
        this.odoo = odoo;
        this.history = history;
        this.clock = clock;
    }

    /** The Odoo domain of the seed's {@code odoo_filters}: a list becomes {@code in}, anything else {@code =}. */
    public static List<Object> domain(Map<String, Object> filters) {
        List<Object> domain = new ArrayList<>();
        for (Map.Entry<String, Object> e : filters.entrySet()) {
            if (!e.getKey().matches("[a-z_][a-z0-9_]{0,60}")) {
                throw new IllegalArgumentException("odoo_filters key '" + e.getKey() + "' is not an Odoo field name");
            }
            domain.add(List.of(e.getKey(), e.getValue() instanceof List<?> ? "in" : "=", e.getValue()));
        }
        return domain;
    }

    public long count(List<Object> domain) {
        Object n = odoo.client().execute(FieldMapping.MODEL, "search_count", List.of(domain), Map.of());
        return ((Number) n).longValue();
    }

    /** Imports every page; returns {created, updated, failed}. Retryable Odoo errors are thrown (an import can run again). */
    public int[] run(Request r) {
        ProductMapper.Rules rules = exporter.rules(false);
        List<String> fields = new ArrayList<>(ProductMapper.readFields(rules));
        for (String f : List.of("barcode", "default_code")) {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        }
        OdooClient client = odoo.client();
        int[] counts = new int[3];
        for (int offset = 0; ; offset += r.batchSize()) {
            List<Map<String, Object>> page = client.searchRead(FieldMapping.MODEL, r.domain(), fields, "id", offset, r.batchSize(),
                    Map.of("active_test", false));
            importPage(page, rules, r, counts);
            if (page.size() < r.batchSize()) {
                return counts;
            }
        }
    }

    private void importPage(List<Map<String, Object>> page, ProductMapper.Rules rules, Request r, int[] counts) {
        Instant started = clock.instant();
        List<Integer> ids = page.stream().map(m -> (Integer) m.get("id")).toList();
        Map<Integer, CatalogProduct> bound = store.byOdooIds(ids);
        Map<Integer, String> keys = new HashMap<>();
        for (Map<String, Object> rec : page) {
            keys.put((Integer) rec.get("id"), ProductFields.keyOf(text(rec.get("default_code")), text(rec.get("barcode")),
                    "odoo-" + rec.get("id")));
        }
        Map<String, CatalogProduct> byKey = store.byKeys(keys.values());
        List<CatalogProduct> save = new ArrayList<>();
        List<SyncEntry> entries = new ArrayList<>();
        for (Map<String, Object> rec : page) {
            Integer id = (Integer) rec.get("id");
            CatalogProduct existing = bound.containsKey(id) ? bound.get(id) : byKey.get(keys.get(id));
            if (existing != null && existing.odooId() != null && !existing.odooId().equals(id)) {
                continue; // the key belongs to a product bound to another Odoo record
            }
            if (existing == null ? !r.createMissing() : !r.updateExisting()) {
                continue;
            }
            Map<String, String> fromOdoo = mapper.fromOdoo(rec, rules);
            try {
                CatalogProduct updated = merge(existing, fromOdoo, keys.get(id), id, rules, started);
                save.add(updated);
                entries.add(new SyncEntry(0, updated.id(), id, "from_odoo", existing == null ? "create" : "update", "success",
                        new ArrayList<>(fromOdoo.keySet()), 0, started, clock.instant(), r.triggeredBy(), r.scheduleId(), r.batchId(), null, null));
                counts[existing == null ? 0 : 1]++;
            } catch (IllegalArgumentException e) {
                counts[2]++;
                entries.add(new SyncEntry(0, existing == null ? null : existing.id(), id, "from_odoo", existing == null ? "create" : "update",
                        "error", List.of(), 0, started, clock.instant(), r.triggeredBy(), r.scheduleId(), r.batchId(), e.getMessage(),
                        Map.of("odoo_error_code", "INVALID_VALUE", "message", e.getMessage())));
            }
        }
        store.saveAll(save);
        history.add(entries);
    }

    /**
     * The catalog product with Odoo's values applied. What was read is now the synced state of those fields; a
     * product that was in step before stays in step (so the next export skips it and nothing echoes back to Odoo).
     */
    private CatalogProduct merge(CatalogProduct existing, Map<String, String> fromOdoo, String key, Integer odooId,
                                 ProductMapper.Rules rules, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>(fromOdoo);
        for (FieldMapping m : rules.mappings()) {
            if (m.bidirectional() && !"image".equals(m.transform()) && !fromOdoo.containsKey(m.localField()) && existing != null) {
                fields.put(m.localField(), ""); // emptied in Odoo
            }
        }
        boolean wasInStep = existing == null || existing.syncedHash() != null
                && existing.syncedHash().equals(hashOrNull(existing, rules));
        CatalogProduct p = ProductFields.apply(existing, fields, now);
        if (existing == null) {
            p = new CatalogProduct(p.id(), key, p.title(), p.ean(), p.description(), p.price(), p.weight(), p.brandName(), p.category(),
                    p.imageUrl(), p.supplierReference(), p.supplierId(), p.taxCode(), p.createdAt(), p.modifiedAt(), odooId, null, null, null);
        }
        Map<String, String> synced = ProductMapper.fromJson(existing == null ? null : existing.syncedValues());
        synced.putAll(fromOdoo);
        synced.keySet().removeIf(f -> !fromOdoo.containsKey(f) && fields.containsKey(f));
        String hash = wasInStep ? hashOrNull(p, rules) : existing.syncedHash();
        return p.withSync(odooId, hash, ProductMapper.toJson(synced), now);
    }

    private String hashOrNull(CatalogProduct p, ProductMapper.Rules rules) {
        try {
            return mapper.hash(mapper.canonical(p, rules), rules);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(Object v) {
        return v instanceof String s && !s.isBlank() ? s : null;
    }
}
