package io.odoohub.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Schedules in the hub's database, so they survive restarts. */
public final class ScheduleStore {

    private static final String COLUMNS = "id, name, description, cron_expression, sync_direction, sync_type, filters, batch_size,"
            + " is_enabled, last_run_at, created_at";

    private final DataSource dataSource;

    public ScheduleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Schedule> list() {
        return query("SELECT " + COLUMNS + " FROM catalog_schedule ORDER BY id", null);
    }

    public Optional<Schedule> get(long id) {
        return query("SELECT " + COLUMNS + " FROM catalog_schedule WHERE id = ?", id).stream().findFirst();
    }

    public Schedule insert(Schedule s) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO catalog_schedule (name,"
                + " description, cron_expression, sync_direction, sync_type, filters, batch_size, is_enabled, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, s);
            ps.setTimestamp(9, Timestamp.from(s.createdAt()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return get(keys.getLong(1)).orElseThrow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not save a schedule: " + e.getMessage(), e);
        }
    }

    public Schedule update(Schedule s) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE catalog_schedule SET name = ?,"
                + " description = ?, cron_expression = ?, sync_direction = ?, sync_type = ?, filters = ?, batch_size = ?, is_enabled = ?"
                + " WHERE id = ?")) {
            bind(ps, s);
            ps.setLong(9, s.id());
            ps.executeUpdate();
            return get(s.id()).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update a schedule: " + e.getMessage(), e);
        }
    }

    public void markRun(long id, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE catalog_schedule SET last_run_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a schedule run: " + e.getMessage(), e);
        }
    }

    public boolean delete(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM catalog_schedule WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete a schedule: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Schedule s) throws SQLException {
        ps.setString(1, s.name());
        ps.setString(2, s.description());
        ps.setString(3, s.cronExpression());
        ps.setString(4, s.syncDirection());
        ps.setString(5, s.syncType());
        ps.setString(6, s.filters());
        ps.setInt(7, s.batchSize());
        ps.setBoolean(8, s.enabled());
    }

    private List<Schedule> query(String sql, Long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            List<Schedule> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = rs.getTimestamp(10);
                    out.add(new Schedule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getInt(8), rs.getBoolean(9), last == null ? null : last.toInstant(), rs.getTimestamp(11).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read schedules: " + e.getMessage(), e);
        }
    }
}
