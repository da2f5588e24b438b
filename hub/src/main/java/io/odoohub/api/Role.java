package io.odoohub.api;

import java.util.Locale;

/** What a management API token may do. Each role includes the ones below it: admin > operator > viewer. */
public enum Role {
    /** Reads: lists, histories, health of flows. */
    VIEWER,
    /** Acts on flows: replays dead letters, pauses and resumes. */
    OPERATOR,
    /** Manages tokens and credentials. */
    ADMIN;

    /** True when a holder of this role may call an endpoint that needs {@code minimum}. */
    public boolean includes(Role minimum) {
        return ordinal() >= minimum.ordinal();
    }

    /** The role's name as written in JSON and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer}, {@code operator} or {@code admin} (any letter case). */
    public static Role parse(String value) {
        if (value != null) {
            for (Role r : values()) {
                if (r.name().equalsIgnoreCase(value.trim())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("role must be viewer, operator or admin, was '" + value + "'");
    }
}
