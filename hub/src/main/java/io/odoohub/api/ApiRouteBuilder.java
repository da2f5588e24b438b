package io.odoohub.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Base of every management API RouteBuilder: REST endpoints under {@link #BASE}, each route starting with
 * {@code guard.require(role)}. Each of its routes names the route configuration {@link ApiErrorPolicy} (errors become
 * JSON answers: an {@link ApiException} its status and message, anything else a 500 without details).
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
        configureApi();
    }

    /** Each route of the builder, those the REST endpoints become included, names the API's route configuration. */
    @Override
    protected void populateRests() throws Exception {
        super.populateRests();
        getRouteCollection().getRoutes().stream().filter(r -> r.getRouteConfigurationId() == null)
                .forEach(r -> r.routeConfigurationId(ApiErrorPolicy.ID));
    }
}
