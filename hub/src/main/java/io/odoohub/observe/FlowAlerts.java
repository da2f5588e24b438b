package io.odoohub.observe;

import io.odoohub.inbox.FlowControl;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what operators must hear about and tells them once: a flow that became paused (once per pause) and a flow
 * whose open dead letters went above the threshold (once per crossing; armed again when the count is back at or
 * under the threshold). A send that fails is logged and tried again at the next {@link #check()}, as long as the
 * condition holds; each channel keeps its own record of what it delivered.
 *
 * <p>What was delivered, and the crossings, are kept in the database ({@link AlertLedger}): every node checks, and each
 * notification goes out once per cluster, and not again after a restart.
 */
public final class FlowAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(FlowAlerts.class);

    private final List<String> flows;
    private final FlowSnapshots snapshots;
    private final List<NotificationChannel> channels;
    private final int deadLetterThreshold;
    private final Clock clock;

    private final AlertLedger ledger;

    private final Map<String, List<Notification>> activeByFlow = new HashMap<>();
    /** Notifications known delivered (here or by another node): not asked of the database again while active. */
    private final Map<String, Set<String>> delivered = new HashMap<>();

    public FlowAlerts(List<String> flows, FlowSnapshots snapshots, List<NotificationChannel> channels, int deadLetterThreshold,
            Clock clock, AlertLedger ledger) {
        this.ledger = ledger;
        this.flows = List.copyOf(flows);
        this.snapshots = snapshots;
        this.channels = List.copyOf(channels);
        this.deadLetterThreshold = deadLetterThreshold;
        this.clock = clock;
    }

    /** Reads every flow and sends what is due. Never throws. */
    public synchronized void check() {
        for (String flow : flows) {
            try {
                activeByFlow.put(flow, active(snapshots.get(flow)));
            } catch (RuntimeException e) {
                // keep what was active: an unreadable flow neither re-sends nor forgets
                LOG.warn("Notifications: state of flow {} unreadable: {}", flow, e.getMessage());
            }
        }
        Map<String, Notification> active = new LinkedHashMap<>();
        activeByFlow.values().forEach(list -> list.forEach(n -> active.put(n.key(), n)));
        for (NotificationChannel channel : channels) {
            Set<String> done = delivered.computeIfAbsent(channel.name(), c -> new HashSet<>());
            done.retainAll(active.keySet());
            for (Notification n : active.values()) {
                if (done.contains(n.key())) {
                    continue;
                }
                try {
                    if (!ledger.claim(channel.name(), n.key(), clock.instant())) {
                        // another node sent it, or is sending it now
                        if (ledger.wasSent(channel.name(), n.key())) {
                            done.add(n.key());
                        }
                        continue;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Notifications: could not claim {} of flow {} ({}); trying again at the next check", n.kind(), n.flow(), e.getMessage());
                    continue;
                }
                try {
                    channel.send(n);
                    ledger.sent(channel.name(), n.key());
                    done.add(n.key());
                    LOG.info("Notified {} through {}: {}", n.kind(), channel.name(), n.message());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    giveBack(channel, n);
                    return;
                } catch (Exception e) {
                    LOG.warn("Could not notify {} of flow {} through {} ({}); trying again at the next check", n.kind(), n.flow(),
                            channel.name(), e.toString());
                    giveBack(channel, n);
                }
            }
        }
    }

    /** A send failed: its claim goes back, for the next check on any node. */
    private void giveBack(NotificationChannel channel, Notification n) {
        try {
            ledger.release(channel.name(), n.key());
        } catch (RuntimeException e) {
            LOG.warn("Notifications: could not give back the claim of {} ({}); another node takes it over once it is stale", n.key(), e.getMessage());
        }
    }

    private List<Notification> active(FlowSnapshot s) {
        List<Notification> out = new ArrayList<>(2);
        String flow = s.flow();
        if (s.paused()) {
            FlowControl.State p = s.pause();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", p.reason() == null ? "" : p.reason());
            details.put("by", p.changedBy() == null ? "" : p.changedBy());
            details.put("since", p.changedAt().toString());
            details.put("resumeAt", p.resumeAt() == null ? "" : p.resumeAt().toString());
            details.put("inboxDepth", s.depth());
            out.add(new Notification("paused|" + flow + "|" + p.changedAt(), Notification.FLOW_PAUSED, flow,
                    "Flow " + flow + " paused by " + p.changedBy() + ": " + p.reason()
                            + (p.resumeAt() == null ? "" : " (resumes at " + p.resumeAt() + ")"),
                    details, clock.instant()));
        }
        boolean above = s.openDeadLetters() > deadLetterThreshold;
        int crossing = ledger.crossing(flow, above);
        if (above) {
            out.add(new Notification("dead|" + flow + "|" + crossing, Notification.DEAD_LETTERS_ABOVE_THRESHOLD, flow,
                    "Flow " + flow + " has " + s.openDeadLetters() + " open dead letters (threshold " + deadLetterThreshold + ")",
                    Map.of("openDeadLetters", s.openDeadLetters(), "threshold", deadLetterThreshold), clock.instant()));
        }
        return out;
    }
}
