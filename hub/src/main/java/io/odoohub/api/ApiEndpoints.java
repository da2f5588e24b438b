package io.odoohub.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * Every HTTP endpoint of a running context declared with the REST DSL or directly on platform-http, with the role its
 * {@link ApiGuard} requires (empty when the route does not start with one). Read from the route model, so an endpoint
 * added without a guard shows up here.
 */
public final class ApiEndpoints {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");

    private ApiEndpoints() {
    }

    /**
     * One REST endpoint.
     *
     * @param path   the full path with its {@code {param}} placeholders, e.g. {@code /api/v1/tokens/{name}}
     * @param params path, query and header parameters the REST definition names
     * @param guard  the guard at the start of the route (or of the direct route it calls), if any
     */
    public record ApiEndpoint(String routeId, String method, String path, Set<String> params, Optional<ApiGuard.Check> guard) {

        public Optional<Role> role() {
            return guard.map(ApiGuard.Check::minimum);
        }

        public boolean underApi() {
            return path.equals(ApiRouteBuilder.BASE) || path.startsWith(ApiRouteBuilder.BASE + "/");
        }
    }

    public static List<ApiEndpoint> list(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        List<ApiEndpoint> out = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            endpoint(model, route).ifPresent(out::add);
        }
        return out;
    }

    /** The endpoint a route serves, when it is a REST DSL route. */
    public static Optional<ApiEndpoint> of(CamelContext context, String routeId) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        RouteDefinition route = model.getRouteDefinition(routeId);
        return route == null ? Optional.empty() : endpoint(model, route);
    }

    private static Optional<ApiEndpoint> endpoint(Model model, RouteDefinition route) {
        String uri = route.getInput() == null ? null : plain(route.getInput().getEndpointUri());
        if (uri != null && uri.startsWith("platform-http:")) {
            return platformHttp(model, route);
        }
        if (uri == null || !uri.startsWith("rest:")) {
            return Optional.empty();
        }
        // rest:<method>:<path>[:<uriTemplate>][?options] (the URI may be normalised: rest://..., %7Bname%7D)
        String spec = URLDecoder.decode(uri.substring("rest:".length()), StandardCharsets.UTF_8);
        String[] parts = spec.split(":", 3);
        String method = parts[0].toUpperCase(Locale.ROOT);
        String path = join(parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
        Set<String> params = new LinkedHashSet<>();
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            params.add(m.group(1));
        }
        RestDefinition rest = route.getRestDefinition();
        if (rest != null) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.asVerb().equalsIgnoreCase(method) && join(rest.getPath(), verb.getPath()).equals(path)) {
                    for (ParamDefinition p : verb.getParams()) {
                        if (p.getType() == RestParamType.path || p.getType() == RestParamType.query
                                || p.getType() == RestParamType.header) {
                            params.add(p.getName());
                        }
                    }
                }
            }
        }
        return Optional.of(new ApiEndpoint(route.getRouteId(), method, path, Set.copyOf(params), guardOf(model, route, 0)));
    }

    /** A route on platform-http directly (not through the REST DSL): listed too, so that it cannot hide from the checks. */
    private static Optional<ApiEndpoint> platformHttp(Model model, RouteDefinition route) {
        String raw = route.getInput().getEndpointUri();
        String path = URLDecoder.decode(plain(raw).substring("platform-http:".length()), StandardCharsets.UTF_8);
        String method = "GET";
        Matcher restrict = Pattern.compile("[?&]httpMethodRestrict=([A-Za-z]+)").matcher(raw);
        if (restrict.find()) {
            method = restrict.group(1).toUpperCase(Locale.ROOT);
        }
        Set<String> params = new LinkedHashSet<>();
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            params.add(m.group(1));
        }
        return Optional.of(new ApiEndpoint(route.getRouteId(), method, join(path, ""), Set.copyOf(params), guardOf(model, route, 0)));
    }

    /** The guard that starts a route, following a first step that only calls a direct route (REST routes not inlined). */
    private static Optional<ApiGuard.Check> guardOf(Model model, RouteDefinition route, int depth) {
        // the RouteBuilder's onException clauses are copied into each route first; they are not steps
        List<ProcessorDefinition<?>> outputs = route.getOutputs().stream().filter(o -> !(o instanceof OnExceptionDefinition)).toList();
        if (outputs.isEmpty() || depth > 3) {
            return Optional.empty();
        }
        ProcessorDefinition<?> first = outputs.get(0);
        if (first instanceof ProcessDefinition pd) {
            Processor p = pd.getProcessor();
            return p instanceof ApiGuard.Check check ? Optional.of(check) : Optional.empty();
        }
        if (first instanceof ToDefinition to && outputs.size() == 1 && to.getUri() != null && plain(to.getUri()).startsWith("direct:")) {
            String target = plain(to.getUri());
            for (RouteDefinition r : model.getRouteDefinitions()) {
                if (r.getInput() != null && target.equals(plain(r.getInput().getEndpointUri()))) {
                    return guardOf(model, r, depth + 1);
                }
            }
        }
        return Optional.empty();
    }

    /** An endpoint URI without its options and without the "//" after the scheme. */
    private static String plain(String uri) {
        if (uri == null) {
            return null;
        }
        String u = uri.split("\\?", 2)[0];
        int colon = u.indexOf(':');
        if (colon > 0 && u.startsWith("//", colon + 1)) {
            u = u.substring(0, colon + 1) + u.substring(colon + 3);
        }
        return u;
    }

    private static String join(String base, String sub) {
        String a = base == null ? "" : base;
        String b = sub == null ? "" : sub;
        if (!a.startsWith("/")) {
            a = "/" + a;
        }
        if (a.endsWith("/")) {
            a = a.substring(0, a.length() - 1);
        }
        if (b.isEmpty() || b.equals("/")) {
            return a.isEmpty() ? "/" : a;
        }
        return a + (b.startsWith("/") ? b : "/" + b);
    }
}
