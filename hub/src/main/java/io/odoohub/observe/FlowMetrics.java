package io.odoohub.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.odoohub.inbox.FlowCounters;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's per-flow series (tag {@code flow}): event counters since start ({@code hub_events_<kind>_total}) and
 * gauges read from the inbox through {@link FlowSnapshots} ({@code hub_inbox_depth},
 * {@code hub_inbox_oldest_pending_seconds}, {@code hub_flow_paused}, {@code hub_flow_target_down},
 * {@code hub_dead_letters_open}).
 */
public final class FlowMetrics implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(FlowMetrics.class);

    private final List<String> flows;
    private final FlowCounters counters;
    private final FlowSnapshots snapshots;

    public FlowMetrics(List<String> flows, FlowCounters counters, FlowSnapshots snapshots) {
        this.flows = List.copyOf(flows);
        this.counters = counters;
        this.snapshots = snapshots;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String flow : flows) {
            for (FlowCounters.Kind kind : FlowCounters.Kind.values()) {
                String name = kind.name().toLowerCase(Locale.ROOT);
                FunctionCounter.builder("hub.events." + name, counters, c -> c.get(flow, kind))
                        .tag("flow", flow).description("events of the flow " + name + " since start").register(registry);
            }
            gauge(registry, "hub.inbox.depth", flow, null, "events waiting in the inbox", s -> s.depth());
            gauge(registry, "hub.inbox.oldest.pending", flow, "seconds", "age of the oldest waiting event",
                    s -> s.oldestPending().toMillis() / 1000.0);
            gauge(registry, "hub.flow.paused", flow, null, "1 while the flow is paused", s -> s.paused() ? 1 : 0);
            gauge(registry, "hub.flow.target.down", flow, null, "1 while the flow's target is unreachable",
                    s -> s.outage() != null ? 1 : 0);
            gauge(registry, "hub.dead.letters.open", flow, null, "dead letters not yet replayed or discarded",
                    s -> s.openDeadLetters());
        }
    }

    private void gauge(MeterRegistry registry, String name, String flow, String unit, String description,
            ToDoubleFunction<FlowSnapshot> value) {
        Gauge.builder(name, snapshots, sn -> read(sn, flow, value)).tag("flow", flow).baseUnit(unit).description(description)
                .strongReference(true).register(registry);
    }

    private static double read(FlowSnapshots snapshots, String flow, ToDoubleFunction<FlowSnapshot> value) {
        try {
            return value.applyAsDouble(snapshots.get(flow));
        } catch (RuntimeException e) {
            LOG.debug("Metrics of flow {} unreadable: {}", flow, e.getMessage());
            return Double.NaN;
        }
    }
}
