package io.odoohub.inbox;

import java.time.Instant;

/** A stored event, as a drain claims it. {@code attempts} counts this claim. */
public record InboxEvent(long id, String flow, String source, String type, String dedupeKey, String entityKey,
                         Instant sourceUpdatedAt, String payload, Instant receivedAt, int attempts) {
}
