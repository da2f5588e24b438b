package io.odoohub.catalog.api;

import io.odoohub.catalog.flow.CatalogSchedules;
import io.odoohub.catalog.flow.CronExpressions;
import io.odoohub.catalog.odoo.ProductImporter;
import io.odoohub.catalog.model.Schedule;
import io.odoohub.catalog.model.ScheduleStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.support.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes to the catalog's sync schedules, checked and registered with Quartz: the API's {@code /odoo/schedules} and the
 * operator's page both go through here. A refusal is an {@link ApiException} naming the field that is wrong.
 */
public final class ScheduleEditor {

    private static final Set<String> DIRECTIONS = Set.of("to_odoo", "from_odoo", "bidirectional");
    private static final Set<String> TYPES = Set.of("full", "incremental");

    private final ScheduleStore store;
    private final CatalogSchedules schedules;
    private final Clock clock;

    public ScheduleEditor(ScheduleStore store, CatalogSchedules schedules, Clock clock) {
        this.store = store;
        this.schedules = schedules;
        this.clock = clock;
    }

    public List<Schedule> list() {
        return store.list();
    }

    public Optional<Schedule> get(long id) {
        return store.get(id);
    }

    /** A new schedule from the seed's fields. */
    public Schedule create(JsonNode b) {
        Schedule saved = store.insert(from(b, null));
        refresh(saved);
        return saved;
    }

    /** Changes the fields {@code b} names. */
    public Schedule update(long id, JsonNode b) {
        Schedule saved = store.update(from(b, find(id)));
        refresh(saved);
        return saved;
    }

    public void delete(long id) throws Exception {
        Schedule s = find(id);
        schedules.unregister(s.id());
        store.delete(s.id());
    }

    public Schedule toggle(long id) {
        Schedule s = find(id);
        Schedule saved = store.update(new Schedule(s.id(), s.name(), s.description(), s.cronExpression(), s.syncDirection(), s.syncType(),
                s.filters(), s.batchSize(), !s.enabled(), s.lastRunAt(), s.createdAt()));
        refresh(saved);
        return saved;
    }

    /** Runs a schedule now, whatever its cron; {@code triggeredBy} goes to the catalog's history. */
    public CatalogSchedules.Run run(long id, String triggeredBy) {
        return schedules.run(find(id), triggeredBy);
    }

    private void refresh(Schedule s) {
        try {
            schedules.refresh(s);
        } catch (Exception ex) {
            throw new IllegalStateException("the schedule was saved but could not be registered with Quartz: " + ex.getMessage(), ex);
        }
    }

    private Schedule find(long id) {
        return store.get(id).orElseThrow(() -> ApiException.notFound("no schedule " + id));
    }

    /** The schedule the body describes, over {@code base} (null: a new one); refused with the reason when invalid. */
    Schedule from(JsonNode b, Schedule base) {
        String name = b.hasNonNull("name") ? b.get("name").asText() : base == null ? null : base.name();
        if (name == null || name.isBlank()) {
            throw ApiException.invalid("name", "name is required");
        }
        String cron = b.hasNonNull("cron_expression") ? b.get("cron_expression").asText() : base == null ? null : base.cronExpression();
        try {
            CronExpressions.toQuartz(cron);
        } catch (IllegalArgumentException bad) {
            throw ApiException.invalid("cron_expression", bad.getMessage());
        }
        String direction = b.hasNonNull("sync_direction") ? b.get("sync_direction").asText() : base == null ? "to_odoo" : base.syncDirection();
        if (!DIRECTIONS.contains(direction)) {
            throw ApiException.invalid("sync_direction", "sync_direction must be to_odoo, from_odoo or bidirectional");
        }
        String type = b.hasNonNull("sync_type") ? b.get("sync_type").asText() : base == null ? "incremental" : base.syncType();
        if (!TYPES.contains(type)) {
            throw ApiException.invalid("sync_type", "sync_type must be full or incremental");
        }
        String filters = base == null ? "{}" : base.filters();
        if (b.has("filters")) {
            if (!b.get("filters").isObject()) {
                throw ApiException.invalid("filters", "filters must be an object");
            }
            JsonNode since = b.get("filters").get("modified_since");
            if (since != null && !since.isNull()) {
                try {
                    java.time.Instant.parse(since.asText());
                } catch (java.time.format.DateTimeParseException bad) {
                    throw ApiException.invalid("filters", "filters.modified_since must be an ISO-8601 instant such as 2025-01-01T00:00:00Z");
                }
            }
            JsonNode odooFilters = b.get("filters").get("odoo_filters");
            if (odooFilters != null && odooFilters.isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> f = Json.API.convertValue(odooFilters, Map.class);
                ProductImporter.domain(f); // refuses a key that is not a field name
            }
            filters = b.get("filters").toString();
        }
        String description = b.has("description") ? CatalogApiSupport.textField(b, "description") : base == null ? null : base.description();
        int batch = CatalogApiSupport.intField(b, "batch_size", base == null ? 100 : base.batchSize(), 1, 5000);
        boolean enabled = CatalogApiSupport.boolField(b, "is_enabled", base == null || base.enabled());
        return new Schedule(base == null ? 0 : base.id(), name, description, cron, direction, type, filters, batch, enabled,
                base == null ? null : base.lastRunAt(), base == null ? clock.instant() : base.createdAt());
    }
}
