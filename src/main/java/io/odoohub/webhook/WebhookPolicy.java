package io.odoohub.webhook;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The routeConfiguration of webhook routes ({@code routeConfigurationId: hub-webhook}): nothing is redelivered in
 * the hub. The intake answers every refusal itself; a delivery it could not store (the inbox down or full) fails, is
 * logged once by Camel's default error handler and answered with a server error, and the sender's own retry delivers
 * it again. (The routes had this handler before they named a configuration: nothing changes for them.)
 */
public class WebhookPolicy extends RouteConfigurationBuilder {

    public static final String ID = "hub-webhook";

    @Override
    public void configuration() {
        routeConfiguration(ID).errorHandler(defaultErrorHandler());
    }
}
