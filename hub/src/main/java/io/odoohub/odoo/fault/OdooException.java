package io.odoohub.odoo.fault;

/**
 * Anything that went wrong talking to Odoo. Components throw; the route's error policy decides about retries
 * by {@link #isRetryable()}.
 */
public abstract class OdooException extends RuntimeException implements io.odoohub.error.RetryableFailure {

    protected OdooException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same call may succeed later without anyone fixing anything. */
    public abstract boolean isRetryable();
}
