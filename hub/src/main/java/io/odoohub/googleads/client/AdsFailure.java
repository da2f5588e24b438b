package io.odoohub.googleads.client;

import io.odoohub.error.RetryableFailure;
import java.time.Duration;

/**
 * A failed Google Ads call, classified: what the connector does next depends only on the kind.
 * QUOTA waits for {@code retryDelay}; TRANSIENT retries with backoff; AUTH and CONFIGURATION pause the flow until
 * someone fixes the credentials or settings; PERMANENT fails the run and is logged.
 */
public final class AdsFailure extends RuntimeException implements RetryableFailure {

    private static final long serialVersionUID = 1L;

    public enum Kind { QUOTA, TRANSIENT, AUTH, CONFIGURATION, PERMANENT }

    private final Kind kind;
    private final Duration retryDelay;
    private final String requestId;

    public AdsFailure(Kind kind, String message, Duration retryDelay, String requestId, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryDelay = retryDelay;
        this.requestId = requestId;
    }

    public static AdsFailure configuration(String message) {
        return new AdsFailure(Kind.CONFIGURATION, message, null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Google's retry_delay for a quota error, else null. */
    public Duration retryDelay() {
        return retryDelay;
    }

    public String requestId() {
        return requestId;
    }

    /** TRANSIENT only: QUOTA pauses the flow for its retry delay, the rest waits for a person or the next period. */
    @Override
    public boolean isRetryable() {
        return kind == Kind.TRANSIENT;
    }

    @Override
    public Duration retryAfter() {
        return retryDelay;
    }

    /** Pauses the flow (AUTH, CONFIGURATION): nothing will work until a person acts. */
    public boolean needsPerson() {
        return kind == Kind.AUTH || kind == Kind.CONFIGURATION;
    }
}
