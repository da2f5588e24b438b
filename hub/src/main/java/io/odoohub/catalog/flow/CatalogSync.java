package io.odoohub.catalog.flow;

import io.odoohub.catalog.odoo.BidirectionalSync;
import io.odoohub.catalog.odoo.ProductExporter;
import io.odoohub.catalog.odoo.ProductImporter;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.SyncHistory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxEvent;
import io.odoohub.inbox.NewEvent;
import io.odoohub.odoo.fault.OdooException;
import io.odoohub.support.Json;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;

/**
 * Sync operations that run in the background go through the inbox, so they get the hub's one retry policy, dead
 * letters and history: a bulk export is stored as one event per chunk of product ids (flow {@value #EXPORT_FLOW}),
 * an import or a two-way sync as one event (flow {@value #IMPORT_FLOW}). The drain applies them through
 * {@code direct:apply-<flow>}; a retryable Odoo error fails the event as retryable, and the retry skips what was
 * already written (unchanged products are not sent again).
 */
public final class CatalogSync {

    public static final String EXPORT_FLOW = "catalog-export";
    public static final String IMPORT_FLOW = "catalog-import";
    private static final DateTimeFormatter BATCH = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int EVENT_PRODUCTS = 2500;

    /** A queued bulk export. */
    public record Queued(String batchId, int products) {
    }

    private final CatalogStore store;
    private final ProductExporter exporter;
    private final ProductImporter importer;
    private final BidirectionalSync twoWay;
    private final Inbox inbox;
    private final SyncHistory history;
    private final Clock clock;

    public CatalogSync(CatalogStore store, ProductExporter exporter, ProductImporter importer, BidirectionalSync twoWay, Inbox inbox,
                       SyncHistory history, Clock clock) {
        this.store = store;
        this.exporter = exporter;
        this.importer = importer;
        this.twoWay = twoWay;
        this.inbox = inbox;
        this.history = history;
        this.clock = clock;
    }

    /** A batch id like the seed's ({@code sync_20251216_143022}), made unique within the process. */
    public String batchId(String prefix) {
        return prefix + "_" + BATCH.format(clock.instant()) + "_" + SEQUENCE.incrementAndGet();
    }

    /** Queues an export of the given products in chunks of {@code batchSize}. */
    public Queued queueExport(List<String> productIds, int batchSize, boolean syncImages, boolean force, String triggeredBy,
                              Long scheduleId, String batchId) {
        List<NewEvent> events = new ArrayList<>();
        // an event carries several load batches, so that binding (external ids, barcode matches) takes a few calls for
        // thousands of products; 2,500 products keep one event well inside the drain's lease against a real Odoo
        int perEvent = batchSize * Math.max(1, (EVENT_PRODUCTS + batchSize - 1) / batchSize);
        for (int from = 0, chunk = 0; from < productIds.size(); from += perEvent, chunk++) {
            ObjectNode payload = Json.INTERNAL.createObjectNode();
            payload.put("batch_id", batchId).put("batch_size", batchSize).put("sync_images", syncImages).put("force", force)
                    .put("triggered_by", triggeredBy);
            if (scheduleId != null) {
                payload.put("schedule_id", scheduleId);
            }
            productIds.subList(from, Math.min(productIds.size(), from + perEvent)).forEach(payload.putArray("product_ids")::add);
            events.add(new NewEvent(EXPORT_FLOW, "catalog-api", "export", batchId + ":" + chunk, batchId + ":" + chunk, null, payload.toString()));
        }
        for (int from = 0; from < events.size(); from += 500) {
            inbox.storeAll(events.subList(from, Math.min(events.size(), from + 500)));
        }
        return new Queued(batchId, productIds.size());
    }

    /** Queues an import (or, with {@code direction} bidirectional, a two-way sync). */
    public void queueImport(String direction, List<Object> domain, boolean createMissing, boolean updateExisting, int batchSize,
                            String triggeredBy, Long scheduleId, String batchId) {
        ObjectNode payload = Json.INTERNAL.createObjectNode();
        payload.put("direction", direction).put("batch_id", batchId).put("batch_size", batchSize).put("create_missing", createMissing)
                .put("update_existing", updateExisting).put("triggered_by", triggeredBy);
        if (scheduleId != null) {
            payload.put("schedule_id", scheduleId);
        }
        payload.set("domain", Json.INTERNAL.valueToTree(domain));
        inbox.store(new NewEvent(IMPORT_FLOW, "catalog-api", direction, batchId, batchId, null, payload.toString()));
    }

    /** Retries every failed export of a batch not retried yet; returns the queued count. */
    public Queued retryFailed(String batchId) {
        List<String> ids = history.takeFailedOfBatch(batchId);
        if (ids.isEmpty()) {
            return new Queued(batchId, 0);
        }
        return queueExport(ids, 500, true, true, "retry", null, batchId + "_retry" + SEQUENCE.incrementAndGet());
    }

    /** direct:apply-catalog-export: one outcome per chunk. */
    public List<EventOutcome> applyExport(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<InboxEvent> events = exchange.getMessage().getBody(List.class);
        List<EventOutcome> out = new ArrayList<>();
        for (InboxEvent e : events) {
            JsonNode p = parse(e.payload());
            if (p == null) {
                out.add(EventOutcome.failed(e.id(), "export payload is not JSON", false));
                continue;
            }
            List<String> ids = new ArrayList<>();
            p.path("product_ids").forEach(n -> ids.add(n.asText()));
            try {
                ProductExporter.Report r = exporter.export(store.byIds(ids), new ProductExporter.Options(p.path("force").asBoolean(),
                        p.path("sync_images").asBoolean(), p.path("batch_size").asInt(500), p.path("batch_id").asText(),
                        p.path("triggered_by").asText("bulk"), p.has("schedule_id") ? p.get("schedule_id").asLong() : null));
                out.add(EventOutcome.written(e.id(), FieldMapping.MODEL, null, r.succeeded() + " written, "
                        + (r.entries().size() - r.succeeded()) + " refused, " + r.skipped() + " unchanged"));
            } catch (OdooException ex) {
                out.add(EventOutcome.failed(e.id(), ex.getMessage(), ex.isRetryable()));
            }
        }
        return out;
    }

    /** direct:apply-catalog-import: an import from Odoo or a two-way sync. */
    public List<EventOutcome> applyImport(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<InboxEvent> events = exchange.getMessage().getBody(List.class);
        List<EventOutcome> out = new ArrayList<>();
        for (InboxEvent e : events) {
            JsonNode p = parse(e.payload());
            if (p == null) {
                out.add(EventOutcome.failed(e.id(), "import payload is not JSON", false));
                continue;
            }
            Long schedule = p.has("schedule_id") ? p.get("schedule_id").asLong() : null;
            try {
                if ("bidirectional".equals(p.path("direction").asText())) {
                    BidirectionalSync.Result r = twoWay.run(p.path("batch_size").asInt(500), p.path("batch_id").asText(),
                            p.path("triggered_by").asText(), schedule);
                    out.add(EventOutcome.written(e.id(), FieldMapping.MODEL, null, r.pulled() + " pulled, " + r.conflicts() + " conflicts, "
                            + r.export().succeeded() + " exported"));
                } else {
                    @SuppressWarnings("unchecked")
                    List<Object> domain = Json.INTERNAL.convertValue(p.path("domain"), List.class);
                    int[] c = importer.run(new ProductImporter.Request(domain, p.path("create_missing").asBoolean(),
                            p.path("update_existing").asBoolean(), p.path("batch_size").asInt(500), p.path("batch_id").asText(),
                            p.path("triggered_by").asText(), schedule));
                    out.add(EventOutcome.written(e.id(), FieldMapping.MODEL, null, c[0] + " created, " + c[1] + " updated, " + c[2] + " refused"));
                }
            } catch (OdooException ex) {
                out.add(EventOutcome.failed(e.id(), ex.getMessage(), ex.isRetryable()));
            }
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.INTERNAL.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static Map<String, Object> asMap(JsonNode n) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.INTERNAL.convertValue(n, Map.class);
        return m;
    }
}
