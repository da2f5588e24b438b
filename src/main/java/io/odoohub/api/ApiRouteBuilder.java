package io.odoohub.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every management API RouteBuilder: REST endpoints under {@link #BASE}, each route starting with
 * {@code guard.require(role)}. Errors of its routes become JSON answers: an {@link ApiException} its status and
 * message, anything else 500 with a generic message (the details go to the log, never to the caller).
 *
 * <pre>{@code
 * rest(BASE + "/dead-letters").get("/{id}").routeId("api-dead-letters-get").to("direct:api-dead-letters-get");
 * from("direct:api-dead-letters-get")
 *         .process(guard.require(Role.VIEWER))               // first step, always; extra headers by name
 *         .process(e -> ApiResponses.json(e, 200, store.get(ApiResponses.pathParam(e, "id"))));
 * }</pre>
 *
 * Add the builder in HubConfiguration with {@code context.addRoutes(new DeadLetterApi(apiGuard, ...))}, the guard
 * being the one {@link ManagementApi#install} returns (bean {@value ManagementApi#GUARD_BEAN}). Do not call
 * {@code restConfiguration()}: {@link ManagementApi} owns it. {@code ApiAuthorizationIT} finds the new endpoints
 * by itself and fails for one that does not start with the guard.
 */
public abstract class ApiRouteBuilder extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouteBuilder.class);

    /** Every management endpoint is under this path. */
    public static final String BASE = "/api/v1";

    protected final ApiGuard guard;

    protected ApiRouteBuilder(ApiGuard guard) {
        this.guard = guard;
    }

    /**
     * The whole number in query parameter {@code name} (surrounding blanks ignored), {@code fallback} when it is
     * absent or blank. A value that is not a whole number, or is outside {@code min}..{@code max}, is a 400 that names
     * the parameter.
     */
    protected static int intParam(Exchange e, String name, int fallback, int min, int max) {
        String v = e.getMessage().getHeader(name, String.class);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException ex) {
            throw ApiException.badRequest("parameter '" + name + "' must be a whole number, was '" + v.trim() + "'");
        }
        if (n < min || n > max) {
            throw ApiException.badRequest("parameter '" + name + "' must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    /** Declares the REST endpoints and their routes (rest(BASE + "/...") ..., from("direct:...")...). */
    protected abstract void configureApi() throws Exception;

    @Override
    public final void configure() throws Exception {
        onException(ApiException.class).handled(true).process(e -> {
            ApiException ex = e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiException.class);
            ApiResponses.error(e, ex);
        });
        onException(Exception.class).handled(true).process(e -> {
            Exception ex = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            LOG.error("API route {} failed", e.getFromRouteId(), ex);
            ApiResponses.error(e, 500, "internal error (see the hub's log)");
        });
        configureApi();
    }
}
