package io.odoohub.inbox;

import io.odoohub.store.DeadLetterStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What an operator sees of one inbox flow: its state (running, paused and why and by whom, target unreachable), its
 * inbox, its open dead letters and its counts since start. The API's {@code GET /flows} and the operator's page both
 * read it here.
 */
public final class FlowReports {

    /** The state of one flow at one moment. {@code state} is {@code running}, {@code paused} or {@code target_unreachable}. */
    public record FlowReport(String flow, String state, String pauseReason, String pausedBy, Instant pausedAt, Instant resumeAt,
                             String outage, long inboxDepth, Duration oldestPending, int openDeadLetters,
                             Map<FlowCounters.Kind, Long> sinceStart) {

        public boolean paused() {
            return "paused".equals(state);
        }
    }

    private final FlowControl flows;
    private final Inbox inbox;
    private final InboxDrain drain;
    private final DeadLetterStore deadLetters;
    private final FlowCounters counters;

    public FlowReports(FlowControl flows, Inbox inbox, InboxDrain drain, DeadLetterStore deadLetters, FlowCounters counters) {
        this.flows = flows;
        this.inbox = inbox;
        this.drain = drain;
        this.deadLetters = deadLetters;
        this.counters = counters;
    }

    public FlowReport of(String flow) {
        FlowControl.State s = flows.state(flow);
        boolean paused = s != null && s.paused();
        String outage = drain.outageOf(flow);
        Map<FlowCounters.Kind, Long> since = new EnumMap<>(FlowCounters.Kind.class);
        for (FlowCounters.Kind k : FlowCounters.Kind.values()) {
            since.put(k, counters.get(flow, k));
        }
        return new FlowReport(flow, paused ? "paused" : outage != null ? "target_unreachable" : "running",
                paused ? s.reason() : null, paused ? s.changedBy() : null, paused ? s.changedAt() : null,
                paused ? s.resumeAt() : null, outage, inbox.depth(flow), inbox.oldestPendingAge(flow), deadLetters.countOpen(flow), since);
    }

    /** Pauses a flow on behalf of {@code by}; its events wait in the inbox. */
    public FlowReport pause(String flow, String reason, String by) {
        flows.pause(flow, reason == null || reason.isBlank() ? "paused by an operator" : reason.trim(), by, null);
        return of(flow);
    }

    public FlowReport resume(String flow, String by) {
        flows.resume(flow, by);
        return of(flow);
    }
}
