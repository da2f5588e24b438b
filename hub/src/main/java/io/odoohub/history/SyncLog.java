package io.odoohub.history;

import io.odoohub.store.Jdbc;
import io.odoohub.store.Where;
import io.odoohub.support.Text;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The sync history: one row per record a flow wrote or failed to write, kept for a retention period. */
public final class SyncLog {

    /**
     * Filters for {@link #list}; null fields do not filter. {@code sourceKey} is the whole key, {@code keyContains} a part of
     * it in any letter case (an order's Shopify id finds {@code order:<id>}); {@code since} is inclusive, {@code until}
     * exclusive; {@code oldestFirst} lists one record's history in the order it happened.
     */
    public record Query(String flow, String status, String sourceKey, String keyContains, String odooModel, Integer odooId, String batchId,
                        Instant since, Instant until, boolean oldestFirst, int offset, int limit) {

        public Query(String flow, String status, String sourceKey, Instant since, int offset, int limit) {
            this(flow, status, sourceKey, null, null, null, null, since, null, false, offset, limit);
        }
    }

    /** Statistics of a flow (or of all flows when the flow is null). */
    public record Stats(String flow, long total, long successful, long failed, double successRate, double avgDurationMs,
                        Instant lastSyncAt) {
    }

    private final DataSource dataSource;
    private final Jdbc jdbc;

    public SyncLog(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    public void add(List<SyncRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO sync_log (flow, direction, source_key, odoo_model, odoo_id, status, fields_synced, duration_ms,"
                + " started_at, finished_at, trigger_type, batch_id, error_message, error_details)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        jdbc.inTransaction("could not write the sync history", c -> Jdbc.batch(c, sql, records, (ps, r) -> {
            ps.setString(1, r.flow());
            ps.setString(2, r.direction());
            ps.setString(3, Text.abbreviate(r.sourceKey(), 300));
            ps.setString(4, r.odooModel());
            ps.setObject(5, r.odooId());
            ps.setString(6, r.status());
            ps.setString(7, Text.abbreviate(r.fieldsSynced(), 2000));
            ps.setLong(8, r.durationMs());
            ps.setTimestamp(9, Timestamp.from(r.startedAt()));
            ps.setTimestamp(10, Timestamp.from(r.finishedAt()));
            ps.setString(11, r.triggerType());
            ps.setString(12, r.batchId());
            ps.setString(13, Text.abbreviate(r.errorMessage(), 4000));
            ps.setString(14, r.errorDetails());
        }));
    }

    public List<SyncRecord> list(Query q) {
        return where(q).list(dataSource, "SELECT id, flow, direction, source_key, odoo_model, odoo_id, status, fields_synced,"
                + " duration_ms, started_at, finished_at, trigger_type, batch_id, error_message, error_details FROM sync_log",
                q.oldestFirst() ? " ORDER BY id LIMIT ? OFFSET ?" : " ORDER BY id DESC LIMIT ? OFFSET ?", rs -> new SyncRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), (Integer) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                        rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(), rs.getString(12), rs.getString(13),
                        rs.getString(14), rs.getString(15)),
                "the sync history", q.limit(), q.offset());
    }

    public long count(Query q) {
        return where(q).count(dataSource, "sync_log", "the sync history");
    }

    private static Where where(Query q) {
        return new Where().eq("flow", q.flow()).eq("status", q.status()).eq("source_key", q.sourceKey()).contains("source_key", q.keyContains())
                .eq("odoo_model", q.odooModel()).eq("odoo_id", q.odooId()).eq("batch_id", q.batchId())
                .since("finished_at", q.since()).until("finished_at", q.until());
    }

    public Stats stats(String flow) {
        String sql = "SELECT COUNT(*), SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END),"
                + " AVG(duration_ms), MAX(finished_at) FROM sync_log" + (flow == null ? "" : " WHERE flow = ?");
        Object[] args = flow == null ? new Object[0] : new Object[] {flow};
        return jdbc.one("could not compute sync statistics", sql, rs -> {
            long total = rs.getLong(1);
            long ok = rs.getLong(2);
            long failed = rs.getLong(3);
            double rate = total == 0 ? 0 : Math.round(ok * 10000.0 / total) / 100.0;
            return new Stats(flow, total, ok, failed, rate, Math.round(rs.getDouble(4) * 10) / 10.0, Jdbc.instant(rs, 5));
        }, args).orElseThrow();
    }

    /** Deletes history older than {@code before}; returns how many rows went. */
    public int purgeBefore(Instant before) {
        return jdbc.update("could not purge the sync history", "DELETE FROM sync_log WHERE finished_at < ?", Timestamp.from(before));
    }
}
