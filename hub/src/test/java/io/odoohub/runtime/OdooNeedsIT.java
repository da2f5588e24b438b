package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.api.ApiClient;
import io.odoohub.observe.OdooNeedsHealthCheck;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.odoo.OdooRequirement;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.LogCapture;
import io.odoohub.testsupport.MutableClock;
import io.odoohub.testsupport.TestOdoo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the connectors need of the Odoo database is read from it, not assumed: at start (the log), in health
 * ({@code odoo:requirements}) and in the test-connection endpoints, each missing model or field named with its module
 * and what the hub does instead. A database without the delivery module (on the real Odoo uninstalled over XML-RPC, as
 * a shop with Sales and Inventory only has it) is named everywhere, with what the hub does instead, while readiness
 * holds.
 */
@Tag(TestOdoo.TAG)
class OdooNeedsIT {

    private static final String ADMIN = "odoo-needs-admin-token-0123456789-abc";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestOdoo odoo;

    @AfterEach
    void tearDown() {
        if (odoo != null) {
            odoo.close();
        }
    }

    @Test
    void aDatabaseWithEverythingSaysSoAtStartInHealthAndInTestConnection() throws Exception {
        odoo = TestOdoo.start();
        try (LogCapture logs = LogCapture.attach(); HubRuntime hub = HubRuntime.start(dataDir, settings())) {
            assertThat(logs.text()).contains("Odoo has everything the connectors need");

            JsonNode check = check(hub, "odoo:requirements");
            assertThat(check.get("status").asText()).isEqualTo("UP");
            assertThat(check.at("/data/state").asText()).isEqualTo("complete");
            assertThat(check.at("/data/missing").asInt()).isZero();
            assertThat(check.at("/data/requirements").asInt()).isPositive();

            JsonNode tested = testConnection(hub);
            assertThat(tested.get("success").asBoolean()).as(tested.toString()).isTrue();
            JsonNode needs = tested.get("odoo_requirements");
            assertThat(needs.get("checked").asBoolean()).isTrue();
            assertThat(needs.get("missing")).isEmpty();
            assertThat(needs.get("installed_modules").toString()).contains("\"delivery\"", "\"product\"", "\"sale\"");
            JsonNode carrier = find(needs.get("requirements"), "delivery.carrier", null);
            assertThat(carrier.get("connector").asText()).isEqualTo("shopify");
            assertThat(carrier.get("present").asBoolean()).isTrue();
            assertThat(carrier.get("module_installed").asBoolean()).isTrue();
            assertThat(find(needs.get("requirements"), "product.template", "barcode").get("present").asBoolean()).isTrue();

            // Google Ads' test-connection answers for Odoo too, whatever Google answers (no credentials here)
            HttpResponse<String> ads = new ApiClient(hub.httpPort()).send("POST", "/api/v1/google-ads/test-connection", ADMIN, null);
            assertThat(ads.statusCode()).as(ads.body()).isEqualTo(200);
            assertThat(ApiClient.json(ads).at("/odoo_requirements/checked").asBoolean()).as(ads.body()).isTrue();
        }
    }

    @Test
    void withoutTheDeliveryModuleTheStartLogHealthAndTestConnectionNameItAndWhatTheHubDoesInstead() throws Exception {
        // the real Odoo: delivery uninstalled over XML-RPC (with the modules that depend on it); the sandbox: without it
        odoo = TestOdoo.startWithout(OdooSandbox.OPTIONAL_MODULE);
        try (LogCapture logs = LogCapture.attach(); HubRuntime hub = HubRuntime.start(dataDir, settings())) {
            assertThat(logs.text()).contains("Odoo lacks 3 of the").contains("(the hub does without them)")
                    .contains("shopify connector: missing delivery.carrier (module delivery, for Shopify shipping lines by delivery method"
                            + " (hub.shopify.carrier-map)): a shipping line is written as an ordinary service line")
                    .contains("shopify connector: missing sale.order.carrier_id (module delivery")
                    .contains("shopify connector: missing sale.order.line.is_delivery (module delivery");

            HttpResponse<String> ready = get(hub, "/observe/health/ready?exposureLevel=full&data=true");
            assertThat(ready.statusCode()).as("an optional module does not fail readiness: " + ready.body()).isEqualTo(200);
            JsonNode check = check(hub, "odoo:requirements");
            assertThat(check.get("status").asText()).isEqualTo("UP");
            assertThat(check.at("/data/state").asText()).isEqualTo("missing_optional");
            assertThat(check.at("/data/missing").asInt()).isEqualTo(3);
            assertThat(check.get("data").get("missing.shopify.delivery.carrier").asText())
                    .contains("module delivery").contains("ordinary service line");

            JsonNode needs = testConnection(hub).get("odoo_requirements");
            assertThat(needs.get("installed_modules").toString()).doesNotContain("\"delivery\"").contains("\"sale\"");
            assertThat(needs.get("missing")).hasSize(3);
            JsonNode carrier = find(needs.get("missing"), "delivery.carrier", null);
            assertThat(carrier.get("module").asText()).isEqualTo("delivery");
            assertThat(carrier.get("module_installed").asBoolean()).isFalse();
            assertThat(carrier.get("required").asBoolean()).isFalse();
            assertThat(carrier.get("instead").asText()).contains("ordinary service line");
        }
    }

    @Test
    void aConnectorThatIsSwitchedOffNeedsNothingOfOdooAndOdooIsNotAskedForIt() throws Exception {
        odoo = TestOdoo.start();
        try (HubRuntime hub = HubRuntime.start(dataDir, connectorsOff())) {
            JsonNode needs = testConnection(hub).get("odoo_requirements");
            assertThat(needs.get("checked").asBoolean()).isTrue();
            List<String> connectors = new java.util.ArrayList<>();
            needs.get("requirements").forEach(r -> connectors.add(r.get("connector").asText()));
            assertThat(connectors).isNotEmpty().containsOnly("catalog");
            assertThat(odoo.callsByMethod().keySet()).as("models the hub asked Odoo about")
                    .noneMatch(k -> k.startsWith("sale.order") || k.startsWith("delivery.carrier") || k.startsWith("crm.lead"));
        }
    }

    @Test
    void aMissingRequiredModelFailsTheCheckAnOptionalOneDoesNotAndAnOutageLeavesTheLastAnswerStanding() {
        odoo = TestOdoo.start();
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        OdooRequirement optional = OdooRequirement.model("no_such_module", "x_no.such.model", "a test").orElse("it does without");
        OdooRequirement required = OdooRequirement.field("product", "product.template", "x_no_such_field", "a test");
        try (OdooClient client = proxied()) {
            OdooNeeds optionalOnly = new OdooNeeds(List.of(new OdooNeeds.Need("test", optional)), () -> client, clock,
                    Duration.ofMinutes(10), Duration.ofSeconds(30));
            assertThat(call(optionalOnly).getState()).isEqualTo(HealthCheck.State.UP);

            OdooNeeds both = new OdooNeeds(List.of(new OdooNeeds.Need("test", optional), new OdooNeeds.Need("test", required)),
                    () -> client, clock, Duration.ofMinutes(10), Duration.ofSeconds(30));
            HealthCheck.Result down = call(both);
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("Odoo lacks 2 of the 2").contains("1 without which a connector cannot work"));
            assertThat(down.getDetails()).containsEntry("state", "missing_required")
                    .containsEntry("missing.test.product.template.x_no_such_field",
                            "test connector: missing product.template.x_no_such_field (module product, for a test): this cannot work without it");

            // within its time to live the answer is not asked again
            odoo.resetCounters();
            clock.advance(Duration.ofMinutes(9));
            assertThat(call(both).getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(odoo.requestCount()).isZero();

            // Odoo down when it is asked again: the last answer stands, and Odoo is asked again after the retry time
            odoo.faults().refuseConnections(true);
            clock.advance(Duration.ofMinutes(2));
            HealthCheck.Result duringOutage = call(both);
            assertThat(duringOutage.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(duringOutage.getDetails()).containsEntry("state", "missing_required");
            odoo.faults().refuseConnections(false);
            long before = odoo.requestCount();
            clock.advance(Duration.ofSeconds(31));
            assertThat(call(both).getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(odoo.requestCount()).isGreaterThan(before);
        }
    }

    @Test
    void anOdooThatCannotBeAskedAtAllIsUnknownNotDown() {
        odoo = TestOdoo.start();
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        odoo.faults().refuseConnections(true);
        try (OdooClient client = proxied()) {
            OdooNeeds needs = new OdooNeeds(List.of(new OdooNeeds.Need("test",
                    OdooRequirement.model("product", "product.template", "a test"))), () -> client, clock, Duration.ofMinutes(10),
                    Duration.ofSeconds(30));
            HealthCheck.Result unknown = call(needs);
            assertThat(unknown.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(unknown.getDetails()).containsEntry("state", "unknown");
            assertThat(unknown.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("could not ask Odoo what it has: "));

            odoo.faults().refuseConnections(false);
            clock.advance(Duration.ofSeconds(31));
            HealthCheck.Result answered = call(needs);
            assertThat(answered.getDetails()).containsEntry("state", "complete").containsEntry("missing", 0);
        }
    }

    /** The hub with the Shopify connector switched on (a shop is named), so that its needs are checked. */
    private Map<String, String> settings() {
        Map<String, String> settings = connectorsOff();
        settings.put("hub.shopify.shop", "needs-test.myshopify.com");
        return settings;
    }

    /** The hub as it comes: no shop, no Pardot business unit, Google Ads off. */
    private Map<String, String> connectorsOff() {
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.admin-token", ADMIN);
        return settings;
    }

    /** A client through the proxy, so that its faults and counters apply. */
    private OdooClient proxied() {
        return new OdooClient(odoo.hubTransport(), odoo.db(), odoo.login(), odoo.key());
    }

    private static HealthCheck.Result call(OdooNeeds needs) {
        return new OdooNeedsHealthCheck(needs).call();
    }

    private JsonNode testConnection(HubRuntime hub) throws Exception {
        HttpResponse<String> r = new ApiClient(hub.httpPort()).send("POST", "/api/v1/odoo/test-connection", ADMIN, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }

    private JsonNode check(HubRuntime hub, String name) throws Exception {
        HttpResponse<String> r = get(hub, "/observe/health?exposureLevel=full&data=true");
        for (JsonNode c : JSON.readTree(r.body()).path("checks")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + r.body());
    }

    /** With a token: health shows its checks only to a caller of the management API. */
    private HttpResponse<String> get(HubRuntime hub, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode rows, String model, String field) {
        List<JsonNode> found = new ArrayList<>();
        rows.forEach(r -> {
            if (r.get("model").asText().equals(model) && (field == null ? r.get("field").isNull() : field.equals(r.get("field").asText()))) {
                found.add(r);
            }
        });
        assertThat(found).as(model + (field == null ? "" : "." + field) + " in " + rows).hasSize(1);
        return found.get(0);
    }
}
