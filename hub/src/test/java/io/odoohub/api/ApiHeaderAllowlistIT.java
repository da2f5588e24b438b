package io.odoohub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.testsupport.HubRuntime;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.model.rest.RestParamType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests carrying Camel's internal headers (any letter case, as headers and as query parameters): none reaches
 * an /api/v1 route, and the request behaves as without them.
 */
class ApiHeaderAllowlistIT {

    private static final String ADMIN_TOKEN = "it-headers-admin-token-0123456789-abc";

    /** Headers that steer Camel components when they reach a route. */
    private static final Map<String, String> HOSTILE = new LinkedHashMap<>();

    static {
        HOSTILE.put("CamelHttpUri", "http://169.254.169.254/latest/meta-data");
        HOSTILE.put("CAmelExecCommandExecutable", "/bin/sh");
        HOSTILE.put("CamelExecCommandArgs", "-c id");
        HOSTILE.put("camelhttppath", "/api/v1/credentials");
        HOSTILE.put("CamelBeanMethodName", "delete");
        HOSTILE.put("CAMELHTTPMETHOD", "DELETE");
        HOSTILE.put("CamelHttpResponseCode", "500");
        HOSTILE.put("cAmElFileName", "../../etc/passwd");
        HOSTILE.put("CamelSqlQuery", "DROP TABLE api_token");
        HOSTILE.put("camelOdooMethod", "unlink");
        HOSTILE.put("OdooMethod", "unlink");
        HOSTILE.put("OdooIds", "1,2,3");
        HOSTILE.put("X-Not-Allowed", "dropped");
    }

    @TempDir
    static Path dir;

    private static HubRuntime hub;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        hub = HubRuntime.start(dir.resolve("data"), Map.of("hub.admin-token", ADMIN_TOKEN, "hub.console.enabled", "false"));
        api = new ApiClient(hub.httpPort());
        ApiGuard guard = hub.bean(ManagementApi.GUARD_BEAN, ApiGuard.class);
        // a test-only endpoint that answers the headers it sees after the guard
        hub.context().addRoutes(new ApiRouteBuilder(guard) {
            @Override
            protected void configureApi() {
                rest(BASE + "/it-echo").get("/{item}").routeId("it-echo")
                        .param().name("q").type(RestParamType.query).endParam()
                        .to("direct:it-echo");
                from("direct:it-echo").process(guard.require(Role.VIEWER, "X-Request-Id"))
                        .process(e -> {
                            Map<String, Object> seen = new TreeMap<>();
                            e.getMessage().getHeaders().forEach((k, v) -> seen.put(k, String.valueOf(v)));
                            ApiResponses.json(e, 200, Map.of("headers", seen,
                                    "principal", String.valueOf(e.getProperty(ApiGuard.PRINCIPAL))));
                        });
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void onlyTheNamedHeadersAndParametersReachTheRoute() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(HOSTILE);
        headers.put("X-Request-Id", "req-1");
        String query = "?q=kept&CamelHttpUri=http://evil&cAMELexecCommandExecutable=/bin/sh&extra=dropped";
        HttpResponse<String> r = api.send("GET", "/api/v1/it-echo/abc" + query, ADMIN_TOKEN, null, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode seen = ApiClient.json(r).get("headers");
        List<String> names = iterable(seen);
        assertThat(names).as("headers the route sees").allSatisfy(n -> assertThat(n.toLowerCase()).doesNotStartWith("camel"))
                .doesNotContain("X-Not-Allowed", "OdooMethod", "OdooIds", "extra", "Authorization", "authorization");
        assertThat(names).isSubsetOf("Accept", "accept", "Content-Type", "content-type", "X-Request-Id", "x-request-id", "item", "q");
        assertThat(seen.get("item").asText()).isEqualTo("abc");
        assertThat(seen.get("q").asText()).isEqualTo("kept");
        assertThat(textOf(seen, "X-Request-Id")).isEqualTo("req-1");
        assertThat(ApiClient.json(r).get("principal").asText()).contains("admin").contains("ADMIN");
    }

    @Test
    void aHeaderCannotOverrideAPathParameter() throws Exception {
        HttpResponse<String> r = api.send("GET", "/api/v1/it-echo/abc", ADMIN_TOKEN, null, Map.of("item", "spoofed"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(r).get("headers").get("item").asText()).isEqualTo("abc");
    }

    @Test
    void hostileHeadersChangeNothingOnRealEndpoints() throws Exception {
        HttpResponse<String> plain = api.send("GET", "/api/v1/tokens", ADMIN_TOKEN, null);
        HttpResponse<String> hostile = api.send("GET", "/api/v1/tokens", ADMIN_TOKEN, null, HOSTILE);
        assertThat(hostile.statusCode()).isEqualTo(plain.statusCode()).isEqualTo(200);
        assertThat(stripLastUsed(hostile.body())).isEqualTo(stripLastUsed(plain.body()));
        assertNothingEchoed(hostile);

        HttpResponse<String> put = api.send("PUT", "/api/v1/credentials/it-header-test?CamelHttpMethod=DELETE", ADMIN_TOKEN,
                "{\"value\": \"header-test-value-0001\"}", HOSTILE);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(ApiClient.json(put).get("name").asText()).isEqualTo("it-header-test");
        assertNothingEchoed(put);

        HttpResponse<String> noToken = api.send("GET", "/api/v1/tokens", null, null, HOSTILE);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertNothingEchoed(noToken);
    }

    @Test
    void aBodyOverTheServersCapIsRefusedUnread() throws Exception {
        // camel.server.maxBodySize (HUB_HTTP_MAX_BODY_BYTES) defaults to 16 MiB for every route on the port
        String huge = "{\"value\": \"" + "x".repeat(17 * 1024 * 1024) + "\"}";
        HttpResponse<String> r = api.send("PUT", "/api/v1/credentials/it-huge", ADMIN_TOKEN, huge);
        assertThat(r.statusCode()).isEqualTo(413);
        HttpResponse<String> list = api.send("GET", "/api/v1/credentials", ADMIN_TOKEN, null);
        assertThat(list.body()).doesNotContain("it-huge");
    }

    private static void assertNothingEchoed(HttpResponse<String> r) {
        assertThat(r.headers().map().keySet()).allSatisfy(h -> {
            assertThat(h.toLowerCase()).doesNotStartWith("camel").isNotEqualTo("authorization")
                    .isNotEqualTo("x-not-allowed").isNotEqualTo("odoomethod");
        });
    }

    private static String stripLastUsed(String body) {
        return body.replaceAll("\"lastUsedAt\":(null|\"[^\"]*\")", "");
    }

    private static List<String> iterable(JsonNode object) {
        List<String> out = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String textOf(JsonNode object, String name) {
        for (String n : iterable(object)) {
            if (n.equalsIgnoreCase(name)) {
                return object.get(n).asText();
            }
        }
        return null;
    }
}
