package io.odoohub.error;

import java.util.List;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The route configurations, one per kind of route. Every route of the hub names one ({@code routeConfigurationId} in
 * YAML and Java); {@code RouteConfigurationsIT} fails a route that names none or one not listed in {@link #ALL}.
 * <ul>
 * <li>{@value ErrorPolicy#ID} ({@link ErrorPolicy}): source routes that hold the message themselves (a dropped file,
 * a scheduled catalog sync): retryable failures redelivered with backoff, then a dead letter.</li>
 * <li>{@value io.odoohub.inbox.InboxApplyPolicy#ID}: apply routes ({@code direct:apply-<flow>}), no handler of their
 * own: the inbox drain that calls them retries durably (the event stays in the inbox) and dead-letters.</li>
 * <li>{@value #INBOX_DRAIN}: the drain timers; the drain records each event's outcome itself.</li>
 * <li>{@value #WEBHOOK}: the webhooks ({@code webhook.WebhookIntake}); nothing is redelivered in the hub. The intake
 * answers every refusal itself; a delivery it could not store (the inbox down or full) fails, is logged once and
 * answered with a server error, and the sender's own retry delivers it again: nothing was acknowledged.</li>
 * <li>{@value #SCHEDULED}: the Quartz schedules that pull from or push to a source (Pardot, Google Ads, Shopify); the job itself
 * pauses its flow or leaves its cursor where it was, so the next period tries again.</li>
 * <li>{@value #HOUSEKEEPING}: the hub's own upkeep (history retention, notifications, the dead-letter writer).</li>
 * <li>{@value io.odoohub.api.ApiErrorPolicy#ID}: management API routes: errors become JSON answers.</li>
 * </ul>
 * The last four keep Camel's default error handler (logged once, no redelivery): a route of theirs never holds an
 * acknowledged event.
 */
public class RoutePolicies extends RouteConfigurationBuilder {

    public static final String INBOX_DRAIN = "hub-inbox-drain";
    public static final String WEBHOOK = "hub-webhook";
    public static final String SCHEDULED = "hub-scheduled";
    public static final String HOUSEKEEPING = "hub-housekeeping";

    /** Every route configuration id the hub declares. */
    public static final List<String> ALL = List.of(ErrorPolicy.ID, io.odoohub.inbox.InboxApplyPolicy.ID, INBOX_DRAIN, WEBHOOK,
            SCHEDULED, HOUSEKEEPING, io.odoohub.api.ApiErrorPolicy.ID);

    @Override
    public void configuration() {
        for (String id : List.of(INBOX_DRAIN, WEBHOOK, SCHEDULED, HOUSEKEEPING)) {
            routeConfiguration(id).errorHandler(defaultErrorHandler());
        }
    }
}
