package io.odoohub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.testsupport.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters, flows and the sync history through the management API over real HTTP. */
@Tag(TestOdoo.TAG)
class OperationsApiIT {

    private static final String ADMIN = "operations-api-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private TestOdoo odoo;
    private HubRuntime hub;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        odoo = TestOdoo.start();
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.catalog.webhook-secret", "ops-api-secret");
        settings.put("hub.admin-token", ADMIN);
        hub = HubRuntime.start(dataDir, settings);
    }

    @AfterEach
    void tearDown() throws Exception {
        hub.close();
        odoo.close();
    }

    @Test
    void listSeeReplayAndTheHistory() throws Exception {
        Webhooks webhooks = new Webhooks(hub.httpPort(), "ops-api-secret");
        webhooks.send("a-1", Webhooks.product("A-1", "Good", "1", null));
        webhooks.send("a-2", Webhooks.product("A-2", "Bad category", "1", "Missing category"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                get("/api/v1/dead-letters?flow=catalog-products&status=dead").get("items").size() == 1);

        JsonNode list = get("/api/v1/dead-letters?flow=catalog-products");
        JsonNode item = list.get("items").get(0);
        assertThat(item.get("source_key").asText()).isEqualTo("A-2");
        assertThat(item.get("reason").asText()).contains("Missing category");
        assertThat(item.get("replayable").asBoolean()).isTrue();
        assertThat(item.has("payload")).isFalse();
        long id = item.get("id").asLong();
        assertThat(get("/api/v1/dead-letters/" + id).get("payload").asText()).contains("A-2");

        JsonNode history = get("/api/v1/sync-history?flow=catalog-products");
        assertThat(history.get("total").asLong()).isEqualTo(2);
        JsonNode stats = get("/api/v1/sync-history/stats?flow=catalog-products");
        assertThat(stats.get("total_syncs").asLong()).isEqualTo(2);
        assertThat(stats.get("successful_syncs").asLong()).isEqualTo(1);
        assertThat(stats.get("success_rate").asDouble()).isEqualTo(50.0);
        assertThat(get("/api/v1/sync-history?flow=catalog-products&status=failed").get("items").get(0).get("error_message").asText())
                .contains("Missing category");

        odoo.client().create("product.category", List.of(Map.of("name", "Missing category")), null);
        HttpResponse<String> replayed = post("/api/v1/dead-letters/" + id + "/replay", "");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                odoo.searchRead("product.template", List.of(List.of("default_code", "=", "A-2")), List.of("id")).size() == 1);
        assertThat(post("/api/v1/dead-letters/" + id + "/replay", "").statusCode()).isEqualTo(409);
        assertThat(post("/api/v1/dead-letters/999999/replay", "").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/dead-letters/" + id).get("status").asText()).isEqualTo("replayed");
    }

    @Test
    void aPausedFlowKeepsItsEventsWaitingUntilResumed() throws Exception {
        HttpResponse<String> paused = post("/api/v1/flows/catalog-products/pause", "{\"reason\":\"Odoo upgrade tonight\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).get("state").asText()).isEqualTo("paused");

        Webhooks webhooks = new Webhooks(hub.httpPort(), "ops-api-secret");
        assertThat(webhooks.send("b-1", Webhooks.product("B-1", "Waits", "1", null)).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> flow().get("inbox_depth").asLong() == 1);
        JsonNode flow = flow();
        assertThat(flow.get("state").asText()).isEqualTo("paused");
        assertThat(flow.get("pause_reason").asText()).isEqualTo("Odoo upgrade tonight");
        assertThat(flow.get("paused_by").asText()).startsWith("api:");
        assertThat(odoo.searchRead("product.template", List.of(List.of("default_code", "=", "B-1")), List.of("id"))).isEmpty();

        assertThat(post("/api/v1/flows/catalog-products/resume", "").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                odoo.searchRead("product.template", List.of(List.of("default_code", "=", "B-1")), List.of("id")).size() == 1);
        assertThat(post("/api/v1/flows/no-such-flow/pause", "").statusCode()).isEqualTo(404);
    }

    @Test
    void badQueryParametersAreClearErrors() throws Exception {
        HttpResponse<String> r = http.send(request("/api/v1/dead-letters?limit=abc").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("limit");
        HttpResponse<String> since = http.send(request("/api/v1/sync-history?since=yesterday").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(since.statusCode()).isEqualTo(400);
        assertThat(since.body()).contains("ISO-8601");
    }

    private JsonNode flow() throws Exception {
        for (JsonNode f : get("/api/v1/flows").get("flows")) {
            if (f.get("flow").asText().equals("catalog-products")) {
                return f;
            }
        }
        throw new AssertionError("flow catalog-products not listed");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path)).header("Authorization", "Bearer " + ADMIN);
    }
}
