package io.odoohub.error;

/**
 * The shared redelivery settings ({@code hub.retry.*}).
 *
 * @param maxRedeliveries retries after the first attempt, for retryable failures only
 * @param initialDelayMs  the first retry's delay
 * @param multiplier      each next delay is this many times the previous
 * @param maxDelayMs      the longest delay
 */
public record RetrySettings(int maxRedeliveries, long initialDelayMs, double multiplier, long maxDelayMs) {

    public RetrySettings {
        if (maxRedeliveries < 0 || initialDelayMs < 0 || multiplier < 1 || maxDelayMs < initialDelayMs) {
            throw new IllegalArgumentException("hub.retry settings are inconsistent: maxRedeliveries=" + maxRedeliveries
                    + ", initialDelayMs=" + initialDelayMs + ", multiplier=" + multiplier + ", maxDelayMs=" + maxDelayMs);
        }
    }
}
