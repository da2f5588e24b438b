package io.odoohub.error;

import java.time.Duration;

/**
 * An exception that knows whether trying again can help, and maybe when. Each connector's client classifies its own
 * failures this way and throws; it never sleeps or loops. The {@link RetryModel}'s mechanism that called it (Camel
 * redelivery, the inbox's durable retry, a scheduled pull's pause-with-backoff) does the retry.
 */
public interface RetryableFailure {

    boolean isRetryable();

    /**
     * The least wait before trying again that the source asked for or that its protocol calls for (a Retry-After, a
     * documented back-off), or null when it said nothing: the mechanism's own backoff applies alone.
     */
    default Duration retryAfter() {
        return null;
    }
}
