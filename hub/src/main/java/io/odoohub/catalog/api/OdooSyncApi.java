package io.odoohub.catalog.api;

import io.odoohub.catalog.flow.CatalogSync;
import io.odoohub.catalog.odoo.ProductExporter;
import io.odoohub.catalog.odoo.ProductImporter;
import io.odoohub.catalog.client.OdooConnection;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.SyncEntry;
import io.odoohub.catalog.model.SyncHistory;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.Role;
import io.odoohub.odoo.fault.OdooException;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.support.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The seed's {@code /api/v1/odoo} connection and sync endpoints: config (admin to change; the password or API key
 * write-only), test-connection, status, single and bulk export, import, two-way sync, logs, stats, retry of a
 * batch's failures and the conflicts found.
 */
public final class OdooSyncApi extends CatalogApiSupport {

    private final OdooConnection connection;
    private final CatalogStore store;
    private final ProductExporter exporter;
    private final ProductImporter importer;
    private final CatalogSync sync;
    private final SyncHistory history;
    private final Clock clock;

    public OdooSyncApi(ApiGuard guard, OdooConnection connection, CatalogStore store, ProductExporter exporter, ProductImporter importer,
                CatalogSync sync, SyncHistory history, Clock clock) {
        super(guard);
        this.connection = connection;
        this.store = store;
        this.exporter = exporter;
        this.importer = importer;
        this.sync = sync;
        this.history = history;
        this.clock = clock;
    }

    @Override
    protected void endpoints() {
        endpoint("GET", "/odoo/config", "api-odoo-config-get", Role.VIEWER, "The Odoo connection (the password is never shown)", this::getConfig);
        endpoint("PUT", "/odoo/config", "api-odoo-config-put", Role.ADMIN, "Saves the Odoo connection; odoo_password is write-only", this::putConfig);
        endpoint("POST", "/odoo/test-connection", "api-odoo-test-connection", Role.OPERATOR,
                "Tests the Odoo connection and says what the database lacks of what the connectors need", this::test);
        endpoint("GET", "/odoo/status", "api-odoo-status", Role.VIEWER, "Connection and catalog sync status", this::status);
        endpoint("POST", "/odoo/sync/{product_id}", "api-odoo-sync-one", Role.OPERATOR, "Exports one product now", this::syncOne);
        endpoint("POST", "/odoo/bulk-sync", "api-odoo-bulk-sync", Role.OPERATOR, "Queues an export of the filtered products", this::bulk);
        endpoint("POST", "/odoo/import", "api-odoo-import", Role.OPERATOR, "Queues an import from Odoo", this::importFromOdoo);
        endpoint("POST", "/odoo/bidirectional-sync", "api-odoo-bidirectional", Role.OPERATOR,
                "Queues a two-way sync with per-field ownership", this::twoWay);
        endpoint("GET", "/odoo/logs", "api-odoo-logs", Role.VIEWER, "Sync log entries, newest first", this::logs,
                "sync_status", "sync_direction", "batch_id", "product_id", "since", "offset", "limit");
        endpoint("GET", "/odoo/stats", "api-odoo-stats", Role.VIEWER, "Sync statistics", this::stats);
        endpoint("POST", "/odoo/logs/batches/{batch_id}/retry", "api-odoo-retry-batch", Role.OPERATOR,
                "Retries every failed export of a batch", this::retry);
        endpoint("GET", "/odoo/conflicts", "api-odoo-conflicts", Role.VIEWER, "Fields changed on both sides, with the winner",
                this::conflicts, "offset", "limit");
    }

    private void getConfig(Exchange e) {
        Map<String, Object> m = new LinkedHashMap<>();
        connection.saved().ifPresentOrElse(s -> {
            m.put("name", s.name());
            m.put("odoo_url", s.url());
            m.put("odoo_db", s.database());
            m.put("odoo_username", s.username());
            m.put("password_set", true);
            m.put("updated_at", s.updatedAt().toString());
            m.put("source", "saved");
        }, () -> {
            m.put("odoo_url", connection.configuration().getUrl());
            m.put("odoo_db", connection.configuration().getDatabase());
            m.put("odoo_username", connection.configuration().getUsername());
            m.put("password_set", true);
            m.put("source", "hub settings");
        });
        ApiResponses.json(e, 200, m);
    }

    private void putConfig(Exchange e) {
        JsonNode b = ApiResponses.readObject(e);
        String url = ApiResponses.requiredText(b, "odoo_url").trim();
        String db = ApiResponses.requiredText(b, "odoo_db").trim();
        String user = ApiResponses.requiredText(b, "odoo_username").trim();
        connection.save(textField(b, "name"), url, db, user, textField(b, "odoo_password"), clock.instant());
        getConfig(e);
    }

    private void test(Exchange e) {
        OdooNeeds needs = e.getContext().getRegistry().lookupByNameAndType(OdooNeeds.BEAN, OdooNeeds.class);
        ApiResponses.json(e, 200, connection.test(needs == null ? List.of() : needs.needs(), clock).toJson());
    }

    private void status(Exchange e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configured", true);
        m.put("odoo_url", connection.configuration().getUrl());
        OdooConnection.TestResult t = connection.test();
        m.put("connected", t.success());
        m.put("message", t.message());
        m.put("odoo_version", t.odooVersion());
        m.put("transport", t.transport() == null ? null : t.transport().protocol());
        m.put("products_total", store.count());
        m.put("products_with_odoo_id", store.countBound());
        m.put("last_sync_at", history.stats().get("last_sync_at"));
        ApiResponses.json(e, 200, m);
    }

    private void syncOne(Exchange e) {
        String id = ApiResponses.pathParam(e, "product_id");
        CatalogProduct p = store.get(id).orElseThrow(() -> ApiException.notFound("no product '" + id + "'"));
        JsonNode b = body(e);
        long started = System.nanoTime();
        ProductExporter.Report r = exporter.export(List.of(p), new ProductExporter.Options(boolField(b, "force_update", false),
                boolField(b, "sync_images", true), 1, null, "api", null));
        long ms = (System.nanoTime() - started) / 1_000_000;
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.entries().isEmpty()) {
            m.put("success", true);
            m.put("odoo_product_id", p.odooId());
            m.put("fields_synced", List.of());
            m.put("skipped", true);
            m.put("message", "unchanged since the last sync (force_update to send it anyway)");
        } else {
            SyncEntry x = r.entries().get(0);
            m.put("success", x.syncStatus().equals("success"));
            m.put("odoo_product_id", x.odooProductId());
            m.put("fields_synced", x.fieldsSynced());
            if (x.errorMessage() != null) {
                m.put("error_message", x.errorMessage());
                m.put("error_details", x.errorDetails());
            }
        }
        m.put("duration_ms", ms);
        ApiResponses.json(e, r.entries().isEmpty() || r.entries().get(0).syncStatus().equals("success") ? 200 : 422, m);
    }

    private void bulk(Exchange e) {
        JsonNode b = body(e);
        JsonNode f = b.path("filters");
        Long supplier = null;
        if (f.hasNonNull("supplier_id")) {
            if (!f.get("supplier_id").isIntegralNumber()) {
                throw ApiException.badRequest("filters.supplier_id must be an integer");
            }
            supplier = f.get("supplier_id").asLong();
        }
        Instant since = null;
        if (f.hasNonNull("modified_since")) {
            try {
                since = Instant.parse(f.get("modified_since").asText());
            } catch (DateTimeParseException ex) {
                throw ApiException.badRequest("filters.modified_since must be an ISO-8601 instant such as 2025-01-01T00:00:00Z");
            }
        }
        int batchSize = intField(b, "batch_size", 100, 1, 5000);
        List<String> ids = store.ids(new CatalogStore.Filter(supplier, f.path("has_ean").asBoolean(false), since, false, false));
        CatalogSync.Queued q = sync.queueExport(ids, batchSize, boolField(b, "sync_images", true), boolField(b, "force_update", false),
                "bulk", null, sync.batchId("sync"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("batch_id", q.batchId());
        m.put("products_queued", q.products());
        // about a second per 100 products against a real Odoo (PROTOCOLS.md: load of 1,000 in 5-10 s)
        m.put("estimated_duration_minutes", (int) Math.ceil(q.products() / 6000.0));
        ApiResponses.json(e, 202, m);
    }

    @SuppressWarnings("unchecked")
    private void importFromOdoo(Exchange e) {
        JsonNode b = body(e);
        Map<String, Object> filters = b.has("odoo_filters") && b.get("odoo_filters").isObject()
                ? Json.API.convertValue(b.get("odoo_filters"), Map.class) : Map.of();
        List<Object> domain = ProductImporter.domain(filters);
        int batchSize = intField(b, "batch_size", 100, 1, 5000);
        long found;
        try {
            found = importer.count(domain);
        } catch (OdooException ex) {
            throw new ApiException(ex.isRetryable() ? 502 : 400, "Odoo refused the filters: " + ex.getMessage());
        }
        String batch = sync.batchId("import");
        sync.queueImport("from_odoo", domain, boolField(b, "create_missing", true), boolField(b, "update_existing", true), batchSize,
                "import", null, batch);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("batch_id", batch);
        m.put("products_found", found);
        m.put("message", "Import queued for processing");
        ApiResponses.json(e, 202, m);
    }

    private void twoWay(Exchange e) {
        JsonNode b = body(e);
        String batch = sync.batchId("sync");
        sync.queueImport("bidirectional", List.of(), false, false, intField(b, "batch_size", 500, 1, 5000), "api", null, batch);
        ApiResponses.json(e, 202, Map.of("success", true, "batch_id", batch, "message", "Two-way sync queued for processing"));
    }

    private void logs(Exchange e) {
        Instant since = null;
        String s = e.getMessage().getHeader("since", String.class);
        if (s != null && !s.isBlank()) {
            try {
                since = Instant.parse(s);
            } catch (DateTimeParseException ex) {
                throw ApiException.badRequest("since must be an ISO-8601 instant");
            }
        }
        SyncHistory.Query q = new SyncHistory.Query(header(e, "sync_status"), header(e, "sync_direction"), header(e, "batch_id"),
                header(e, "product_id"), since, intParam(e, "offset", 0, 0, Integer.MAX_VALUE), intParam(e, "limit", 50, 1, 500));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", history.list(q).stream().map(SyncEntry::toJson).toList());
        m.put("total", history.count(q));
        m.put("offset", q.offset());
        m.put("limit", q.limit());
        ApiResponses.json(e, 200, m);
    }

    private void stats(Exchange e) {
        Map<String, Object> m = history.stats();
        m.put("products_with_odoo_id", store.countBound());
        ApiResponses.json(e, 200, m);
    }

    private void retry(Exchange e) {
        String batch = ApiResponses.pathParam(e, "batch_id");
        CatalogSync.Queued q = sync.retryFailed(batch);
        ApiResponses.json(e, 202, Map.of("success", true, "batch_id", q.batchId(), "products_queued", q.products()));
    }

    private void conflicts(Exchange e) {
        ApiResponses.json(e, 200, Map.of("items", history.conflicts(intParam(e, "offset", 0, 0, Integer.MAX_VALUE),
                intParam(e, "limit", 50, 1, 500)).stream().map(SyncHistory.Conflict::toJson).toList()));
    }

    private static String header(Exchange e, String name) {
        String v = e.getMessage().getHeader(name, String.class);
        return v == null || v.isBlank() ? null : v;
    }
}
