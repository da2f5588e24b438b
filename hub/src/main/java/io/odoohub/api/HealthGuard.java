package io.odoohub.api;

import io.odoohub.support.HttpRouterHooks;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * Who reads what at {@code /observe/health} (and {@code /live}, {@code /ready}). Anyone gets the status: load
 * balancers and orchestrators probe without a token. The checks with their messages and data (pause reasons, who
 * paused a flow, outage and database errors) need a management API token, any role. A request without
 * {@code Authorization} is answered at exposure level {@code oneline} whatever it asks for; one whose token is not
 * valid gets 401, as on the API.
 */
public final class HealthGuard {

    static final String PATH = "/observe/health";

    private final ApiTokens tokens;

    private HealthGuard(ApiTokens tokens) {
        this.tokens = tokens;
    }

    static void install(CamelContext context, ApiTokens tokens) throws Exception {
        HealthGuard guard = new HealthGuard(tokens);
        HttpRouterHooks.beforeCamel(context, HttpRouterHooks.MANAGEMENT_PORT, router -> router.route(PATH + "*")
                .order(HttpRouterHooks.AHEAD_OF_CAMEL)
                .handler(guard::handle));
    }

    private void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            statusOnly(ctx.request().params());
            ctx.next();
            return;
        }
        String token = ApiGuard.bearer(authorization);
        if (token == null) {
            refuse(ctx);
            return;
        }
        // the token store is a database: not on the event loop
        ctx.vertx().<Optional<ApiPrincipal>>executeBlocking(() -> tokens.authenticate(token), false).onComplete(checked -> {
            if (checked.failed()) {
                ctx.fail(checked.cause());
            } else if (checked.result().filter(p -> p.role().includes(Role.VIEWER)).isPresent()) {
                ctx.next();
            } else {
                refuse(ctx);
            }
        });
    }

    /** Camel's health handler reads these parameters: the status alone, nothing about the checks. */
    static void statusOnly(MultiMap params) {
        params.remove("data");
        params.remove("stackTrace");
        params.set("exposureLevel", "oneline");
    }

    private static void refuse(RoutingContext ctx) {
        ctx.response().setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("WWW-Authenticate", "Bearer realm=\"odoo-hub\"")
                .end("{\"error\":\"the bearer token is not valid\"}");
    }
}
