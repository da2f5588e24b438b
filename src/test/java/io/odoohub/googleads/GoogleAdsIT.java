package io.odoohub.googleads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import io.odoohub.api.ApiClient;
import io.odoohub.odoo.OdooClient;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector in the real runtime, end to end: HTTP in (management API), gRPC out to the fake Google Ads, XML-RPC
 * out to the sandbox. The runtime's connection to Google is replaced by the fake through the opener bean.
 */
class GoogleAdsIT {

    private static final String ADMIN = "google-ads-it-admin-token-0123456789";
    private static final String CUSTOMER = "1234567890";

    @TempDir
    Path dataDir;

    private OdooSandbox sandbox;
    private OdooClient odoo;
    private FakeGoogleAds fake;
    private HubRuntime hub;
    private ApiClient api;
    private String token = FakeGoogleAds.TOKEN;
    private com.sun.net.httpserver.HttpServer receiver;
    private final List<String> notifications = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        // the operators' notification webhook
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/ops", exchange -> {
            try (java.io.InputStream in = exchange.getRequestBody()) {
                notifications.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        sandbox = SandboxClients.start();
        odoo = SandboxClients.client(sandbox);
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        List<FakeGoogleAds.Day> days = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            days.add(new FakeGoogleAds.Day("111", "Brand", CampaignStatus.ENABLED, today.minusDays(d), 10, 100, 5_000_000L, 1.0, 40.0));
            days.add(new FakeGoogleAds.Day("222", "Generic", CampaignStatus.REMOVED, today.minusDays(d), 3, 50, 2_000_000L, 0.0, 0.0));
        }
        fake = new FakeGoogleAds().account(CUSTOMER, "EUR", "America/New_York", days);
        hub = start("3600000");
        api = new ApiClient(hub.httpPort());
    }

    /** The runtime on the sandbox and the fake; {@code startDelayMs} is when the scheduled jobs first look. */
    private HubRuntime start(String startDelayMs) throws Exception {
        GoogleAdsApi.Opener opener = () -> fake.services(token, "9998887777");
        return HubRuntime.start(dataDir, Map.ofEntries(
                Map.entry("odoo.url", sandbox.url()), Map.entry("odoo.db", SandboxClients.DB),
                Map.entry("odoo.username", SandboxClients.LOGIN), Map.entry("odoo.api-key", SandboxClients.KEY),
                Map.entry("hub.admin-token", ADMIN), Map.entry("hub.console.enabled", "false"),
                Map.entry("hub.notify.webhook-url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/ops"),
                Map.entry("hub.notify.check-period-ms", "200"),
                Map.entry("google-ads.enabled", "true"), Map.entry("google-ads.customer-ids", "123-456-7890"),
                Map.entry("google-ads.conversion-action", "777"), Map.entry("google-ads.lookback-days", "3"),
                Map.entry("google-ads.first-run-days", "7"),
                // by default the schedule stays out of the way: the tests run the jobs through the API
                Map.entry("google-ads.start-delay-ms", startDelayMs), Map.entry("google-ads.tick-ms", "200")),
                Map.of(GoogleAdsConnector.OPENER_BEAN, opener));
    }

    @AfterEach
    void tearDown() throws Exception {
        hub.close();
        fake.close();
        odoo.close();
        sandbox.close();
        receiver.stop(0);
    }

    private JsonNode call(String method, String path, String body, int expectStatus) throws Exception {
        HttpResponse<String> r = api.send(method, path, ADMIN, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expectStatus);
        return r.body().isEmpty() ? null : ApiClient.json(r);
    }

    @Test
    void importThroughTheApiIsIdempotentAndReconciles() throws Exception {
        JsonNode first = call("POST", "/api/v1/google-ads/metrics/run", null, 200);
        JsonNode run = first.get("imports").get(0);
        // first run: 7 days back plus 3 days of lookback, up to today: 11 days x 2 campaigns
        assertThat(run.get("rows").asInt()).isEqualTo(22);
        assertThat(run.get("campaigns_written").asInt()).isEqualTo(2);
        assertThat(fake.headers().get(fake.headers().size() - 1).get(FakeGoogleAds.LOGIN_CUSTOMER)).isEqualTo("9998887777");
        int rows = odoo.searchRead(OdooAdsSchema.METRICS, List.of(), List.of("id"), null, 0, 0, null).size();
        assertThat(rows).isEqualTo(22);
        assertThat(odoo.searchRead("utm.campaign", List.of(List.of("x_google_ads_status", "=", "REMOVED")), List.of("name"), null, 0, 0, null))
                .extracting(r -> r.get("name")).containsExactly("Generic");

        // second run: from the last run's day minus the lookback; nothing new in Odoo
        JsonNode second = call("POST", "/api/v1/google-ads/metrics/run", null, 200).get("imports").get(0);
        assertThat(second.get("from").asText()).isEqualTo(LocalDate.parse(run.get("to").asText()).minusDays(3).toString());
        assertThat(odoo.searchRead(OdooAdsSchema.METRICS, List.of(), List.of("id"), null, 0, 0, null)).hasSize(rows);

        String from = run.get("from").asText();
        String to = run.get("to").asText();
        JsonNode rec = call("GET", "/api/v1/google-ads/reconciliation?from=" + from + "&to=" + to, null, 200);
        assertThat(rec.get("discrepancies")).isEmpty();
        assertThat(rec.get("days").get(0).get("google_cost").asDouble()).isEqualTo(7.0);
        assertThat(rec.get("days").get(0).get("odoo_cost").asDouble()).isEqualTo(7.0);

        // someone deletes a day's rows in Odoo: the reconciliation reports that day
        List<Integer> ids = odoo.searchRead(OdooAdsSchema.METRICS, List.of(List.of("x_date", "=", from)), List.of("id"), null, 0, 0, null)
                .stream().map(r -> (Integer) r.get("id")).toList();
        odoo.unlink(OdooAdsSchema.METRICS, ids, null);
        rec = call("GET", "/api/v1/google-ads/reconciliation?from=" + from + "&to=" + to + "&threshold=0.05", null, 200);
        assertThat(rec.get("discrepancies")).extracting(JsonNode::asText).containsExactly(from);

        // cost per acquisition: Brand spent 5 a day; two confirmed orders carry the campaign
        int brand = (Integer) odoo.searchRead("utm.campaign", List.of(List.of("name", "=", "Brand")), List.of("id"), null, 0, 1, null)
                .get(0).get("id");
        int partner = odoo.create("res.partner", List.of(Map.of("name", "Buyer")), null).get(0);
        String at = to + " 12:00:00";
        odoo.create("sale.order", List.of(
                Map.of("partner_id", partner, "partner_invoice_id", partner, "partner_shipping_id", partner, "state", "sale",
                        "campaign_id", brand, "date_order", at),
                Map.of("partner_id", partner, "partner_invoice_id", partner, "partner_shipping_id", partner, "state", "sale",
                        "campaign_id", brand, "date_order", at)), null);
        JsonNode cpa = call("GET", "/api/v1/google-ads/cpa?from=" + to + "&to=" + to, null, 200);
        JsonNode brandRow = null;
        for (JsonNode c : cpa.get("campaigns")) {
            if (c.get("campaign").asText().equals("Brand")) {
                brandRow = c;
            }
        }
        assertThat(brandRow).isNotNull();
        assertThat(brandRow.get("spend").asDouble()).isEqualTo(5.0);
        assertThat(brandRow.get("orders").asInt()).isEqualTo(2);
        assertThat(brandRow.get("cpa").asDouble()).isEqualTo(2.5);
    }

    @Test
    void quotaErrorPausesTheFlowUntilGooglesRetryDelay() throws Exception {
        fake.failNextWithQuota(120);
        JsonNode r = call("POST", "/api/v1/google-ads/metrics/run", null, 200);
        assertThat(r.get("imports")).isEmpty();
        assertThat(r.get("flow").get("paused").asBoolean()).isTrue();
        assertThat(r.get("flow").get("reason").asText()).contains("retry_delay 120 s");
        assertThat(r.get("flow").get("resume_at").asText()).isNotEmpty();
        // the flow waits: a run now is refused until then
        call("POST", "/api/v1/google-ads/metrics/run", null, 409);
        JsonNode flows = call("GET", "/api/v1/flows", null, 200);
        assertThat(flows.toString()).contains("google-ads-metrics");
    }

    @Test
    void revokedCredentialsPauseBothFlowsAndTestConnectionSaysWhy() throws Exception {
        token = "revoked-token";
        JsonNode r = call("POST", "/api/v1/google-ads/conversions/run", null, 200);
        assertThat(r.get("flow").get("paused").asBoolean()).isTrue();
        assertThat(r.get("flow").get("resume_at").isNull()).isTrue();
        assertThat(r.get("last_error").asText()).contains("OAUTH_TOKEN_INVALID");
        call("POST", "/api/v1/google-ads/metrics/run", null, 409);

        // the operators hear of it through the hub's notifications
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                notifications.stream().anyMatch(n -> n.contains("google-ads-metrics") && n.contains("OAUTH_TOKEN_INVALID")));

        JsonNode test = call("POST", "/api/v1/google-ads/test-connection", null, 200);
        assertThat(test.get("ok").asBoolean()).isFalse();
        assertThat(test.get("kind").asText()).isEqualTo("AUTH");

        // the credentials are fixed: test-connection lists the accounts and resumes both flows
        token = FakeGoogleAds.TOKEN;
        test = call("POST", "/api/v1/google-ads/test-connection", null, 200);
        assertThat(test.get("ok").asBoolean()).isTrue();
        assertThat(test.get("customers")).extracting(JsonNode::asText).containsExactly(CUSTOMER);
        assertThat(test.get("resumed_flows")).hasSize(2);
        call("POST", "/api/v1/google-ads/metrics/run", null, 200);
    }

    @Test
    void conversionsUploadFailedAreListedAndResubmitted() throws Exception {
        call("POST", "/api/v1/google-ads/metrics/run", null, 200); // prepares Odoo's fields on the way
        int partner = odoo.create("res.partner", List.of(Map.of("name", "Buyer")), null).get(0);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (String gclid : List.of("gclid-a", "bad-b", "recent-c")) {
            orders.add(ConversionUploadTest.order(partner, gclid, "sale"));
        }
        odoo.create("sale.order", orders, null);
        JsonNode r = call("POST", "/api/v1/google-ads/conversions/run", null, 200);
        assertThat(r.get("requests").asInt()).isEqualTo(1);
        assertThat(r.get("uploaded").asInt()).isEqualTo(1);
        assertThat(r.get("retry").asInt()).isEqualTo(1);
        assertThat(r.get("failed").asInt()).isEqualTo(1);

        JsonNode failed = call("GET", "/api/v1/google-ads/conversions/failed", null, 200).get("failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("gclid").asText()).isEqualTo("bad-b");
        assertThat(failed.get(0).get("error").asText()).contains("UNPARSEABLE_GCLID");

        call("POST", "/api/v1/google-ads/conversions/resubmit", "{\"model\":\"sale.order\",\"ids\":[\"x\"]}", 400);
        JsonNode again = call("POST", "/api/v1/google-ads/conversions/resubmit", "{\"ids\":[" + failed.get(0).get("id").asInt() + "]}", 200);
        assertThat(again.get("queued").asInt()).isEqualTo(1);
        assertThat(again.get("upload").get("requests").asInt()).isEqualTo(1);
        assertThat(fake.uploads()).hasSize(2);
        assertThat(fake.uploads().get(1).getConversions(0).getGclid()).isEqualTo("bad-b");
    }

    @Test
    void theYamlRoutesRunBothJobsOnTheirScheduleOnce() throws Exception {
        hub.close();
        hub = start("0");
        api = new ApiClient(hub.httpPort());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                odoo.searchRead(OdooAdsSchema.METRICS, List.of(), List.of("id"), null, 0, 0, null).size() == 22);
        JsonNode status = call("GET", "/api/v1/google-ads/status", null, 200);
        assertThat(status.get("runs").toString()).contains("\"job\":\"metrics\"").contains("\"job\":\"conversions\"");
        int searches = fake.queries().size();
        // five more ticks of the timer: nothing is due again before the period
        org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(1)).atMost(java.time.Duration.ofSeconds(3))
                .until(() -> fake.queries().size() == searches);
    }

    @Test
    void labelMappingsCrud() throws Exception {
        JsonNode created = call("POST", "/api/v1/google-ads/label-mappings",
                "{\"odoo_category\":\"All / Saleable\",\"label\":\"best-sellers\",\"label_index\":2}", 201);
        long id = created.get("id").asLong();
        call("POST", "/api/v1/google-ads/label-mappings", "{\"odoo_category\":\"All / Saleable\",\"label\":\"x\"}", 409);
        call("POST", "/api/v1/google-ads/label-mappings", "{\"odoo_category\":\"Other\",\"label\":\"x\",\"label_index\":7}", 400);
        call("POST", "/api/v1/google-ads/label-mappings", "{\"label\":\"x\"}", 400);
        JsonNode unknown = call("POST", "/api/v1/google-ads/label-mappings", "{\"odoo_category\":\"All / Salable\",\"label\":\"x\"}", 400);
        assertThat(unknown.toString()).contains("no product category 'All / Salable'");
        assertThat(call("GET", "/api/v1/google-ads/label-mappings", null, 200).get("mappings")).hasSize(1);
        JsonNode updated = call("PUT", "/api/v1/google-ads/label-mappings/" + id,
                "{\"odoo_category\":\"All / Saleable\",\"label\":\"clearance\",\"label_index\":3}", 200);
        assertThat(updated.get("label").asText()).isEqualTo("clearance");
        assertThat(call("GET", "/api/v1/google-ads/label-mappings/" + id, null, 200).get("label_index").asInt()).isEqualTo(3);
        call("DELETE", "/api/v1/google-ads/label-mappings/" + id, null, 204);
        call("GET", "/api/v1/google-ads/label-mappings/" + id, null, 404);
    }
}
