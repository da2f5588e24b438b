package io.odoohub.catalog.model;

import io.odoohub.store.Jdbc;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Schedules in the hub's database, so they survive restarts. */
public final class ScheduleStore {

    private static final String COLUMNS = "id, name, description, cron_expression, sync_direction, sync_type, filters, batch_size,"
            + " is_enabled, last_run_at, created_at";

    private final Jdbc jdbc;

    public ScheduleStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public List<Schedule> list() {
        return query("SELECT " + COLUMNS + " FROM catalog_schedule ORDER BY id", null);
    }

    public Optional<Schedule> get(long id) {
        return query("SELECT " + COLUMNS + " FROM catalog_schedule WHERE id = ?", id).stream().findFirst();
    }

    public Schedule insert(Schedule s) {
        long id = jdbc.insert("could not save a schedule", "INSERT INTO catalog_schedule (name,"
                + " description, cron_expression, sync_direction, sync_type, filters, batch_size, is_enabled, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "id", values(s, Timestamp.from(s.createdAt())));
        return get(id).orElseThrow();
    }

    public Schedule update(Schedule s) {
        jdbc.update("could not update a schedule", "UPDATE catalog_schedule SET name = ?,"
                + " description = ?, cron_expression = ?, sync_direction = ?, sync_type = ?, filters = ?, batch_size = ?, is_enabled = ?"
                + " WHERE id = ?", values(s, s.id()));
        return get(s.id()).orElseThrow();
    }

    public void markRun(long id, Instant at) {
        jdbc.update("could not record a schedule run", "UPDATE catalog_schedule SET last_run_at = ? WHERE id = ?", Timestamp.from(at), id);
    }

    public boolean delete(long id) {
        return jdbc.update("could not delete a schedule", "DELETE FROM catalog_schedule WHERE id = ?", id) == 1;
    }

    /** The schedule's eight columns, then {@code last}. */
    private static Object[] values(Schedule s, Object last) {
        return new Object[] {s.name(), s.description(), s.cronExpression(), s.syncDirection(), s.syncType(), s.filters(), s.batchSize(),
                s.enabled(), last};
    }

    private List<Schedule> query(String sql, Long id) {
        return jdbc.list("could not read schedules", sql, rs -> new Schedule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9), Jdbc.instant(rs, 10),
                rs.getTimestamp(11).toInstant()), id == null ? new Object[0] : new Object[] {id});
    }
}
