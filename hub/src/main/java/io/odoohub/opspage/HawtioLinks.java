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

    /**
     * Hawtio's routes table (every route with its state and counters), relative to the console's root. Hawtio 4 keeps the
     * route selected in its tree out of the address, so no link can open one route; the page names the route beside it.
     */
    public String route(String flow) {
        return "camel/routes";
    }
}
