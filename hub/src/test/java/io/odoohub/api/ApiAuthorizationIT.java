package io.odoohub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.testsupport.HubRuntime;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every management endpoint, found in the running context: without a token, with a wrong token, with a revoked
 * token and with each role. An endpoint added without {@link ApiGuard} fails {@link #everyApiEndpointStartsWithTheGuard}.
 */
class ApiAuthorizationIT {

    private static final String ADMIN_TOKEN = "it-admin-token-0123456789-abcdefghij";
    private static final String PROBE = "authz-probe-nothing-here";

    @TempDir
    static Path dir;

    private static HubRuntime hub;
    private static ApiClient api;
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    @BeforeAll
    static void start() throws Exception {
        hub = HubRuntime.start(dir.resolve("data"), Map.of("hub.admin-token", ADMIN_TOKEN, "hub.console.enabled", "false"));
        api = new ApiClient(hub.httpPort());
        TOKENS.put(Role.ADMIN, ADMIN_TOKEN);
        TOKENS.put(Role.OPERATOR, api.issue(ADMIN_TOKEN, "it-operator", Role.OPERATOR));
        TOKENS.put(Role.VIEWER, api.issue(ADMIN_TOKEN, "it-viewer", Role.VIEWER));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private static List<ApiEndpoints.ApiEndpoint> apiEndpoints() {
        return ApiEndpoints.list(hub.context()).stream().filter(ApiEndpoints.ApiEndpoint::underApi).toList();
    }

    @Test
    void discoveryFindsTheTokenEndpoints() {
        assertThat(apiEndpoints()).extracting(e -> e.method() + " " + e.path())
                .contains("POST /api/v1/tokens", "GET /api/v1/tokens", "DELETE /api/v1/tokens/{name}");
    }

    @Test
    void everyApiEndpointStartsWithTheGuard() {
        assertThat(apiEndpoints()).isNotEmpty().allSatisfy(e -> assertThat(e.guard())
                .as("%s %s (route %s) must start with guard.require(role)", e.method(), e.path(), e.routeId()).isPresent());
    }

    @Test
    void everyApiEndpointRefusesCallsWithoutAValidToken() throws Exception {
        for (ApiEndpoints.ApiEndpoint e : apiEndpoints()) {
            String path = concrete(e.path());
            for (String token : new String[] {null, "wrong-token-" + ADMIN_TOKEN, ADMIN_TOKEN + "x", ""}) {
                HttpResponse<String> r = api.send(e.method(), path, token, body(e));
                assertThat(r.statusCode()).as("%s %s with token %s", e.method(), path, token).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).as("%s %s", e.method(), path).hasValueSatisfying(
                        v -> assertThat(v).startsWith("Bearer"));
                assertThat(ApiClient.json(r).get("error").asText()).isNotBlank();
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            }
            HttpResponse<String> basic = api.send(e.method(), path, null, body(e),
                    Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
            assertThat(basic.statusCode()).as("%s %s with Basic auth", e.method(), path).isEqualTo(401);
        }
    }

    @Test
    void everyApiEndpointAdmitsExactlyTheRolesAtOrAboveItsMinimum() throws Exception {
        for (ApiEndpoints.ApiEndpoint e : apiEndpoints()) {
            Role minimum = e.role().orElseThrow(() -> new AssertionError(e + " has no guard"));
            String path = concrete(e.path());
            for (Role role : Role.values()) {
                HttpResponse<String> r = api.send(e.method(), path, TOKENS.get(role), body(e));
                if (role.includes(minimum)) {
                    assertThat(r.statusCode()).as("%s %s as %s (needs %s): %s", e.method(), path, role, minimum, r.body())
                            .isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(r.statusCode()).as("%s %s as %s (needs %s)", e.method(), path, role, minimum).isEqualTo(403);
                    assertThat(ApiClient.json(r).get("error").asText()).contains(minimum.wireName());
                }
            }
        }
    }

    @Test
    void tokenEndpointsNeedAdmin() {
        assertThat(apiEndpoints()).filteredOn(e -> e.path().startsWith("/api/v1/tokens"))
                .hasSize(3).allSatisfy(e -> assertThat(e.role()).contains(Role.ADMIN));
    }

    @Test
    void anEndpointAddedWithoutTheGuardIsFound() throws Exception {
        hub.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                rest("/api/v1/it-unguarded").get().routeId("it-unguarded").to("direct:it-unguarded");
                from("direct:it-unguarded").setBody(constant("open"));
            }
        });
        hub.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/api/v1/it-unguarded-direct?httpMethodRestrict=POST").routeId("it-unguarded-direct")
                        .setBody(constant("open"));
            }
        });
        try {
            assertThat(ApiEndpoints.list(hub.context())).filteredOn(e -> e.routeId().startsWith("it-unguarded"))
                    .extracting(e -> e.method() + " " + e.path())
                    .containsExactlyInAnyOrder("GET /api/v1/it-unguarded", "POST /api/v1/it-unguarded-direct");
            assertThat(ApiEndpoints.list(hub.context())).filteredOn(e -> e.routeId().startsWith("it-unguarded"))
                    .allSatisfy(e -> {
                        assertThat(e.underApi()).isTrue();
                        assertThat(e.guard()).isEmpty();
                    });
        } finally {
            for (String id : new String[] {"it-unguarded", "it-unguarded-direct"}) {
                hub.context().getRouteController().stopRoute(id);
                hub.context().removeRoute(id);
            }
        }
    }

    @Test
    void issuedTokensAreListedWithoutSecretsAndCanBeRevoked() throws Exception {
        String token = api.issue(ADMIN_TOKEN, "it-short-lived", Role.VIEWER);
        assertThat(token).startsWith("ohk_").hasSizeGreaterThan(40);
        HttpResponse<String> again = api.send("POST", "/api/v1/tokens", ADMIN_TOKEN, "{\"name\": \"it-short-lived\", \"role\": \"viewer\"}");
        assertThat(again.statusCode()).isEqualTo(409);

        HttpResponse<String> list = api.send("GET", "/api/v1/tokens", ADMIN_TOKEN, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(token).doesNotContain(ApiTokens.hash(token)).doesNotContain(ADMIN_TOKEN)
                .doesNotContain(ApiTokens.hash(ADMIN_TOKEN)).doesNotContainIgnoringCase("hash");
        JsonNode entry = findToken(ApiClient.json(list), "it-short-lived");
        assertThat(entry.get("role").asText()).isEqualTo("viewer");
        assertThat(entry.get("revoked").asBoolean()).isFalse();
        assertThat(findToken(ApiClient.json(list), "admin").get("role").asText()).isEqualTo("admin");

        assertThat(api.send("GET", "/api/v1/tokens", token, null).statusCode()).isEqualTo(403);
        assertThat(api.send("DELETE", "/api/v1/tokens/it-short-lived", ADMIN_TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(api.send("GET", "/api/v1/tokens", token, null).statusCode()).isEqualTo(401);
        assertThat(findToken(ApiClient.json(api.send("GET", "/api/v1/tokens", ADMIN_TOKEN, null)), "it-short-lived")
                .get("revoked").asBoolean()).isTrue();
        assertThat(api.send("DELETE", "/api/v1/tokens/" + PROBE, ADMIN_TOKEN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void badTokenRequestsAnswerJsonErrors() throws Exception {
        HttpResponse<String> notJson = api.send("POST", "/api/v1/tokens", ADMIN_TOKEN, "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(notJson).get("error").asText()).contains("JSON");
        HttpResponse<String> badRole = api.send("POST", "/api/v1/tokens", ADMIN_TOKEN, "{\"name\": \"x1\", \"role\": \"root\"}");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(badRole).get("error").asText()).contains("viewer, operator or admin");
        HttpResponse<String> badName = api.send("POST", "/api/v1/tokens", ADMIN_TOKEN, "{\"name\": \"a b/c\", \"role\": \"viewer\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentIsPublicAndListsTheEndpoints() throws Exception {
        HttpResponse<String> r = api.send("GET", ManagementApi.OPENAPI_PATH, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = ApiClient.json(r);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        for (ApiEndpoints.ApiEndpoint e : apiEndpoints()) {
            assertThat(doc.at("/paths").toString()).as("%s in the OpenAPI document", e.path()).contains(e.path());
        }
    }

    private static JsonNode findToken(JsonNode list, String name) {
        for (JsonNode t : list.get("tokens")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no token " + name + " in " + list);
    }

    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", PROBE);
    }

    private static String body(ApiEndpoints.ApiEndpoint e) {
        return e.method().equals("POST") || e.method().equals("PUT") || e.method().equals("PATCH") ? "{}" : null;
    }
}
