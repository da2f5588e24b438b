package io.odoohub.odoo.fault;

/**
 * The call did not produce an Odoo answer: connection refused or reset, timeout or deadline, an HTTP status other
 * than 200, or a body that is not an acceptable XML-RPC message.
 */
public class OdooTransportException extends OdooException {

    private final int httpStatus;
    private final boolean retryable;

    /**
     * @param httpStatus the HTTP status when one was received, else 0
     * @param retryable  whether a later attempt may succeed (I/O failures, 429/502/503/504)
     */
    public OdooTransportException(String message, int httpStatus, boolean retryable, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public int getHttpStatus() {
        return httpStatus;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }

    /** The HTTP statuses that a proxy or Odoo.sh answers while the server is busy or restarting. */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }
}
