package io.odoohub.opspage;

/** Ends a request with a status and a message the page shows (never a secret, never a stack trace). */
final class PageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    PageException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
