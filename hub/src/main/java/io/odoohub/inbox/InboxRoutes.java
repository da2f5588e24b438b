package io.odoohub.inbox;

import io.odoohub.support.RouteTemplates;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;

/**
 * One drain route per inbox flow ({@code inbox-<flow>}), made from the template {@value #TEMPLATE} of
 * {@code routes/hub-inbox.camel.yaml}: every {@code pollMs} it drains what is due.
 */
public final class InboxRoutes {

    static final String TEMPLATE = "inbox-drain";

    private InboxRoutes() {
    }

    public static void install(CamelContext context, List<String> flows, long pollMs) throws Exception {
        RouteTemplates.whenStarted(context, c -> {
            for (String flow : flows) {
                RouteTemplates.add(c, TEMPLATE, "inbox-" + flow, Map.of("flow", flow, "period", pollMs));
            }
        });
    }
}
