package io.odoohub.observe;

import io.odoohub.inbox.FlowControl;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One inbox flow in the health report ({@code flow:<name>}): its state ({@code running}, {@code paused},
 * {@code target_unreachable}) with the pause's reason or the outage, the inbox depth and the open dead letters.
 *
 * <p>It stays UP while the flow is paused or its target is down: the process can still take traffic, and must,
 * because a paused flow's events are acknowledged and wait in the inbox. A readiness probe that went DOWN would
 * make a load balancer refuse every webhook. The hub_flow_paused and hub_flow_target_down series and the
 * notifications are what alert. It is DOWN only when the flow's state cannot be read (the database is gone).
 * Never a liveness check.
 *
 * <p>Camel's health endpoint writes messages and details into JSON without escaping them, so values that come from
 * people or from remote systems (a pause reason, an outage message) are made JSON-safe here.
 */
public final class FlowHealthCheck extends AbstractHealthCheck {

    private final String flow;
    private final FlowSnapshots snapshots;

    public FlowHealthCheck(String flow, FlowSnapshots snapshots) {
        super("hub", "flow:" + flow);
        this.flow = flow;
        this.snapshots = snapshots;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("flow", flow);
        FlowSnapshot s;
        try {
            s = snapshots.get(flow);
        } catch (RuntimeException e) {
            builder.down().message(safe("state of flow " + flow + " unreadable: " + e.getMessage()));
            return;
        }
        builder.detail("inbox.depth", s.depth());
        builder.detail("inbox.oldest-pending-seconds", s.oldestPending().toSeconds());
        builder.detail("dead-letters.open", s.openDeadLetters());
        if (s.paused()) {
            FlowControl.State p = s.pause();
            builder.detail("paused.reason", safe(p.reason()));
            builder.detail("paused.by", safe(p.changedBy()));
            builder.detail("paused.since", p.changedAt().toString());
            builder.detail("paused.resume-at", p.resumeAt() == null ? "" : p.resumeAt().toString());
            builder.detail("state", "paused");
            builder.up().message(safe("paused by " + p.changedBy() + " since " + p.changedAt() + ": " + p.reason()
                    + (p.resumeAt() == null ? "" : " (resumes at " + p.resumeAt() + ")") + "; events wait in the inbox"));
        } else if (s.outage() != null) {
            builder.detail("outage", safe(s.outage()));
            builder.detail("state", "target_unreachable");
            builder.up().message(safe("target unreachable: " + s.outage() + "; events wait in the inbox"));
        } else {
            builder.detail("state", "running");
            builder.up().message("inbox depth " + s.depth() + ", oldest pending " + s.oldestPending().toSeconds() + " s");
        }
    }

    /** JSON-safe without escaping: quotes become apostrophes, backslashes slashes, control characters spaces. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c == '"' ? '\'' : c == '\\' ? '/' : Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString();
    }
}
