package io.odoohub.pardot.flow;

import io.odoohub.inbox.FlowControl;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import io.odoohub.pardot.client.PardotApiException;

/**
 * Pauses the Pardot flows when Pardot says so: until the next day for the daily limit (122: the limit resets at
 * midnight in the account's zone), and with no end for credentials or configuration (1, 15, 199, 181, 201, a
 * refused refresh token): the pause notification is the alert, an operator resumes after fixing it. The limit is
 * per account, so every Pardot flow pauses together.
 */
public final class PardotPause {

    /** The connector's flows, paused and resumed together. */
    public static final List<String> FLOWS = List.of(ProspectFlow.FLOW, ActivityFlow.FLOW);
    private final FlowControl flows;
    private final Clock clock;
    private final ZoneId limitZone;

    public PardotPause(FlowControl flows, Clock clock, ZoneId limitZone) {
        this.flows = flows;
        this.clock = clock;
        this.limitZone = limitZone;
    }

    /** True when any Pardot flow is paused (the schedules then do not call Pardot). */
    boolean paused() {
        return FLOWS.stream().anyMatch(flows::isPaused);
    }

    /** Pauses for the exception when its action asks for it; true when it did. */
    boolean pauseFor(PardotApiException e) {
        switch (e.action()) {
            case PAUSE_UNTIL_NEXT_DAY -> {
                Instant resume = LocalDate.now(clock.withZone(limitZone)).plusDays(1).atStartOfDay(limitZone).toInstant();
                pauseAll("Pardot daily API limit met (" + e.getMessage() + "); resumes when the limit resets", resume);
                return true;
            }
            case PAUSE_AND_ALERT -> {
                pauseAll("Pardot refused the credentials or configuration: " + e.getMessage() + ". Fix it, then resume the flow", null);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void pauseAll(String reason, Instant resumeAt) {
        for (String flow : List.copyOf(FLOWS)) {
            flows.pause(flow, reason, "pardot", resumeAt);
        }
    }
}
