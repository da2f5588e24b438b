package io.odoohub.catalog.flow;

import io.odoohub.catalog.odoo.ProductExporter;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.ProductFields;
import io.odoohub.catalog.model.SyncEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.odoohub.error.ErrorPolicy;
import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxEvent;
import io.odoohub.inbox.NewEvent;
import io.odoohub.support.Hashes;
import io.odoohub.support.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog-products flow: products from dropped files (and the signed webhook) are stored in the inbox, then
 * applied in batches by {@code routes/catalog-products.camel.yaml}: events -> the local catalog -> export of what
 * changed to Odoo -> one outcome per event.
 */
public final class CatalogProductFlow {

    public static final String FLOW = "catalog-products";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogProductFlow.class);
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final ProductFileParser parser = new ProductFileParser();
    private final Inbox inbox;
    private final FlowCounters counters;
    private final CatalogStore store;
    private final ProductExporter exporter;
    private final CatalogSync sync;
    private final int batchSize;
    private final long maxFileBytes;
    private final java.time.Clock clock;

    /** @param maxFileBytes a dropped file larger than this is not read ({@code hub.catalog.drop.max-file-bytes}) */
    public CatalogProductFlow(Inbox inbox, FlowCounters counters, CatalogStore store, ProductExporter exporter, CatalogSync sync,
                              int batchSize, long maxFileBytes, java.time.Clock clock) {
        this.inbox = inbox;
        this.counters = counters;
        this.store = store;
        this.exporter = exporter;
        this.sync = sync;
        this.batchSize = batchSize;
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
    }

    /**
     * A dropped file: every row into the inbox (a row seen before, unchanged, is a duplicate and not stored again). A
     * file over the size cap is not read at all: it becomes a dead letter that says why, without its content.
     */
    public void storeFile(Exchange exchange) {
        exchange.setProperty(ErrorPolicy.FLOW_PROPERTY, FLOW);
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        long size = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, -1L, Long.class);
        if (size > maxFileBytes) {
            exchange.setProperty(ErrorPolicy.PAYLOAD_PROPERTY, "(not kept: the file was " + size + " bytes)");
            throw new IllegalArgumentException("product file " + fileName + " is " + size + " bytes, more than hub.catalog.drop.max-file-bytes ("
                    + maxFileBytes + "): it was not read");
        }
        String content = exchange.getMessage().getBody(String.class);
        if (content == null) {
            throw new IllegalArgumentException("product file " + fileName + " could not be read as text");
        }
        List<Map<String, String>> rows = parser.readRows(fileName, content);
        // every row is checked before any is stored (a bad updated_at refuses the whole file); then stored 500 at a
        // time, so that the drain starts writing the first rows to Odoo while the rest are stored
        for (Map<String, String> fields : rows) {
            updatedAt(fields);
        }
        int stored = 0;
        int duplicates = 0;
        for (int from = 0; from < rows.size(); from += 500) {
            List<NewEvent> chunk = new ArrayList<>(500);
            for (Map<String, String> fields : rows.subList(from, Math.min(rows.size(), from + 500))) {
                chunk.add(event("file", fields));
            }
            for (Inbox.Receipt r : inbox.storeAll(chunk)) {
                if (r.duplicate()) {
                    duplicates++;
                } else {
                    stored++;
                }
            }
        }
        counters.add(FLOW, FlowCounters.Kind.RECEIVED, stored);
        counters.add(FLOW, FlowCounters.Kind.DUPLICATE, duplicates);
        LOG.info("Product file {}: {} row(s) stored in the inbox, {} unchanged since an earlier file", fileName, stored, duplicates);
    }

    /** An inbox event for one product: keyed by its content, so an unchanged row is a duplicate. */
    public NewEvent event(String source, Map<String, String> fields) {
        String json = toJson(new TreeMap<>(fields));
        String key = ProductFileParser.keyOf(fields);
        return new NewEvent(FLOW, "catalog-" + source, "product", source + ":" + Hashes.sha256Hex(json), key, updatedAt(fields), json);
    }

    /**
     * direct:apply-catalog-products: each event's fields go into the local catalog (upsert by key), then the
     * products that changed are exported to Odoo in one go; one outcome per event. A retryable Odoo error is thrown
     * for the drain to retry (the catalog update is repeated with the same result).
     */
    public List<EventOutcome> apply(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<InboxEvent> events = exchange.getMessage().getBody(List.class);
        List<EventOutcome> out = new ArrayList<>();
        Map<String, Map<String, String>> fieldsOf = new LinkedHashMap<>();
        for (InboxEvent e : events) {
            Map<String, String> fields = fromJson(e.payload());
            if (fields == null) {
                out.add(EventOutcome.failed(e.id(), "payload is not a JSON object of product fields", false));
            } else if (ProductFileParser.keyOf(fields) == null) {
                out.add(EventOutcome.failed(e.id(), "product has neither supplier_reference nor ean, so it cannot be matched", false));
            } else {
                fieldsOf.put(String.valueOf(e.id()), fields);
            }
        }
        Map<String, CatalogProduct> byKey = store.byKeys(fieldsOf.values().stream().map(ProductFileParser::keyOf).toList());
        Map<Long, String> productOf = new LinkedHashMap<>();
        for (InboxEvent e : events) {
            Map<String, String> fields = fieldsOf.get(String.valueOf(e.id()));
            if (fields == null) {
                continue;
            }
            String key = ProductFileParser.keyOf(fields);
            try {
                CatalogProduct p = ProductFields.apply(byKey.get(key), fields, clock.instant());
                byKey.put(key, p);
                productOf.put(e.id(), p.id());
            } catch (IllegalArgumentException bad) {
                out.add(EventOutcome.failed(e.id(), bad.getMessage(), false));
            }
        }
        List<CatalogProduct> changed = byKey.values().stream().filter(p -> productOf.containsValue(p.id())).toList();
        store.saveAll(changed);
        ProductExporter.Report report = exporter.export(changed, new ProductExporter.Options(false, true, batchSize,
                sync.batchId("file"), "file", null));
        Map<String, SyncEntry> entries = new java.util.HashMap<>();
        report.entries().forEach(x -> entries.put(x.productId(), x));
        for (Map.Entry<Long, String> e : productOf.entrySet()) {
            SyncEntry x = entries.get(e.getValue());
            if (x == null) {
                out.add(EventOutcome.skipped(e.getKey(), "unchanged since the last sync"));
            } else if (x.syncStatus().equals("success")) {
                out.add(EventOutcome.written(e.getKey(), FieldMapping.MODEL, x.odooProductId(), String.join(",", x.fieldsSynced())));
            } else {
                out.add(EventOutcome.failed(e.getKey(), x.errorMessage(), false));
            }
        }
        return out;
    }

    private static Instant updatedAt(Map<String, String> fields) {
        String v = fields.get("updated_at");
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("updated_at '" + v + "' is not an ISO-8601 instant (e.g. 2026-11-23T10:15:30Z)");
        }
    }

    private static String toJson(Map<String, String> fields) {
        try {
            return Json.INTERNAL.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("product fields cannot be written as JSON", e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return Json.INTERNAL.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
