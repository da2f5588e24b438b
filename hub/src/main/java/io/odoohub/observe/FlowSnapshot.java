package io.odoohub.observe;

import io.odoohub.inbox.FlowControl;
import java.time.Duration;
import java.time.Instant;

/**
 * What health, metrics and notifications know about one inbox flow at one moment.
 *
 * @param pause           the flow's pause while it is in force, else null
 * @param outage          why the flow's target is unreachable right now, else null
 * @param depth           events waiting in the inbox
 * @param oldestPending   age of the oldest waiting event (zero when none waits)
 * @param openDeadLetters dead letters of the flow not yet replayed or discarded
 * @param takenAt         when this was read
 */
public record FlowSnapshot(String flow, FlowControl.State pause, String outage, long depth, Duration oldestPending,
        int openDeadLetters, Instant takenAt) {

    public boolean paused() {
        return pause != null;
    }
}
