package io.odoohub.inbox;

/** The inbox's database failed. Retryable: the event is not acknowledged, or stays claimable. */
public class InboxException extends RuntimeException implements io.odoohub.error.RetryableFailure {

    public InboxException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
