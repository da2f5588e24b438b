package io.odoohub.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pause and resume per flow, by an operator or by the runtime itself (bad credentials, a daily quota). While a
 * flow is paused its events wait in the inbox. The state is in the database, so it survives a restart.
 */
public final class FlowControl {

    private static final Logger LOG = LoggerFactory.getLogger(FlowControl.class);

    /** A flow's pause state. {@code resumeAt} non-null: the runtime resumes it then by itself. */
    public record State(String flow, boolean paused, String reason, String changedBy, Instant changedAt, Instant resumeAt) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public FlowControl(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void pause(String flow, String reason, String by, Instant resumeAt) {
        set(flow, true, reason, by, resumeAt);
        LOG.warn("Flow {} paused by {}: {}{}", flow, by, reason, resumeAt == null ? "" : " (resumes at " + resumeAt + ")");
    }

    public void resume(String flow, String by) {
        set(flow, false, null, by, null);
        LOG.info("Flow {} resumed by {}", flow, by);
    }

    /** Paused now? A pause whose resume time has passed is lifted here. */
    public boolean isPaused(String flow) {
        State s = state(flow);
        if (s == null || !s.paused()) {
            return false;
        }
        if (s.resumeAt() != null && !clock.instant().isBefore(s.resumeAt())) {
            resume(flow, "runtime (pause expired)");
            return false;
        }
        return true;
    }

    public State state(String flow) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT flow, paused, reason, changed_by, changed_at, resume_at FROM flow_state WHERE flow = ?")) {
            ps.setString(1, flow);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? state(rs) : null;
            }
        } catch (SQLException e) {
            throw new InboxException("could not read the state of flow " + flow + ": " + e.getMessage(), e);
        }
    }

    public Map<String, State> all() {
        Map<String, State> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT flow, paused, reason, changed_by, changed_at, resume_at FROM flow_state ORDER BY flow");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                State s = state(rs);
                out.put(s.flow(), s);
            }
            return out;
        } catch (SQLException e) {
            throw new InboxException("could not read flow states: " + e.getMessage(), e);
        }
    }

    private static State state(ResultSet rs) throws SQLException {
        Timestamp resume = rs.getTimestamp(6);
        return new State(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                resume == null ? null : resume.toInstant());
    }

    private void set(String flow, boolean paused, String reason, String by, Instant resumeAt) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE flow_state SET paused = ?, reason = ?, changed_by = ?, changed_at = ?, resume_at = ? WHERE flow = ?")) {
                ps.setBoolean(1, paused);
                ps.setString(2, reason);
                ps.setString(3, by);
                ps.setTimestamp(4, now);
                ps.setTimestamp(5, resumeAt == null ? null : Timestamp.from(resumeAt));
                ps.setString(6, flow);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO flow_state (flow, paused, reason, changed_by, changed_at, resume_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, flow);
                    ps.setBoolean(2, paused);
                    ps.setString(3, reason);
                    ps.setString(4, by);
                    ps.setTimestamp(5, now);
                    ps.setTimestamp(6, resumeAt == null ? null : Timestamp.from(resumeAt));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new InboxException("could not change the state of flow " + flow + ": " + e.getMessage(), e);
        }
    }
}
