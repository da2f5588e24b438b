package io.odoohub.opspage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.api.Role;
import io.odoohub.catalog.flow.CatalogSync;
import io.odoohub.catalog.model.SyncHistory;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sync history: search by flow, status, source key (or a part of it: an order's Shopify id), Odoo model and id, batch
 * and time; one record's history in order; the catalog's export log with the seed's error details, and a retry of a
 * batch's failures (operator).
 */
final class HistoryView {

    private static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A history row with its error details read out of their JSON. */
    public record Row(SyncRecord r, Map<String, Object> details) {
    }

    private final OpsServices hub;

    HistoryView(OpsServices hub) {
        this.hub = hub;
    }

    void routes(OpsPage.Routes r) {
        r.get("/history", Role.VIEWER, this::search);
        r.get("/history/record", Role.VIEWER, c -> {
            String flow = c.param("flow");
            String key = c.param("key");
            if (key == null) {
                throw new PageException(400, "name the record: key (and flow)");
            }
            List<SyncRecord> rows = hub.history().list(new SyncLog.Query(flow, null, key, null, null, null, null, null, null, true, 0, 500));
            c.render("history-record", Map.of("nav", "history", "flow", flow == null ? "" : flow, "key", key,
                    "rows", rows.stream().map(HistoryView::row).toList()));
        });
        r.get("/history/catalog", Role.VIEWER, c -> {
            int offset = c.integer("offset") == null ? 0 : Math.max(0, c.integer("offset"));
            SyncHistory.Query q = new SyncHistory.Query(c.param("status"), null, c.param("batch"), c.param("product"), c.instant("since"),
                    offset, PAGE);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nav", "history");
            m.put("items", hub.catalogHistory().list(q));
            m.put("total", hub.catalogHistory().count(q));
            m.put("q", q);
            m.put("offset", offset);
            m.put("page", PAGE);
            c.render("history-catalog", m);
        });
        r.post("/history/catalog/batches/([A-Za-z0-9_.:-]+)/retry", Role.OPERATOR, c -> {
            CatalogSync.Queued q = hub.catalogSync().retryFailed(c.part(1));
            c.redirect("/history/catalog?batch=" + q.batchId(), q.products() == 0
                    ? "Batch " + c.part(1) + " has no failed export left to retry."
                    : q.products() + " failed export(s) of batch " + c.part(1) + " queued again as batch " + q.batchId() + ".");
        });
    }

    private void search(Call c) throws Exception {
        int offset = c.integer("offset") == null ? 0 : Math.max(0, c.integer("offset"));
        SyncLog.Query q = new SyncLog.Query(c.param("flow"), c.param("status"), null, c.param("key"), c.param("model"), c.integer("odoo_id"),
                c.param("batch"), c.instant("since"), c.instant("until"), false, offset, PAGE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "history");
        m.put("rows", hub.history().list(q).stream().map(HistoryView::row).toList());
        m.put("total", hub.history().count(q));
        m.put("q", q);
        m.put("flows", hub.flows());
        m.put("offset", offset);
        m.put("page", PAGE);
        m.put("stats", hub.history().stats(q.flow()));
        c.render("history", m);
    }

    static Row row(SyncRecord r) {
        return new Row(r, details(r.errorDetails()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> details(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Object v = JSON.readValue(json, Object.class);
            return v instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("details", String.valueOf(v));
        } catch (Exception notJson) {
            return Map.of("details", json);
        }
    }
}
