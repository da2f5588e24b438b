package io.odoohub.pardot.model;

import java.time.Instant;
import java.util.Map;

/**
 * A Pardot prospect as the hub uses it. {@code extra} holds the fields the mapping profile asks for, as text.
 * {@code lastActivityAt} decides between two prospects with one email (the most recent activity wins).
 */
public record PardotProspect(long id, String email, String firstName, String lastName, String company, String phone,
                             String country, String industry, Integer score, String grade, Instant updatedAt,
                             Instant lastActivityAt, boolean deleted, Map<String, String> extra) {

    /** The time that orders two versions of one lead: the last activity, or the last update when there was none. */
    public Instant recency() {
        return lastActivityAt != null ? lastActivityAt : updatedAt;
    }

    public String contactName() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return n.isEmpty() ? null : n;
    }
}
