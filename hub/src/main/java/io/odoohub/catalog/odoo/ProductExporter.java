package io.odoohub.catalog.odoo;

import io.odoohub.catalog.client.ImageFetcher;
import io.odoohub.catalog.client.OdooConnection;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.MappingStore;
import io.odoohub.catalog.model.SyncEntry;
import io.odoohub.catalog.model.SyncHistory;
import io.odoohub.odoo.BatchResult;
import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.LoadTable;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.RowFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Export to Odoo, as the OCA connector's exporter: map -> skip if unchanged -> bind -> write in batches -> record.
 * A product whose mapped values hash to what was last synced is skipped without calling Odoo. Products are bound
 * by external id {@code catalog.product_<key>}; on first sync an existing Odoo product with the same barcode or
 * internal reference is bound instead of creating a second one. Writes go through {@code load} in batches, bad
 * rows split out by {@link OdooBatchWriter}. Retryable Odoo errors are thrown: the caller's retry policy decides.
 */
public final class ProductExporter {

    /** How to export: {@code force} writes even unchanged products. */
    public record Options(boolean force, boolean syncImages, int batchSize, String batchId, String triggeredBy, Long scheduleId) {
        public Options {
            if (batchSize < 1 || batchSize > 5000) {
                throw new IllegalArgumentException("batch_size must be between 1 and 5000");
            }
        }
    }

    /** What the export did: one log entry per product written or refused, the skipped count and Odoo calls. */
    public record Report(List<SyncEntry> entries, int skipped, long calls) {
        public long succeeded() {
            return entries.stream().filter(e -> e.syncStatus().equals("success")).count();
        }
    }

    private final CatalogStore store;
    private final MappingStore mappings;
    private final OdooConnection odoo;
    private final SyncHistory history;
    private final ImageFetcher images;
    private final ProductMapper mapper = new ProductMapper();
    private final ErrorDetails errors = new ErrorDetails();
    private final Clock clock;

    public ProductExporter(CatalogStore store, MappingStore mappings, OdooConnection odoo, SyncHistory history, ImageFetcher images,
                           Clock clock) {
        this.store = store;
        this.mappings = mappings;
        this.odoo = odoo;
        this.history = history;
        this.images = images;
        this.clock = clock;
    }

    public ProductMapper.Rules rules(boolean syncImages) {
        return new ProductMapper.Rules(mappings.activeProductMappings(), mappings.categoryIds(), mappings.taxIds(),
                syncImages ? images : null);
    }

    public Report export(List<CatalogProduct> products, Options o) {
        Instant started = clock.instant();
        ProductMapper.Rules rules = rules(o.syncImages());
        List<SyncEntry> entries = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        int skipped = 0;
        for (CatalogProduct p : products) {
            try {
                Map<String, String> canonical = mapper.canonical(p, rules);
                String hash = mapper.hash(canonical, rules);
                if (!o.force() && p.odooId() != null && hash.equals(p.syncedHash())) {
                    skipped++;
                    continue;
                }
                pending.add(new Pending(p, canonical, hash, mapper.loadValues(p, rules)));
            } catch (IllegalArgumentException e) {
                String field = e instanceof ProductMapper.MissingField m ? m.field : null;
                entries.add(error(p, o, started, e.getMessage(), errors.local(e.getMessage(), field)));
            }
        }
        long calls = 0;
        if (!pending.isEmpty()) {
            OdooClient client = odoo.client();
            long before = client.requestCount();
            write(client, pending, o, started, entries);
            calls = client.requestCount() - before;
        }
        history.add(entries);
        return new Report(entries, skipped, calls);
    }

    /** One product about to be written. */
    private record Pending(CatalogProduct product, Map<String, String> canonical, String hash, Map<String, Object> values) {
    }

    private void write(OdooClient client, List<Pending> pending, Options o, Instant started, List<SyncEntry> entries) {
        Map<String, Integer> boundBefore = new Binder(client).bind(pending.stream().map(Pending::product).toList());
        // records of the same columns go together: in one load an absent column would be an empty cell, which empties the field
        Map<Set<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            groups.computeIfAbsent(pending.get(i).values().keySet(), k -> new ArrayList<>()).add(i);
        }
        OdooBatchWriter writer = new OdooBatchWriter(client, o.batchSize());
        Integer[] ids = new Integer[pending.size()];
        RowFailure[] failures = new RowFailure[pending.size()];
        for (List<Integer> group : groups.values()) {
            List<Map<String, Object>> maps = new ArrayList<>(group.size());
            for (int i : group) {
                maps.add(pending.get(i).values());
            }
            LoadTable table = LoadTable.fromMaps(maps);
            BatchResult result = writer.load(FieldMapping.MODEL, table.fields(), table.records(), Map.of("tracking_disable", true));
            for (int k = 0; k < group.size(); k++) {
                ids[group.get(k)] = result.ids().get(k);
            }
            for (RowFailure f : result.failures()) {
                failures[group.get(f.index())] = new RowFailure(group.get(f.index()), f.message(), f.field(), f.cause());
            }
        }
        Instant done = clock.instant();
        long perProduct = Duration.between(started, done).toMillis() / Math.max(1, pending.size());
        List<CatalogProduct> synced = new ArrayList<>();
        List<Pending> failed = new ArrayList<>();
        List<RowFailure> failedReasons = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            if (ids[i] != null) {
                String type = boundBefore.containsKey(p.product().id()) ? "update" : "create";
                synced.add(p.product().withSync(ids[i], p.hash(), ProductMapper.toJson(p.canonical()), done));
                entries.add(new SyncEntry(0, p.product().id(), ids[i], "to_odoo", type, "success", ProductMapper.odooFields(p.values()),
                        perProduct, started, done, o.triggeredBy(), o.scheduleId(), o.batchId(), null, null));
            } else {
                failed.add(p);
                failedReasons.add(failures[i]);
            }
        }
        store.markSynced(synced);
        Map<Integer, Map<String, Object>> details = errors.forLoadFailures(client, failed.stream().map(Pending::values).toList(), failedReasons);
        for (int k = 0; k < failed.size(); k++) {
            Pending p = failed.get(k);
            String message = failedReasons.get(k) == null ? "Odoo returned no id" : failedReasons.get(k).message();
            entries.add(new SyncEntry(0, p.product().id(), p.product().odooId(), "to_odoo",
                    boundBefore.containsKey(p.product().id()) ? "update" : "create", "error", ProductMapper.odooFields(p.values()),
                    perProduct, started, done, o.triggeredBy(), o.scheduleId(), o.batchId(), message, details.get(k)));
        }
    }

    private SyncEntry error(CatalogProduct p, Options o, Instant started, String message, Map<String, Object> details) {
        return new SyncEntry(0, p.id(), p.odooId(), "to_odoo", p.odooId() == null ? "create" : "update", "error", List.of(), 0,
                started, clock.instant(), o.triggeredBy(), o.scheduleId(), o.batchId(), message, details);
    }

    /**
     * Makes sure each product's external id exists in Odoo before load: a product already bound keeps its record;
     * one known by Odoo id (imported from Odoo) or matching an Odoo product by barcode or internal reference is
     * bound to it; the rest are created by load. A few calls for any number of products.
     */
    private static final class Binder {

        private static final int CHUNK = 5000;
        private final OdooClient client;
        private final ExternalIds ids;

        Binder(OdooClient client) {
            this.client = client;
            this.ids = new ExternalIds(client, ProductMapper.MODULE);
        }

        /** Product id -> the Odoo id it was bound to before this write (absent: load creates it). */
        Map<String, Integer> bind(List<CatalogProduct> products) {
            Map<String, CatalogProduct> byName = new LinkedHashMap<>();
            for (CatalogProduct p : products) {
                byName.put(ProductMapper.externalName(p.externalKey()), p);
            }
            Map<String, Integer> bound = new HashMap<>();
            ids.find(FieldMapping.MODEL, byName.keySet()).forEach((name, id) -> bound.put(byName.get(name).id(), id));
            List<CatalogProduct> unbound = products.stream().filter(p -> !bound.containsKey(p.id())).toList();
            Map<String, Integer> toBind = new LinkedHashMap<>();
            List<CatalogProduct> toMatch = new ArrayList<>();
            for (CatalogProduct p : unbound) {
                if (p.odooId() != null) {
                    toBind.put(p.id(), p.odooId());
                } else if (p.ean() != null || p.supplierReference() != null) {
                    toMatch.add(p);
                }
            }
            toBind.putAll(match(toMatch));
            if (!toBind.isEmpty()) {
                Map<String, CatalogProduct> byId = new HashMap<>();
                products.forEach(p -> byId.put(p.id(), p));
                Map<String, Integer> names = new LinkedHashMap<>();
                toBind.forEach((productId, odooId) -> names.put(ProductMapper.externalName(byId.get(productId).externalKey()), odooId));
                ids.bind(FieldMapping.MODEL, names);
                bound.putAll(toBind);
            }
            return bound;
        }

        /** First sync: existing Odoo products by barcode, else by internal reference (variants hold both). */
        private Map<String, Integer> match(List<CatalogProduct> products) {
            Map<String, Integer> out = new HashMap<>();
            if (products.isEmpty()) {
                return out;
            }
            Map<String, Integer> byBarcode = new HashMap<>();
            Map<String, Integer> byCode = new HashMap<>();
            for (int from = 0; from < products.size(); from += CHUNK) {
                List<CatalogProduct> part = products.subList(from, Math.min(products.size(), from + CHUNK));
                List<String> eans = part.stream().map(CatalogProduct::ean).filter(java.util.Objects::nonNull).toList();
                List<String> refs = part.stream().map(CatalogProduct::supplierReference).filter(java.util.Objects::nonNull).toList();
                for (Map<String, Object> row : client.searchRead("product.product", List.of("|", List.of("barcode", "in", eans),
                        List.of("default_code", "in", refs)), List.of("product_tmpl_id", "barcode", "default_code"), null, 0, 0, null)) {
                    Integer tmpl = (Integer) ((List<?>) row.get("product_tmpl_id")).get(0);
                    if (row.get("barcode") instanceof String b) {
                        byBarcode.putIfAbsent(b, tmpl);
                    }
                    if (row.get("default_code") instanceof String c) {
                        byCode.putIfAbsent(c, tmpl);
                    }
                }
            }
            Set<Integer> taken = new java.util.HashSet<>();
            for (CatalogProduct p : products) {
                Integer id = p.ean() == null ? null : byBarcode.get(p.ean());
                if (id == null && p.supplierReference() != null) {
                    id = byCode.get(p.supplierReference());
                }
                // one Odoo product binds one catalog product; a second match is left to fail with Odoo's reason
                if (id != null && taken.add(id)) {
                    out.put(p.id(), id);
                }
            }
            if (!out.isEmpty()) {
                // an Odoo product already bound to another catalog product is not taken over: that one keeps it
                for (ExternalIds.Binding b : ids.bindingsOf(FieldMapping.MODEL, out.values())) {
                    out.values().removeIf(id -> id == b.resId());
                }
            }
            return out;
        }
    }
}
