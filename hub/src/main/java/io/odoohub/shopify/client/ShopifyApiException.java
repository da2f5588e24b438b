package io.odoohub.shopify.client;

import io.odoohub.error.RetryableFailure;
import java.time.Duration;

/**
 * The Admin API refused a call. {@code retryable}: a later try may succeed (outage, throttling beyond patience), maybe
 * not before {@link #retryAfter()}.
 */
public class ShopifyApiException extends RuntimeException implements RetryableFailure {

    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    public ShopifyApiException(String message, int status, boolean retryable, Throwable cause) {
        this(message, status, retryable, cause, null);
    }

    public ShopifyApiException(String message, int status, boolean retryable, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }

    /** 401/403: the access token is wrong or lacks a scope; a person has to fix it. */
    public boolean credentials() {
        return status == 401 || status == 403;
    }
}
