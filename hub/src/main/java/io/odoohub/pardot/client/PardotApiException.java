package io.odoohub.pardot.client;

import io.odoohub.error.RetryableFailure;
import java.time.Duration;

/**
 * A Pardot API error: its code and message from the body {@code {"code": N, "message": "..."}} (code 0 when the
 * answer had none: a transport failure or an unexpected status), and what to do about it.
 */
public class PardotApiException extends RuntimeException implements RetryableFailure {

    private final int code;
    private final int httpStatus;
    private final PardotErrors.Action action;
    private final Duration retryAfter;

    public PardotApiException(int code, int httpStatus, String message, PardotErrors.Action action) {
        this(code, httpStatus, message, action, null);
    }

    /** {@code retryAfter}: the least wait before trying again (Pardot's back-off for a transient code), or null. */
    public PardotApiException(int code, int httpStatus, String message, PardotErrors.Action action, Duration retryAfter) {
        super("Pardot " + (code == 0 ? "HTTP " + httpStatus : "error " + code) + ": " + message);
        this.code = code;
        this.httpStatus = httpStatus;
        this.action = action;
        this.retryAfter = retryAfter;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public PardotErrors.Action action() {
        return action;
    }

    @Override
    public boolean isRetryable() {
        return action == PardotErrors.Action.RETRY_WITH_BACKOFF || action == PardotErrors.Action.RESTART_PAGE_CHAIN;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
