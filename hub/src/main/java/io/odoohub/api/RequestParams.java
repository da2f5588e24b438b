package io.odoohub.api;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Path and query parameters taken again from the HTTP request itself. The server puts them in headers next to the
 * request's own headers, so a request header {@code name: x} would join the path's {@code {name}} value: the
 * guard replaces those headers with what the path and query string say.
 */
final class RequestParams {

    private RequestParams() {
    }

    /** False when the request path does not fit the endpoint's template (it always should). */
    static boolean pin(Message message, ApiEndpoints.ApiEndpoint endpoint) {
        HttpServerRequest request = request(message);
        if (request == null) {
            // not an HTTP exchange (e.g. a test sending to the route directly): a doubled value is refused
            return endpoint.params().stream().noneMatch(p -> message.getHeader(p) instanceof java.util.Collection);
        }
        Map<String, String> fromPath = pathValues(endpoint.path(), request.path());
        if (fromPath == null) {
            return false;
        }
        for (String param : endpoint.params()) {
            message.removeHeader(param);
            if (fromPath.containsKey(param)) {
                message.setHeader(param, fromPath.get(param));
                continue;
            }
            List<String> values = request.params().getAll(param);
            if (values.size() == 1) {
                message.setHeader(param, values.get(0));
            } else if (values.size() > 1) {
                message.setHeader(param, List.copyOf(values));
            }
            // declared header parameters come from the request's headers
            String header = request.getHeader(param);
            if (values.isEmpty() && header != null) {
                message.setHeader(param, header);
            }
        }
        return true;
    }

    private static HttpServerRequest request(Message message) {
        return message instanceof HttpMessage http ? http.getRequest() : null;
    }

    /** {name} values of a template such as /api/v1/tokens/{name} in a request path; null when it does not fit. */
    static Map<String, String> pathValues(String template, String path) {
        if (path == null) {
            return null;
        }
        String[] t = trim(template).split("/", -1);
        String[] p = trim(path).split("/", -1);
        if (t.length != p.length) {
            return null;
        }
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                out.put(t[i].substring(1, t[i].length() - 1), URLDecoder.decode(p[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return out;
    }

    private static String trim(String s) {
        String v = s.startsWith("/") ? s.substring(1) : s;
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }
}
