package io.odoohub.observe;

import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxDrain;
import io.odoohub.store.DeadLetterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@link FlowSnapshot}s and keeps each for a short while, so that a Prometheus scrape (seven gauges per flow),
 * the health endpoint and the notification check together cost a few queries per flow and second, not one each.
 */
public final class FlowSnapshots {

    private final Function<String, FlowSnapshot> reader;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, FlowSnapshot> cache = new HashMap<>();

    public FlowSnapshots(Function<String, FlowSnapshot> reader, Duration ttl, Clock clock) {
        this.reader = reader;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Snapshots read from the inbox, the pause table, the drain's outages and the dead-letter store. */
    public static FlowSnapshots of(Inbox inbox, FlowControl flowControl, InboxDrain drain, DeadLetterStore deadLetters,
            Duration ttl, Clock clock) {
        return new FlowSnapshots(flow -> {
            FlowControl.State state = flowControl.state(flow);
            Instant now = clock.instant();
            // a pause whose resume time has passed is over: the drain lifts it on its next poll
            boolean inForce = state != null && state.paused() && (state.resumeAt() == null || now.isBefore(state.resumeAt()));
            return new FlowSnapshot(flow, inForce ? state : null, drain.outageOf(flow), inbox.depth(flow),
                    inbox.oldestPendingAge(flow), deadLetters.countOpen(flow), now);
        }, ttl, clock);
    }

    /** The flow's snapshot, read again when the kept one is older than the time to live. */
    public synchronized FlowSnapshot get(String flow) {
        FlowSnapshot kept = cache.get(flow);
        if (kept != null && clock.instant().isBefore(kept.takenAt().plus(ttl))) {
            return kept;
        }
        FlowSnapshot fresh = reader.apply(flow);
        cache.put(flow, fresh);
        return fresh;
    }
}
