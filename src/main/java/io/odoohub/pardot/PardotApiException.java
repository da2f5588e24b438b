package io.odoohub.pardot;

import io.odoohub.error.RetryableFailure;

/**
 * A Pardot API error: its code and message from the body {@code {"code": N, "message": "..."}} (code 0 when the
 * answer had none: a transport failure or an unexpected status), and what to do about it.
 */
public class PardotApiException extends RuntimeException implements RetryableFailure {

    private final int code;
    private final int httpStatus;
    private final PardotErrors.Action action;

    public PardotApiException(int code, int httpStatus, String message, PardotErrors.Action action) {
        super("Pardot " + (code == 0 ? "HTTP " + httpStatus : "error " + code) + ": " + message);
        this.code = code;
        this.httpStatus = httpStatus;
        this.action = action;
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
}
