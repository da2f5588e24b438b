package io.odoohub.inbox;

import io.odoohub.error.FailureClassifier;
import io.odoohub.error.RetrySettings;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's durable retry, one of the three mechanisms of the {@link io.odoohub.error.RetryModel}. Drains a flow's
 * inbox: claims due events in batches, drops stale updates, hands the rest to the flow's apply
 * route ({@code direct:apply-<flow>}, which answers one {@link EventOutcome} per event) and records what happened.
 *
 * <p>Failures, by kind:
 * <ul>
 *   <li>the whole batch failed and trying again can help (Odoo unreachable, 503): an outage, not the events' fault.
 *       They go back without counting the attempt and the flow waits, probing with backoff up to
 *       {@code outageProbeMax};</li>
 *   <li>Odoo refused the hub's credentials: the flow is paused with the reason; the events wait;</li>
 *   <li>the whole batch failed for good: each event is applied alone, to find the bad one;</li>
 *   <li>one event failed: retried with the shared backoff while retryable and within its attempts, else a dead
 *       letter with the reason.</li>
 * </ul>
 */
public final class InboxDrain {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDrain.class);

    /**
     * @param batchSize      events per claim (and so per apply call)
     * @param lease          how long a claim holds before another drain may take the events again
     * @param outageProbeMax the longest wait between two tries while the flow's target is down
     * @param owner          this process, in the lease
     */
    public record Settings(int batchSize, Duration lease, Duration outageProbeMax, String owner) {
    }

    private record Outage(int count, Instant notBefore, String reason) {
    }

    private final Inbox inbox;
    private final FlowControl flows;
    private final DeadLetterStore deadLetters;
    private final SyncLog history;
    private final ProducerTemplate template;
    private final RetrySettings retry;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    private final FlowCounters counters;
    private final Map<String, RetrySettings> retryByFlow = new ConcurrentHashMap<>();
    private final Map<String, Integer> batchByFlow = new ConcurrentHashMap<>();

    public InboxDrain(Inbox inbox, FlowControl flows, DeadLetterStore deadLetters, SyncLog history, ProducerTemplate template,
                      RetrySettings retry, Settings settings, Clock clock, FlowCounters counters) {
        this.inbox = inbox;
        this.flows = flows;
        this.deadLetters = deadLetters;
        this.history = history;
        this.template = template;
        this.retry = retry;
        this.settings = settings;
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * A flow's own retry schedule instead of the shared {@code hub.retry.*} one (e.g. Pardot's: 5 minutes first,
     * doubling up to 2 hours, 6 retries). Set by a connector at install, before the drain runs.
     */
    public void useRetry(String flow, RetrySettings settings) {
        retryByFlow.put(flow, settings);
    }

    /**
     * A flow's own batch size instead of {@code hub.inbox.batch-size}. Each batch is one apply and one settling
     * transaction; a flow whose events are heavy to apply (Shopify orders) keeps them short, so that webhooks
     * acknowledged meanwhile do not wait behind them. Set by a connector at install, before the drain runs.
     */
    public void useBatchSize(String flow, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the batch size of flow " + flow + " must be at least 1, was " + size);
        }
        batchByFlow.put(flow, size);
    }

    int batchSize(String flow) {
        return batchByFlow.getOrDefault(flow, settings.batchSize());
    }

    private RetrySettings retryOf(String flow) {
        return retryByFlow.getOrDefault(flow, retry);
    }

    /** Drains batch after batch until nothing is due, the flow pauses or its target is down. Returns events settled. */
    public int drain(String flow) {
        int total = 0;
        while (true) {
            int n = drainBatch(flow);
            total += n;
            if (n < batchSize(flow)) {
                return total;
            }
        }
    }

    /** The flow's target is unreachable right now (for health). */
    public String outageOf(String flow) {
        Outage o = outages.get(flow);
        return o == null ? null : o.reason();
    }

    int drainBatch(String flow) {
        Instant now = clock.instant();
        Outage outage = outages.get(flow);
        if (outage != null && now.isBefore(outage.notBefore())) {
            return 0;
        }
        if (flows.isPaused(flow)) {
            return 0;
        }
        List<InboxEvent> claimed = inbox.claim(flow, batchSize(flow), settings.lease(), settings.owner());
        if (claimed.isEmpty()) {
            return 0;
        }
        List<InboxEvent> fresh = dropStale(flow, claimed);
        if (fresh.isEmpty()) {
            return claimed.size();
        }
        Instant started = clock.instant();
        List<EventOutcome> outcomes;
        try {
            outcomes = apply(flow, fresh);
        } catch (RuntimeException e) {
            Throwable cause = unwrap(e);
            if (FailureClassifier.isRetryable(cause)) {
                startOrExtendOutage(flow, fresh, cause);
                return 0;
            }
            if (cause instanceof OdooFaultException f && f.getKind() == OdooFaultException.Kind.ACCESS_DENIED) {
                flows.pause(flow, "Odoo refused the hub's credentials: " + f.getOdooMessage(), "runtime", null);
                inbox.release(ids(fresh), clock.instant(), f.getOdooMessage());
                return 0;
            }
            if (fresh.size() == 1) {
                outcomes = List.of(EventOutcome.failed(fresh.get(0).id(), reasonOf(cause), false));
            } else {
                LOG.warn("Flow {}: a batch of {} failed for good ({}); applying its events one by one", flow, fresh.size(), reasonOf(cause));
                outcomes = applyOneByOne(flow, fresh);
            }
        }
        endOutage(flow);
        settle(flow, fresh, outcomes, started);
        return claimed.size();
    }

    private List<InboxEvent> dropStale(String flow, List<InboxEvent> claimed) {
        Set<String> keys = claimed.stream().filter(e -> e.entityKey() != null && e.sourceUpdatedAt() != null)
                .map(InboxEvent::entityKey).collect(Collectors.toSet());
        Map<String, Instant> applied = inbox.appliedUpdates(flow, keys);
        List<InboxEvent> fresh = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
        for (InboxEvent e : claimed) {
            Instant newest = e.entityKey() == null ? null : applied.get(e.entityKey());
            if (newest != null && e.sourceUpdatedAt() != null && e.sourceUpdatedAt().isBefore(newest)) {
                LOG.info("Flow {}: dropped stale event {} of {} (updated {} but {} is already applied)", flow, e.id(), e.entityKey(),
                        e.sourceUpdatedAt(), newest);
                stale.add(e.id());
            } else {
                fresh.add(e);
            }
        }
        inbox.finish(stale, "stale", "stale: an update at least as new was already applied");
        counters.add(flow, FlowCounters.Kind.STALE, stale.size());
        return fresh;
    }

    @SuppressWarnings("unchecked")
    private List<EventOutcome> apply(String flow, List<InboxEvent> events) {
        Object answer = template.requestBody("direct:apply-" + flow, events);
        if (!(answer instanceof List<?> list) || !list.stream().allMatch(EventOutcome.class::isInstance)) {
            throw new IllegalStateException("the apply route of flow " + flow + " must answer a List of EventOutcome");
        }
        return (List<EventOutcome>) list;
    }

    private List<EventOutcome> applyOneByOne(String flow, List<InboxEvent> events) {
        List<EventOutcome> out = new ArrayList<>();
        for (InboxEvent e : events) {
            try {
                out.addAll(apply(flow, List.of(e)));
            } catch (RuntimeException ex) {
                Throwable cause = unwrap(ex);
                out.add(EventOutcome.failed(e.id(), reasonOf(cause), FailureClassifier.isRetryable(cause)));
            }
        }
        return out;
    }

    private void settle(String flow, List<InboxEvent> events, List<EventOutcome> outcomes, Instant started) {
        Instant finished = clock.instant();
        long share = Duration.between(started, finished).toMillis() / Math.max(1, events.size());
        String batchId = flow + "-" + events.get(0).id();
        Map<Long, EventOutcome> byId = new HashMap<>();
        for (EventOutcome o : outcomes) {
            byId.put(o.eventId(), o);
        }
        List<Long> done = new ArrayList<>();
        List<Long> dead = new ArrayList<>();
        List<SyncRecord> rows = new ArrayList<>();
        List<Inbox.Applied> applied = new ArrayList<>();
        for (InboxEvent e : events) {
            EventOutcome o = byId.getOrDefault(e.id(), EventOutcome.failed(e.id(), "the flow gave no outcome for this event", true));
            String key = e.entityKey() != null ? e.entityKey() : e.dedupeKey();
            switch (o.kind()) {
                case WRITTEN -> {
                    done.add(e.id());
                    if (e.entityKey() != null) {
                        applied.add(new Inbox.Applied(e.entityKey(), e.sourceUpdatedAt(), o.odooModel(), o.odooId()));
                    }
                    rows.add(row(flow, key, o, "success", share, started, finished, batchId, null));
                }
                case SKIPPED -> {
                    done.add(e.id());
                    rows.add(row(flow, key, o, "skipped", share, started, finished, batchId, o.error()));
                }
                case FAILED -> {
                    if (o.retryable() && e.attempts() <= retryOf(flow).maxRedeliveries()) {
                        Instant next = finished.plus(backoff(flow, e.attempts()));
                        inbox.retryAt(e.id(), next, o.error());
                        LOG.warn("Flow {}: event {} ({}) failed, attempt {}; retrying at {}: {}", flow, e.id(), key, e.attempts(), next, o.error());
                    } else {
                        dead.add(e.id());
                        deadLetters.add(DeadLetter.ofEvent(e.id(), flow, key, e.payload(), o.error(),
                                o.retryable() ? "retries exhausted" : "permanent", e.attempts()));
                        rows.add(row(flow, key, o, "failed", share, started, finished, batchId, o.error()));
                    }
                }
            }
        }
        // the entity state first: an event is done only once its update counts against stale ones
        inbox.recordApplied(flow, applied);
        inbox.finish(done, "done", null);
        inbox.finish(dead, "dead", null);
        history.add(rows);
        counters.add(flow, FlowCounters.Kind.WRITTEN, (int) outcomes.stream().filter(o -> o.kind() == EventOutcome.Kind.WRITTEN).count());
        counters.add(flow, FlowCounters.Kind.FAILED, (int) outcomes.stream().filter(o -> o.kind() == EventOutcome.Kind.FAILED).count());
        counters.add(flow, FlowCounters.Kind.DEAD, dead.size());
        if (!dead.isEmpty() || done.size() > 0) {
            LOG.info("Flow {}: batch {}: {} written or skipped, {} dead letter(s), {} to retry", flow, batchId, done.size(), dead.size(),
                    events.size() - done.size() - dead.size());
        }
    }

    private static SyncRecord row(String flow, String key, EventOutcome o, String status, long share, Instant started, Instant finished,
                                  String batchId, String error) {
        return new SyncRecord(0, flow, "inbound", key, o.odooModel(), o.odooId(), status, o.fields(), share, started, finished,
                "event", batchId, error, null);
    }

    /** The shared backoff: initial delay times multiplier^(attempt-1), at most the max delay. */
    Duration backoff(int attempt) {
        return backoff(null, attempt);
    }

    /** The flow's backoff (its own schedule, or the shared one). */
    Duration backoff(String flow, int attempt) {
        return (flow == null ? this.retry : retryOf(flow)).delay(attempt);
    }

    private void startOrExtendOutage(String flow, List<InboxEvent> events, Throwable cause) {
        Outage previous = outages.get(flow);
        int count = previous == null ? 1 : previous.count() + 1;
        Duration wait = backoff(count);
        if (wait.compareTo(settings.outageProbeMax()) > 0) {
            wait = settings.outageProbeMax();
        }
        Instant next = clock.instant().plus(wait);
        String reason = reasonOf(cause);
        outages.put(flow, new Outage(count, next, reason));
        inbox.release(ids(events), next, reason);
        if (previous == null) {
            LOG.warn("Flow {}: target unreachable, {} event(s) wait in the inbox (no attempt counted); trying again in {} ms: {}",
                    flow, events.size(), wait.toMillis(), reason);
        } else {
            LOG.debug("Flow {}: still unreachable (try {}), next in {} ms: {}", flow, count, wait.toMillis(), reason);
        }
    }

    private void endOutage(String flow) {
        Outage previous = outages.remove(flow);
        if (previous != null) {
            LOG.info("Flow {}: target reachable again after {} failed tr{}", flow, previous.count(), previous.count() == 1 ? "y" : "ies");
        }
    }

    private static List<Long> ids(List<InboxEvent> events) {
        return events.stream().map(InboxEvent::id).toList();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CamelExecutionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String reasonOf(Throwable t) {
        if (t instanceof OdooFaultException f) {
            return f.getOdooMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
