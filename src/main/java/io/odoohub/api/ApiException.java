package io.odoohub.api;

/**
 * Thrown by an API handler to answer {@code status} with {@code {"error": message}}; routes built on
 * {@link ApiRouteBuilder} turn it into that answer. The message goes to the caller: never put a secret in it.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
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
