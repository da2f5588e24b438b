package io.odoohub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dead letters in the {@code dead_letter} table. */
public final class DeadLetterStore {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final int MAX_REASON = 4000;

    private final DataSource dataSource;

    public DeadLetterStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long add(DeadLetter d) {
        String sql = "INSERT INTO dead_letter (flow, route_id, source_key, payload, reason, error_type, attempts, status, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'dead', ?)";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, d.flow());
            ps.setString(2, d.routeId());
            ps.setString(3, truncate(d.sourceKey(), 500));
            ps.setString(4, d.payload());
            ps.setString(5, truncate(d.reason(), MAX_REASON));
            ps.setString(6, truncate(d.errorType(), 300));
            ps.setInt(7, d.attempts());
            ps.setTimestamp(8, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                long id = keys.next() ? keys.getLong(1) : -1;
                LOG.warn("Dead letter {} in flow {} (key {}, {} attempt(s)): {}", id, d.flow(), d.sourceKey(), d.attempts(), d.reason());
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a dead letter of flow " + d.flow() + ": " + e.getMessage(), e);
        }
    }

    /** The newest dead letters of a flow (all flows when null). */
    public List<DeadLetter> list(String flow, int limit) {
        String sql = "SELECT id, flow, route_id, source_key, payload, reason, error_type, attempts, status, created_at FROM dead_letter"
                + (flow == null ? "" : " WHERE flow = ?") + " ORDER BY id DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (flow != null) {
                ps.setString(1, flow);
            }
            ps.setMaxRows(limit);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp created = rs.getTimestamp(10);
                    out.add(new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), created == null ? null : created.toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list dead letters: " + e.getMessage(), e);
        }
    }

    public int count(String flow) {
        String sql = "SELECT COUNT(*) FROM dead_letter" + (flow == null ? "" : " WHERE flow = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (flow != null) {
                ps.setString(1, flow);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count dead letters: " + e.getMessage(), e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
