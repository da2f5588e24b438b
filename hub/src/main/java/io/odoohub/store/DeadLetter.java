package io.odoohub.store;

import java.time.Instant;

/**
 * An event that failed for good: permanently, or after its retries.
 *
 * @param flow         the flow it belongs to (e.g. {@code catalog-products})
 * @param routeId      the route where it failed
 * @param sourceKey    the source's key of the record, when known (a SKU, an order id)
 * @param payload      the event as received (or the one record of a batch that Odoo refused)
 * @param reason       why: Odoo's message, the source API's error
 * @param errorType    the exception type, or Odoo's exception type
 * @param attempts     how many times it was tried
 * @param status       {@code dead}, {@code replayed} or {@code discarded}
 * @param inboxEventId the inbox event it came from (replayable through the inbox), or null
 */
public record DeadLetter(long id, String flow, String routeId, String sourceKey, String payload, String reason,
                         String errorType, int attempts, String status, Instant createdAt, Long inboxEventId, Instant resolvedAt) {

    public static DeadLetter of(String flow, String routeId, String sourceKey, String payload, String reason,
                                String errorType, int attempts) {
        return new DeadLetter(0, flow, routeId, sourceKey, payload, reason, errorType, attempts, "dead", null, null, null);
    }

    public static DeadLetter ofEvent(long inboxEventId, String flow, String sourceKey, String payload, String reason,
                                     String errorType, int attempts) {
        return new DeadLetter(0, flow, "inbox", sourceKey, payload, reason, errorType, attempts, "dead", null, inboxEventId, null);
    }
}
