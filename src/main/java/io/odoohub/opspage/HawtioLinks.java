package io.odoohub.opspage;

import org.apache.camel.CamelContext;

/**
 * Links from the page to the Camel route behind a flow in Hawtio (same origin, same login). A flow's route is
 * {@code apply-<flow>} when there is one (the connector's writer), else the drain's {@code inbox-<flow>}, else a route
 * named like the flow (the Google Ads jobs).
 */
public final class HawtioLinks {

    private final CamelContext context;

    HawtioLinks(CamelContext context) {
        this.context = context;
    }

    /** The id of the route that does a flow's work. */
    public String routeOf(String flow) {
        for (String id : new String[] {"apply-" + flow, flow, "inbox-" + flow}) {
            if (context.getRoute(id) != null) {
                return id;
            }
        }
        return null;
    }

    /** Hawtio's page of that route (its attributes, diagram and statistics), relative to the console's root. */
    public String route(String flow) {
        String id = routeOf(flow);
        return id == null ? "camel/routes" : "camel/routes?nid=" + nodeId(id);
    }

    private String nodeId(String routeId) {
        return java.net.URLEncoder.encode("root-org.apache.camel-" + context.getName() + "-routes-" + routeId,
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
