package io.odoohub.error;

/**
 * An exception that knows whether trying again can help. Each connector classifies its own exceptions this way;
 * the one {@link ErrorPolicy} decides what to do with them.
 */
public interface RetryableFailure {

    boolean isRetryable();
}
