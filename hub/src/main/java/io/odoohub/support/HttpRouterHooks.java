package io.odoohub.support;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Vert.x handlers of the hub in front of Camel's own on the embedded HTTP server: they see a request before Camel
 * reads its body and before Camel's health handler answers. Set up once Camel has started the server and before it
 * sets up the routes (whose consumers take their body reader from the router then); the Vert.x routes they add are
 * ordered ahead of every route Camel adds.
 */
public final class HttpRouterHooks {

    /** Vert.x serves routes by this order (then in the order they were added); Camel's keep the default, 0 and up. */
    public static final int AHEAD_OF_CAMEL = -100;
    /** The port property of the main server (API, webhooks) and of the management server (health, metrics). */
    public static final String SERVER_PORT = "camel.server.port";
    public static final String MANAGEMENT_PORT = "camel.management.port";

    private HttpRouterHooks() {
    }

    /**
     * Runs {@code setup} once on the router of the server listening on the port {@code portProperty} names. The start
     * fails when that could not be done: a guard that is not in place must not leave the port open without it.
     */
    public static void beforeCamel(CamelContext context, String portProperty, Consumer<VertxPlatformHttpRouter> setup) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        // the HTTP servers start just before this event, the routes just after it
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextRoutesStartingEvent && outcome.get() == null;
            }

            @Override
            public void notify(CamelEvent event) {
                try {
                    setup.accept(router(event.getSource() instanceof CamelContext c ? c : context, portProperty));
                    outcome.set(Boolean.TRUE);
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            }
        });
        // Camel only logs what an event notifier throws: the routes have been set up now, so check it was done
        context.addStartupListener((ctx, alreadyStarted) -> {
            if (outcome.get() instanceof RuntimeException e) {
                throw e;
            }
            if (outcome.get() == null) {
                throw new IllegalStateException("the HTTP handlers for " + portProperty + " were not installed before the routes started");
            }
        });
    }

    private static VertxPlatformHttpRouter router(CamelContext context, String portProperty) {
        // Camel's own key, {{hub.http.port}} in application.properties: a declared setting, checked at start
        int port = context.getPropertiesComponent().resolveProperty(portProperty).map(String::trim).map(Integer::parseInt).orElse(-1);
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("no embedded HTTP server on the port of " + portProperty + " (" + port + ")");
        }
        return router;
    }
}
