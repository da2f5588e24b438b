package io.odoohub.observe;

import io.odoohub.support.RouteTemplates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxDrain;
import io.odoohub.store.DeadLetterStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires observability for the inbox flows: a readiness check per flow ({@code flow:<name>} at /observe/health), the
 * per-flow series on the Prometheus registry Camel serves at /observe/metrics, and the notification check when a
 * webhook or a mail server is configured.
 */
public final class Observability {

    /** Camel's name for the Micrometer registry (MicrometerConstants.METRICS_REGISTRY_NAME). */
    static final String METRICS_REGISTRY = "metricsRegistry";

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private Observability() {
    }

    public static void install(CamelContext context, List<String> flows, Inbox inbox, FlowControl flowControl,
            FlowCounters counters, InboxDrain drain, DeadLetterStore deadLetters) throws Exception {
        ObserveSettings settings = ObserveSettings.from(context.getPropertiesComponent());
        Clock clock = Clock.systemUTC();
        FlowSnapshots snapshots = FlowSnapshots.of(inbox, flowControl, drain, deadLetters, settings.cacheTtl(), clock);
        context.getRegistry().bind("flowSnapshots", snapshots);

        for (String flow : flows) {
            // Camel's health registry takes HealthCheck beans from the registry
            context.getRegistry().bind("health-flow-" + flow, new FlowHealthCheck(flow, snapshots));
        }
        new FlowMetrics(flows, counters, snapshots).bindTo(meterRegistry(context));

        if (settings.notifying()) {
            List<NotificationChannel> channels = new ArrayList<>();
            if (settings.webhookUrl() != null) {
                channels.add(new WebhookChannel(settings.webhookUrl(), settings.timeout()));
            }
            if (settings.smtp() != null) {
                channels.add(new MailChannel(settings.smtp(), settings.timeout()));
            }
            // a claim older than two check periods and the send's timeout is a node that died while sending
            Duration stale = settings.checkPeriod().multipliedBy(2).plus(settings.timeout());
            FlowAlerts alerts = new FlowAlerts(flows, snapshots, channels, settings.deadLetterThreshold(), clock,
                    new AlertLedger(deadLetters.dataSource(), stale));
            context.getRegistry().bind("flowAlerts", alerts);
            // the check is the route hub-notify, made from its template in routes/hub-housekeeping.camel.yaml
            RouteTemplates.whenStarted(context, c -> RouteTemplates.add(c, "hub-notify", "hub-notify",
                    java.util.Map.of("period", settings.checkPeriod().toMillis())));
        }
        LOG.info("Observability for flows {}: {}", flows, settings);
    }

    /** The registry camel-micrometer-prometheus serves; created here first when Camel has not made it yet. */
    private static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry found = context.getRegistry().lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (found == null) {
            found = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(METRICS_REGISTRY, found);
        }
        return found;
    }
}
