package io.odoohub.observe;

import java.time.Instant;
import java.util.Map;

/**
 * One thing an operator should hear about.
 *
 * @param key     identifies the occurrence (one pause, one crossing of the threshold): sent once per key and channel
 * @param kind    {@code flow-paused} or {@code dead-letters-above-threshold}
 * @param message one line for people
 * @param details the facts behind the message, for machines
 */
public record Notification(String key, String kind, String flow, String message, Map<String, Object> details, Instant at) {

    public static final String FLOW_PAUSED = "flow-paused";
    public static final String DEAD_LETTERS_ABOVE_THRESHOLD = "dead-letters-above-threshold";

    public Notification {
        details = Map.copyOf(details);
    }
}
