package io.odoohub.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route configuration of every management API route ({@link ApiRouteBuilder} names it on each of its routes):
 * an {@link ApiException} becomes its status and message, anything else 500 with a generic message (the details go
 * to the log, never to the caller).
 */
public class ApiErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "hub-api";
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouteBuilder.class);

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ApiException.class).handled(true).process(e -> {
                    ApiException ex = e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiException.class);
                    ApiResponses.error(e, ex);
                }).end()
                .onException(Exception.class).handled(true).process(e -> {
                    Exception ex = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    LOG.error("API route {} failed", e.getFromRouteId(), ex);
                    ApiResponses.error(e, 500, "internal error (see the hub's log)");
                });
    }
}
