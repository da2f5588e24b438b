package io.odoohub.api;

/**
 * Thrown by an API handler to answer {@code status} with {@code {"error": message}}; routes built on
 * {@link ApiRouteBuilder} turn it into that answer. The message goes to the caller: never put a secret in it.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    private ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The request field the refusal is about (so a form can show it next to that field), or null. */
    public String field() {
        return field;
    }

    /** A 400 about one field of the request, e.g. {@code invalid("cron_expression", "...")}. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(400, message, field);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }
}
