package io.odoohub.pardot.model;

import java.time.Instant;

/** A prospect's membership of a Pardot list; {@code deleted} when it was removed from the list. */
public record PardotListMembership(long id, long listId, String listName, long prospectId, boolean deleted, Instant updatedAt) {
}
