package io.odoohub.webhook;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The routeConfiguration of webhook routes ({@code routeConfigurationId: hub-webhook}): nothing is redelivered in
 * the hub. The intake answers every refusal itself; a delivery it could not store (the inbox down or full) fails with
 * 500, logged once, and the sender's own retry delivers it again.
 */
public class WebhookPolicy extends RouteConfigurationBuilder {

    public static final String ID = "hub-webhook";

    @Override
    public void configuration() {
        routeConfiguration(ID).errorHandler(defaultErrorHandler());
    }
}
