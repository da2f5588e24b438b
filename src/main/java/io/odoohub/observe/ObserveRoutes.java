package io.odoohub.observe;

import io.odoohub.error.RoutePolicies;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/** The periodic notification check: route {@code hub-notify}, every {@code hub.notify.check-period-ms}. */
public final class ObserveRoutes extends RouteBuilder {

    private final FlowAlerts alerts;
    private final Duration period;

    public ObserveRoutes(FlowAlerts alerts, Duration period) {
        this.alerts = alerts;
        this.period = period;
    }

    @Override
    public void configure() {
        from("timer:hub-notify?delay=" + period.toMillis() + "&period=" + period.toMillis())
                .routeId("hub-notify").routeConfigurationId(RoutePolicies.HOUSEKEEPING)
                .process(exchange -> alerts.check());
    }
}
