package io.odoohub.error;

import java.time.Duration;

/**
 * One backoff schedule of the {@link RetryModel}: the redelivery and inbox schedule ({@code hub.retry.*}) or the
 * scheduled pulls' one ({@code hub.retry.pull.*}).
 *
 * @param maxRedeliveries retries after the first attempt, for retryable failures only (a scheduled pull has no
 *                        limit: it tries again until it succeeds, never later than its period)
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

    /** The wait before retry number {@code attempt} (1 = the first): initial delay times multiplier^(attempt-1), at most the max. */
    public Duration delay(int attempt) {
        double d = initialDelayMs * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(d, maxDelayMs));
    }

    /** The same schedule with another longest delay (not below the first delay). */
    public RetrySettings withMaxDelay(Duration max) {
        return new RetrySettings(maxRedeliveries, initialDelayMs, multiplier, Math.max(initialDelayMs, max.toMillis()));
    }
}
