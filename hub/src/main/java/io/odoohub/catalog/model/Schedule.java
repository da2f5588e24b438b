package io.odoohub.catalog.model;

import io.odoohub.support.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sync schedule (the seed's fields). {@code filters} is the seed's filter object as JSON (supplier_id, has_ean,
 * modified_since, modified_today; odoo_filters for imports).
 */
public record Schedule(long id, String name, String description, String cronExpression, String syncDirection, String syncType,
                       String filters, int batchSize, boolean enabled, Instant lastRunAt, Instant createdAt) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("description", description);
        m.put("cron_expression", cronExpression);
        m.put("sync_direction", syncDirection);
        m.put("sync_type", syncType);
        try {
            m.put("filters", filters == null ? Map.of() : Json.INTERNAL.readValue(filters, Map.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            m.put("filters", Map.of());
        }
        m.put("batch_size", batchSize);
        m.put("is_enabled", enabled);
        m.put("last_run_at", lastRunAt == null ? null : lastRunAt.toString());
        m.put("created_at", createdAt.toString());
        return m;
    }
}
