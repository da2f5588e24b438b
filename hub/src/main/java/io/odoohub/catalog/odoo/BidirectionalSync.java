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
import java.util.Objects;

/**
 * Two-way sync of bound products, past the seed's "last write wins": for each bidirectional field, the value at the
 * last sync is the base. Changed only in Odoo: taken into the catalog. Changed only in the hub: exported. Changed on
 * both sides to different values: a conflict, recorded with both values, and the field's owner wins. What the hub
 * wrote is the base afterwards, so reading it back is no change (no echo).
 */
public final class BidirectionalSync {

    /** What one run did. */
    public record Result(int pulled, int conflicts, ProductExporter.Report export) {
    }

    private final CatalogStore store;
    private final ProductExporter exporter;
    private final OdooConnection odoo;
    private final SyncHistory history;
    private final ProductMapper mapper = new ProductMapper();
    private final Clock clock;

    public BidirectionalSync(CatalogStore store, ProductExporter exporter, OdooConnection odoo, SyncHistory history, Clock clock) {
        this.store = store;
        this.exporter = exporter;
        this.odoo = odoo;
        this.history = history;
        this.clock = clock;
    }

    public Result run(int batchSize, String batchId, String triggeredBy, Long scheduleId) {
        ProductMapper.Rules rules = exporter.rules(false);
        OdooClient client = odoo.client();
        List<CatalogProduct> bound = new ArrayList<>();
        for (int offset = 0; ; offset += 5000) {
            List<CatalogProduct> page = store.list(CatalogStore.Filter.BOUND, offset, 5000);
            bound.addAll(page);
            if (page.size() < 5000) {
                break;
            }
        }
        Map<Integer, Map<String, Object>> odooRecords = new HashMap<>();
        for (int from = 0; from < bound.size(); from += 1000) {
            List<Integer> ids = bound.subList(from, Math.min(bound.size(), from + 1000)).stream().map(CatalogProduct::odooId).toList();
            for (Map<String, Object> rec : client.searchRead(FieldMapping.MODEL, List.of(List.of("id", "in", ids)),
                    ProductMapper.readFields(rules), null, 0, 0, Map.of("active_test", false))) {
                odooRecords.put((Integer) rec.get("id"), rec);
            }
        }
        Instant now = clock.instant();
        List<CatalogProduct> pulledOnly = new ArrayList<>();
        List<CatalogProduct> toExport = new ArrayList<>();
        List<SyncHistory.Conflict> conflicts = new ArrayList<>();
        List<SyncEntry> entries = new ArrayList<>();
        for (CatalogProduct p : bound) {
            Map<String, Object> rec = odooRecords.get(p.odooId());
            if (rec == null) {
                continue; // deleted in Odoo: left for an operator (an export would create it again)
            }
            Map<String, String> base = ProductMapper.fromJson(p.syncedValues());
            Map<String, String> hub = canonicalOrEmpty(p, rules);
            Map<String, String> there = mapper.fromOdoo(rec, rules);
            Map<String, String> take = new LinkedHashMap<>();
            boolean hubChanged = false;
            for (FieldMapping m : rules.mappings()) {
                if (!m.bidirectional() || "image".equals(m.transform())) {
                    continue;
                }
                String f = m.localField();
                String b = base.get(f);
                String h = hub.get(f);
                String x = there.get(f);
                boolean hubSide = !Objects.equals(h, b);
                boolean odooSide = !Objects.equals(x, b);
                if (hubSide && odooSide && !Objects.equals(h, x)) {
                    conflicts.add(new SyncHistory.Conflict(0, p.id(), p.odooId(), f, m.odooField(), h, x, m.owner(), batchId, now));
                    if ("odoo".equals(m.owner())) {
                        take.put(f, x == null ? "" : x);
                    } else {
                        hubChanged = true;
                    }
                } else if (odooSide && !hubSide) {
                    take.put(f, x == null ? "" : x);
                } else if (hubSide && !odooSide) {
                    hubChanged = true;
                }
            }
            boolean inStepBefore = p.syncedHash() != null && p.syncedHash().equals(hashOrNull(p, rules));
            CatalogProduct merged = take.isEmpty() ? p : ProductFields.apply(p, take, now);
            if (!take.isEmpty()) {
                entries.add(new SyncEntry(0, p.id(), p.odooId(), "from_odoo", "update", "success", new ArrayList<>(take.keySet()), 0, now,
                        clock.instant(), triggeredBy, scheduleId, batchId, null, null));
            }
            if (hubChanged || !inStepBefore) {
                toExport.add(merged);
            } else if (!take.isEmpty()) {
                // only Odoo changed: the catalog now equals Odoo, which is the new synced state; nothing to write back
                Map<String, String> synced = canonicalOrEmpty(merged, rules);
                pulledOnly.add(merged.withSync(p.odooId(), hashOrNull(merged, rules), ProductMapper.toJson(synced), now));
            }
            if (!take.isEmpty() && (hubChanged || !inStepBefore)) {
                pulledOnly.add(merged); // saved below, then exported
            }
        }
        store.saveAll(pulledOnly);
        history.addConflicts(conflicts);
        history.add(entries);
        // changes made in the hub, and bound products never synced in full, go out through the normal export
        List<CatalogProduct> unboundChanged = store.list(new CatalogStore.Filter(null, false, null, true, false), 0, Integer.MAX_VALUE)
                .stream().filter(p -> p.odooId() == null).toList();
        toExport.addAll(unboundChanged);
        ProductExporter.Report report = exporter.export(toExport,
                new ProductExporter.Options(false, false, batchSize, batchId, triggeredBy, scheduleId));
        return new Result(entries.size(), conflicts.size(), report);
    }

    private Map<String, String> canonicalOrEmpty(CatalogProduct p, ProductMapper.Rules rules) {
        try {
            return mapper.canonical(p, rules);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private String hashOrNull(CatalogProduct p, ProductMapper.Rules rules) {
        try {
            return mapper.hash(mapper.canonical(p, rules), rules);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
