package io.odoohub.inbox;

import io.odoohub.error.RoutePolicies;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/** One drain route per inbox flow: every {@code pollMs} it drains what is due ({@code inbox-<flow>}). */
public class InboxRoutes extends RouteBuilder {

    private final InboxDrain drain;
    private final List<String> flows;
    private final long pollMs;

    public InboxRoutes(InboxDrain drain, List<String> flows, long pollMs) {
        this.drain = drain;
        this.flows = flows;
        this.pollMs = pollMs;
    }

    @Override
    public void configure() {
        for (String flow : flows) {
            from("timer:inbox-" + flow + "?delay=0&period=" + pollMs).routeId("inbox-" + flow).routeConfigurationId(RoutePolicies.INBOX_DRAIN)
                    .process(e -> drain.drain(flow));
        }
    }
}
