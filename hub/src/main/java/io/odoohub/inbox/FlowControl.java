package io.odoohub.inbox;

import io.odoohub.store.Jdbc;
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

    private final Jdbc jdbc;
    private final Clock clock;

    public FlowControl(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, (what, e) -> new InboxException(what + ": " + e.getMessage(), e));
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
        return jdbc.one("could not read the state of flow " + flow,
                "SELECT flow, paused, reason, changed_by, changed_at, resume_at FROM flow_state WHERE flow = ?", FlowControl::state, flow).orElse(null);
    }

    public Map<String, State> all() {
        Map<String, State> out = new LinkedHashMap<>();
        for (State s : jdbc.list("could not read flow states",
                "SELECT flow, paused, reason, changed_by, changed_at, resume_at FROM flow_state ORDER BY flow", FlowControl::state)) {
            out.put(s.flow(), s);
        }
        return out;
    }

    private static State state(ResultSet rs) throws SQLException {
        Timestamp resume = rs.getTimestamp(6);
        return new State(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                resume == null ? null : resume.toInstant());
    }

    private void set(String flow, boolean paused, String reason, String by, Instant resumeAt) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp resume = resumeAt == null ? null : Timestamp.from(resumeAt);
        // any node may be the first to pause or resume the flow
        jdbc.upsert("could not change the state of flow " + flow,
                "UPDATE flow_state SET paused = ?, reason = ?, changed_by = ?, changed_at = ?, resume_at = ? WHERE flow = ?",
                new Object[] {paused, reason, by, now, resume, flow},
                "INSERT INTO flow_state (flow, paused, reason, changed_by, changed_at, resume_at) VALUES (?, ?, ?, ?, ?, ?)",
                new Object[] {flow, paused, reason, by, now, resume});
    }
}
