package io.odoohub.api;

import io.odoohub.security.CredentialStore;
import io.odoohub.security.SecuritySettings;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RestConfiguration;

/**
 * Installs the management API: the REST DSL on the embedded HTTP server (JSON, no binding: handlers read and write
 * JSON through {@link ApiResponses}), the OpenAPI document at {@value #OPENAPI_PATH} (public: it describes the
 * endpoints, it holds no data), the token store with the first admin token, and the token endpoints.
 * Other API RouteBuilders extend {@link ApiRouteBuilder} and take the {@link ApiGuard} bound as {@value #GUARD_BEAN}.
 */
public final class ManagementApi {

    public static final String OPENAPI_PATH = ApiRouteBuilder.BASE + "/openapi.json";
    public static final String GUARD_BEAN = "apiGuard";
    public static final String TOKENS_BEAN = "apiTokens";

    private ManagementApi() {
    }

    /** Sets up REST, registers HUB_ADMIN_TOKEN, adds the token endpoints and, given a store, the credential endpoints. */
    public static ApiGuard install(CamelContext context, DataSource dataSource, CredentialStore credentials) throws Exception {
        ApiGuard guard = install(context, dataSource);
        context.addRoutes(new CredentialApi(guard, credentials));
        return guard;
    }

    /**
     * Sets up REST, registers HUB_ADMIN_TOKEN (property hub.admin-token), adds the token endpoints and puts the
     * {@link HealthGuard} in front of the health endpoints.
     */
    public static ApiGuard install(CamelContext context, DataSource dataSource) throws Exception {
        RestConfiguration rest = context.getRestConfiguration();
        rest.setComponent("platform-http");
        rest.setApiComponent("openapi");
        rest.setApiContextPath(OPENAPI_PATH);
        rest.setApiContextRouteId("api-openapi");
        rest.setBindingMode(RestConfiguration.RestBindingMode.off);
        rest.setInlineRoutes(true);
        rest.setApiProperties(new java.util.HashMap<>(java.util.Map.of(
                "api.title", "odoo-hub management API",
                "api.version", "1",
                "api.description", "Bearer tokens with roles (viewer < operator < admin): Authorization: Bearer <token>")));

        ApiTokens tokens = new ApiTokens(dataSource);
        tokens.registerAdmin(SecuritySettings.adminToken(context.getPropertiesComponent()));
        ApiGuard guard = new ApiGuard(tokens);
        context.getRegistry().bind(TOKENS_BEAN, tokens);
        context.getRegistry().bind(GUARD_BEAN, guard);
        context.addRoutes(new TokenApi(guard, tokens));
        // the details of /observe/health take a token too; the status stays open to probes
        HealthGuard.install(context, tokens);
        return guard;
    }
}
