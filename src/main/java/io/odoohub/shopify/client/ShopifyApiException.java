package io.odoohub.shopify.client;

/** The Admin API refused a call. {@code retryable}: a later try may succeed (outage, throttling beyond patience). */
public class ShopifyApiException extends RuntimeException {

    private final int status;
    private final boolean retryable;

    public ShopifyApiException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** 401/403: the access token is wrong or lacks a scope; a person has to fix it. */
    public boolean credentials() {
        return status == 401 || status == 403;
    }
}
