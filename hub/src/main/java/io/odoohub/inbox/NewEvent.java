package io.odoohub.inbox;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as received, before it is stored.
 *
 * @param flow            the flow that will apply it (e.g. {@code catalog-products})
 * @param source          the sending system (dedupe keys are unique per source)
 * @param type            the event's type (a webhook topic, "prospect", ...)
 * @param dedupeKey       the same delivery twice has the same key (a webhook id, a hash of the body)
 * @param entityKey       the entity it changes (events of one entity are applied in order), or null
 * @param sourceUpdatedAt the source's updated_at, to drop stale updates, or null
 * @param payload         the raw payload, as received
 */
public record NewEvent(String flow, String source, String type, String dedupeKey, String entityKey,
                       Instant sourceUpdatedAt, String payload) {

    public NewEvent {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (dedupeKey == null || dedupeKey.isBlank() || dedupeKey.length() > 300) {
            throw new IllegalArgumentException("an inbox event needs a dedupe key of 1 to 300 characters");
        }
        if (entityKey != null && entityKey.length() > 300) {
            throw new IllegalArgumentException("entity key longer than 300 characters");
        }
    }
}
