package io.odoohub.error;

import java.io.IOException;
import org.apache.camel.Exchange;

/**
 * Retryable or permanent: the exception's own word when it has one; invalid input (IllegalArgumentException, a
 * parse error) permanent even when an I/O exception lies under it; other I/O failures retryable; the rest permanent.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static boolean isRetryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RetryableFailure r) {
                return r.isRetryable();
            }
            if (c instanceof IllegalArgumentException || c instanceof com.fasterxml.jackson.core.JacksonException
                    || c instanceof java.nio.charset.CharacterCodingException) {
                return false;
            }
            if (c instanceof IOException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The wait the failure (or one of its causes) asks for before the next try, or null when it asks for none. */
    public static java.time.Duration retryAfterOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RetryableFailure r) {
                return r.retryAfter();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The failure the exchange carries, whether still set or already caught by the error handler. */
    public static Throwable failureOf(Exchange exchange) {
        Throwable t = exchange.getException();
        if (t == null) {
            t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return t;
    }
}
