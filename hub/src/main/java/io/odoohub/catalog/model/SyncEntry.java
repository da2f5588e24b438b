package io.odoohub.catalog.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One product synced (or refused): the seed's log entry.
 *
 * @param syncDirection {@code to_odoo} or {@code from_odoo}
 * @param syncType      {@code create} or {@code update}
 * @param syncStatus    {@code success} or {@code error}
 * @param triggeredBy   {@code api}, {@code bulk}, {@code schedule}, {@code file}, {@code import}, {@code retry}
 * @param errorDetails  JSON object (e.g. odoo_error_code, field, value, existing_product_id) or null
 */
public record SyncEntry(long id, String productId, Integer odooProductId, String syncDirection, String syncType, String syncStatus,
                        List<String> fieldsSynced, long durationMs, Instant startedAt, Instant completedAt, String triggeredBy,
                        Long scheduleId, String batchId, String errorMessage, Map<String, Object> errorDetails) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("product_id", productId);
        m.put("odoo_product_id", odooProductId);
        m.put("sync_direction", syncDirection);
        m.put("sync_type", syncType);
        m.put("sync_status", syncStatus);
        m.put("fields_synced", fieldsSynced);
        m.put("duration_ms", durationMs);
        m.put("started_at", startedAt.toString());
        m.put("completed_at", completedAt.toString());
        m.put("triggered_by", triggeredBy);
        m.put("schedule_id", scheduleId);
        m.put("batch_id", batchId);
        if (errorMessage != null) {
            m.put("error_message", errorMessage);
            m.put("error_details", errorDetails);
        }
        return m;
    }
}
