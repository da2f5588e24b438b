package io.odoohub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.Role;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/** {@code /api/v1/odoo/schedules} (the seed's): changes need admin, running one now needs operator. */
final class ScheduleApi extends CatalogApiSupport {

    private static final Set<String> DIRECTIONS = Set.of("to_odoo", "from_odoo", "bidirectional");
    private static final Set<String> TYPES = Set.of("full", "incremental");

    private final ScheduleStore store;
    private final CatalogSchedules schedules;
    private final Clock clock;

    ScheduleApi(ApiGuard guard, ScheduleStore store, CatalogSchedules schedules, Clock clock) {
        super(guard);
        this.store = store;
        this.schedules = schedules;
        this.clock = clock;
    }

    @Override
    protected void endpoints() {
        endpoint("GET", "/odoo/schedules", "api-odoo-schedules-list", Role.VIEWER, "Lists schedules",
                e -> ApiResponses.json(e, 200, Map.of("items", store.list().stream().map(Schedule::toJson).toList())));
        endpoint("POST", "/odoo/schedules", "api-odoo-schedules-create", Role.ADMIN, "Creates a schedule (five-field cron)", this::create);
        endpoint("PUT", "/odoo/schedules/{id}", "api-odoo-schedules-update", Role.ADMIN, "Updates the named fields of a schedule", this::update);
        endpoint("DELETE", "/odoo/schedules/{id}", "api-odoo-schedules-delete", Role.ADMIN, "Deletes a schedule", this::delete);
        endpoint("PATCH", "/odoo/schedules/{id}/toggle", "api-odoo-schedules-toggle", Role.ADMIN, "Turns a schedule on or off", this::toggle);
        endpoint("POST", "/odoo/schedules/{id}/run", "api-odoo-schedules-run", Role.OPERATOR, "Runs a schedule now", this::run);
    }

    private void create(Exchange e) {
        Schedule s = from(ApiResponses.readObject(e), null);
        Schedule saved = store.insert(s);
        refresh(saved);
        ApiResponses.json(e, 201, saved.toJson(), Map.of("Location", BASE + "/odoo/schedules/" + saved.id()));
    }

    private void update(Exchange e) {
        Schedule base = find(e);
        Schedule saved = store.update(from(ApiResponses.readObject(e), base));
        refresh(saved);
        ApiResponses.json(e, 200, saved.toJson());
    }

    private void delete(Exchange e) throws Exception {
        Schedule s = find(e);
        schedules.unregister(s.id());
        store.delete(s.id());
        ApiResponses.noContent(e);
    }

    private void toggle(Exchange e) {
        Schedule s = find(e);
        Schedule saved = store.update(new Schedule(s.id(), s.name(), s.description(), s.cronExpression(), s.syncDirection(), s.syncType(),
                s.filters(), s.batchSize(), !s.enabled(), s.lastRunAt(), s.createdAt()));
        refresh(saved);
        ApiResponses.json(e, 200, saved.toJson());
    }

    private void run(Exchange e) {
        CatalogSchedules.Run r = schedules.run(find(e), "api");
        ApiResponses.json(e, 202, Map.of("success", true, "batch_id", r.batchId(), "products_queued", r.productsQueued()));
    }

    private void refresh(Schedule s) {
        try {
            schedules.refresh(s);
        } catch (Exception ex) {
            throw new IllegalStateException("the schedule was saved but could not be registered with Quartz: " + ex.getMessage(), ex);
        }
    }

    private Schedule find(Exchange e) {
        long id = longPath(e, "id");
        return store.get(id).orElseThrow(() -> ApiException.notFound("no schedule " + id));
    }

    /** The schedule the body describes, over {@code base} (null: a new one); refused with the reason when invalid. */
    private Schedule from(JsonNode b, Schedule base) {
        String name = b.hasNonNull("name") ? b.get("name").asText() : base == null ? null : base.name();
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        String cron = b.hasNonNull("cron_expression") ? b.get("cron_expression").asText() : base == null ? null : base.cronExpression();
        try {
            CronExpressions.toQuartz(cron);
        } catch (IllegalArgumentException bad) {
            throw ApiException.badRequest(bad.getMessage());
        }
        String direction = b.hasNonNull("sync_direction") ? b.get("sync_direction").asText() : base == null ? "to_odoo" : base.syncDirection();
        if (!DIRECTIONS.contains(direction)) {
            throw ApiException.badRequest("sync_direction must be to_odoo, from_odoo or bidirectional");
        }
        String type = b.hasNonNull("sync_type") ? b.get("sync_type").asText() : base == null ? "incremental" : base.syncType();
        if (!TYPES.contains(type)) {
            throw ApiException.badRequest("sync_type must be full or incremental");
        }
        String filters = base == null ? "{}" : base.filters();
        if (b.has("filters")) {
            if (!b.get("filters").isObject()) {
                throw ApiException.badRequest("filters must be an object");
            }
            JsonNode since = b.get("filters").get("modified_since");
            if (since != null && !since.isNull()) {
                try {
                    java.time.Instant.parse(since.asText());
                } catch (java.time.format.DateTimeParseException bad) {
                    throw ApiException.badRequest("filters.modified_since must be an ISO-8601 instant such as 2025-01-01T00:00:00Z");
                }
            }
            JsonNode odooFilters = b.get("filters").get("odoo_filters");
            if (odooFilters != null && odooFilters.isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> f = ApiResponses.JSON.convertValue(odooFilters, Map.class);
                ProductImporter.domain(f); // refuses a key that is not a field name
            }
            filters = b.get("filters").toString();
        }
        String description = b.has("description") ? textField(b, "description") : base == null ? null : base.description();
        int batch = intField(b, "batch_size", base == null ? 100 : base.batchSize(), 1, 5000);
        boolean enabled = boolField(b, "is_enabled", base == null || base.enabled());
        return new Schedule(base == null ? 0 : base.id(), name, description, cron, direction, type, filters, batch, enabled,
                base == null ? null : base.lastRunAt(), base == null ? clock.instant() : base.createdAt());
    }
}
