package io.odoohub.catalog.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.odoohub.store.Jdbc;
import io.odoohub.store.Where;
import io.odoohub.support.Json;
import io.odoohub.support.Text;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * The catalog's sync log (one row per product per sync, the seed's entry shape: product id, sync type, schedule id)
 * and its conflicts. The shared sync_log keeps one row per inbox event; this one answers the seed's
 * {@code /api/v1/odoo/logs} and {@code /stats} and lets a batch's failures be retried.
 */
public final class SyncHistory {

    /** Filters of {@link #list}; null fields do not filter. */
    public record Query(String status, String direction, String batchId, String productId, Instant since, int offset, int limit) {
    }

    /** A field changed on both sides since the last sync. */
    public record Conflict(long id, String productId, Integer odooProductId, String localField, String odooField, String hubValue,
                           String odooValue, String winner, String batchId, Instant detectedAt) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("product_id", productId);
            m.put("odoo_product_id", odooProductId);
            m.put("local_field", localField);
            m.put("odoo_field", odooField);
            m.put("hub_value", hubValue);
            m.put("odoo_value", odooValue);
            m.put("winner", winner);
            m.put("batch_id", batchId);
            m.put("detected_at", detectedAt.toString());
            return m;
        }
    }

    private static final String COLUMNS = "id, product_id, odoo_product_id, sync_direction, sync_type, sync_status, fields_synced,"
            + " duration_ms, started_at, completed_at, triggered_by, schedule_id, batch_id, error_message, error_details";

    private final DataSource dataSource;
    private final Jdbc jdbc;

    public SyncHistory(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    public void add(List<SyncEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO catalog_sync_log (product_id, odoo_product_id, sync_direction, sync_type, sync_status, fields_synced,"
                + " duration_ms, started_at, completed_at, triggered_by, schedule_id, batch_id, error_message, error_details, retried)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)";
        List<String> details = new ArrayList<>(entries.size());
        try {
            for (SyncEntry e : entries) {
                details.add(e.errorDetails() == null ? null : Json.INTERNAL.writeValueAsString(e.errorDetails()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the catalog sync log: " + e.getMessage(), e);
        }
        jdbc.inTransaction("could not write the catalog sync log", c -> Jdbc.batch(c, sql, IntStream.range(0, entries.size()).boxed().toList(),
                (ps, i) -> {
                    SyncEntry e = entries.get(i);
                    ps.setString(1, e.productId());
                    ps.setObject(2, e.odooProductId(), Types.INTEGER);
                    ps.setString(3, e.syncDirection());
                    ps.setString(4, e.syncType());
                    ps.setString(5, e.syncStatus());
                    ps.setString(6, Text.abbreviate(e.fieldsSynced() == null ? null : String.join(",", e.fieldsSynced()), 2000));
                    ps.setLong(7, e.durationMs());
                    ps.setTimestamp(8, Timestamp.from(e.startedAt()));
                    ps.setTimestamp(9, Timestamp.from(e.completedAt()));
                    ps.setString(10, e.triggeredBy());
                    ps.setObject(11, e.scheduleId(), Types.BIGINT);
                    ps.setString(12, e.batchId());
                    ps.setString(13, Text.abbreviate(e.errorMessage(), 4000));
                    ps.setString(14, details.get(i));
                }));
    }

    public List<SyncEntry> list(Query q) {
        return where(q).list(dataSource, "SELECT " + COLUMNS + " FROM catalog_sync_log", " ORDER BY id DESC LIMIT ? OFFSET ?",
                SyncHistory::read, "the catalog sync log", q.limit(), q.offset());
    }

    public long count(Query q) {
        return where(q).count(dataSource, "catalog_sync_log", "the catalog sync log");
    }

    private static Where where(Query q) {
        return new Where().eq("sync_status", q.status()).eq("sync_direction", q.direction()).eq("batch_id", q.batchId())
                .eq("product_id", q.productId()).since("completed_at", q.since());
    }

    /** The seed's statistics (products_with_odoo_id is the catalog's, added by the caller). */
    public Map<String, Object> stats() {
        String sql = "SELECT COUNT(*), SUM(CASE WHEN sync_status = 'success' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN sync_status = 'error' THEN 1 ELSE 0 END), AVG(duration_ms), MAX(completed_at) FROM catalog_sync_log";
        return jdbc.one("could not compute catalog sync statistics", sql, rs -> {
            long total = rs.getLong(1);
            long ok = rs.getLong(2);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total_syncs", total);
            m.put("successful_syncs", ok);
            m.put("failed_syncs", rs.getLong(3));
            m.put("success_rate", total == 0 ? 0.0 : Math.round(ok * 10000.0 / total) / 100.0);
            m.put("avg_duration_ms", Math.round(rs.getDouble(4)));
            Instant last = Jdbc.instant(rs, 5);
            m.put("last_sync_at", last == null ? null : last.toString());
            return m;
        }).orElseThrow();
    }

    /** Product ids of a batch's failed exports not retried yet; marks them retried. */
    public List<String> takeFailedOfBatch(String batchId) {
        return jdbc.inTransaction("could not read a batch's failures", c -> {
            List<String> ids = Jdbc.list(c, "SELECT DISTINCT product_id FROM catalog_sync_log WHERE batch_id = ?"
                    + " AND sync_status = 'error' AND sync_direction = 'to_odoo' AND retried = FALSE AND product_id IS NOT NULL", rs -> rs.getString(1), batchId);
            Jdbc.update(c, "UPDATE catalog_sync_log SET retried = TRUE WHERE batch_id = ? AND sync_status = 'error'", batchId);
            return ids;
        });
    }

    public void addConflicts(List<Conflict> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO catalog_sync_conflict (product_id, odoo_product_id, local_field, odoo_field, hub_value, odoo_value, winner,"
                + " batch_id, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        // auto-commit, as one batch
        jdbc.withConnection("could not record conflicts", c -> Jdbc.batch(c, sql, conflicts, (ps, k) -> {
            ps.setString(1, k.productId());
            ps.setObject(2, k.odooProductId(), Types.INTEGER);
            ps.setString(3, k.localField());
            ps.setString(4, k.odooField());
            ps.setString(5, k.hubValue());
            ps.setString(6, k.odooValue());
            ps.setString(7, k.winner());
            ps.setString(8, k.batchId());
            ps.setTimestamp(9, Timestamp.from(k.detectedAt()));
        }));
    }

    public List<Conflict> conflicts(int offset, int limit) {
        return jdbc.list("could not read conflicts", "SELECT id, product_id, odoo_product_id,"
                + " local_field, odoo_field, hub_value, odoo_value, winner, batch_id, detected_at FROM catalog_sync_conflict ORDER BY id DESC"
                + " LIMIT ? OFFSET ?", rs -> new Conflict(rs.getLong(1), rs.getString(2), (Integer) (rs.getObject(3) == null ? null : rs.getInt(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10).toInstant()), limit, offset);
    }

    @SuppressWarnings("unchecked")
    private static SyncEntry read(ResultSet rs) throws SQLException {
        String fields = rs.getString(7);
        String details = rs.getString(15);
        Map<String, Object> parsed = null;
        if (details != null) {
            try {
                parsed = Json.INTERNAL.readValue(details, Map.class);
            } catch (JsonProcessingException e) {
                parsed = Map.of("raw", details);
            }
        }
        return new SyncEntry(rs.getLong(1), rs.getString(2), (Integer) (rs.getObject(3) == null ? null : rs.getInt(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), fields == null || fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")),
                rs.getLong(8), rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), rs.getString(11),
                (Long) (rs.getObject(12) == null ? null : rs.getLong(12)), rs.getString(13), rs.getString(14), parsed);
    }
}
