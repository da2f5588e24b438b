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
 * <p>What was delivered is kept in memory: after a restart a pause still in force is announced again.
 */
public final class FlowAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(FlowAlerts.class);

    private final List<String> flows;
    private final FlowSnapshots snapshots;
    private final List<NotificationChannel> channels;
    private final int deadLetterThreshold;
    private final Clock clock;

    private final Map<String, List<Notification>> activeByFlow = new HashMap<>();
    private final Map<String, Boolean> aboveThreshold = new HashMap<>();
    private final Map<String, Integer> crossings = new HashMap<>();
    private final Map<String, Set<String>> delivered = new HashMap<>();

    public FlowAlerts(List<String> flows, FlowSnapshots snapshots, List<NotificationChannel> channels, int deadLetterThreshold,
            Clock clock) {
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
                    channel.send(n);
                    done.add(n.key());
                    LOG.info("Notified {} through {}: {}", n.kind(), channel.name(), n.message());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LOG.warn("Could not notify {} of flow {} through {} ({}); trying again at the next check", n.kind(), n.flow(),
                            channel.name(), e.toString());
                }
            }
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
        boolean wasAbove = aboveThreshold.getOrDefault(flow, false);
        aboveThreshold.put(flow, above);
        if (above) {
            int crossing = wasAbove ? crossings.getOrDefault(flow, 0) : crossings.merge(flow, 1, Integer::sum);
            out.add(new Notification("dead|" + flow + "|" + crossing, Notification.DEAD_LETTERS_ABOVE_THRESHOLD, flow,
                    "Flow " + flow + " has " + s.openDeadLetters() + " open dead letters (threshold " + deadLetterThreshold + ")",
                    Map.of("openDeadLetters", s.openDeadLetters(), "threshold", deadLetterThreshold), clock.instant()));
        }
        return out;
    }
}
