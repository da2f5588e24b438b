package io.odoohub.inbox;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The routeConfiguration of apply routes ({@code direct:apply-<flow>}): no error handler of their own, because the
 * inbox drain that calls them decides about retries (durably, in the inbox) and logs what happened once.
 */
public class InboxApplyPolicy extends RouteConfigurationBuilder {

    public static final String ID = "hub-inbox-apply";

    @Override
    public void configuration() {
        routeConfiguration(ID).errorHandler(noErrorHandler());
    }
}
