package io.odoohub.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to protect a management API endpoint. {@link #require} gives the first processor of every
 * {@code /api/v1} route: it keeps only the headers the route names, then checks the bearer token and its role. Camel
 * 4.18 has the fixes for mixed-case {@code Camel*} header injection (in 4.10.2 and 4.10.3); the allowlist stays
 * anyway, so that nothing else from the request can reach a route.
 */
public final class ApiGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGuard.class);

    /** Exchange property holding the {@link ApiPrincipal} of an admitted request. */
    public static final String PRINCIPAL = "hubPrincipal";
    /** Request headers every API route keeps. Authorization is removed once the token is checked. */
    static final List<String> ALWAYS_KEPT = List.of("Authorization", "Content-Type", "Accept");

    private final ApiTokens tokens;
    /** route id -> the REST endpoint it serves (path template, named parameters). */
    private final Map<String, Optional<ApiEndpoints.ApiEndpoint>> endpoints = new ConcurrentHashMap<>();

    public ApiGuard(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * First processor of every /api/v1 route: keeps only the named headers (case-insensitive; plus Authorization,
     * Content-Type, Accept and the REST path/query params the route names), drops everything else (Camel* headers
     * included, in any letter case), then checks the bearer token: 401 (JSON {"error": "..."} and
     * WWW-Authenticate: Bearer) without a valid token, 403 when the token's role is too low; on refusal it stops
     * the route. Sets exchange property "hubPrincipal" (token name and role) on success.
     */
    public Processor require(Role minimum, String... allowedHeaders) {
        if (minimum == null) {
            throw new IllegalArgumentException("an API endpoint needs a minimum role");
        }
        return new Check(minimum, allowedHeaders);
    }

    /** The processor {@link #require} returns; {@link ApiEndpoints} finds it at the start of a route. */
    public final class Check implements Processor {

        private final Role minimum;
        private final Set<String> allowed;

        private Check(Role minimum, String... allowedHeaders) {
            this.minimum = minimum;
            TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            names.addAll(ALWAYS_KEPT);
            for (String h : allowedHeaders) {
                if (h.regionMatches(true, 0, "Camel", 0, 5)) {
                    throw new IllegalArgumentException("Camel* headers can never come from a request: " + h);
                }
                names.add(h);
            }
            this.allowed = names;
        }

        public Role minimum() {
            return minimum;
        }

        @Override
        public void process(Exchange exchange) {
            Message in = exchange.getMessage();
            Optional<ApiEndpoints.ApiEndpoint> endpoint = endpointOf(exchange);
            Set<String> params = endpoint.map(ApiEndpoints.ApiEndpoint::params).orElse(Set.of());
            in.getHeaders().keySet().removeIf(name -> !allowed.contains(name) && !containsIgnoreCase(params, name));
            if (endpoint.isPresent() && !RequestParams.pin(in, endpoint.get())) {
                ApiResponses.error(exchange, 400, "the request path does not match the endpoint");
                exchange.setRouteStop(true);
                return;
            }

            String token = bearer(in.getHeader("Authorization", String.class));
            in.removeHeader("Authorization");
            Optional<ApiPrincipal> principal = token == null ? Optional.empty() : tokens.authenticate(token);
            if (principal.isEmpty()) {
                ApiResponses.error(exchange, 401, token == null ? "a bearer token is required (Authorization: Bearer <token>)"
                        : "the bearer token is not valid");
                in.setHeader("WWW-Authenticate", "Bearer realm=\"odoo-hub\"");
                exchange.setRouteStop(true);
                return;
            }
            if (!principal.get().role().includes(minimum)) {
                LOG.info("API token '{}' ({}) refused on {}: needs {}", principal.get().name(), principal.get().role().wireName(),
                        exchange.getFromRouteId(), minimum.wireName());
                ApiResponses.error(exchange, 403, "this needs the " + minimum.wireName() + " role");
                exchange.setRouteStop(true);
                return;
            }
            exchange.setProperty(PRINCIPAL, principal.get());
        }

        @Override
        public String toString() {
            return "ApiGuard[" + minimum.wireName() + "]";
        }
    }

    private Optional<ApiEndpoints.ApiEndpoint> endpointOf(Exchange exchange) {
        String routeId = exchange.getFromRouteId();
        if (routeId == null) {
            return Optional.empty();
        }
        return endpoints.computeIfAbsent(routeId, id -> ApiEndpoints.of(exchange.getContext(), id));
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String v = authorization.trim();
        if (v.length() < 8 || !v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = v.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
