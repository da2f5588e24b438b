package io.odoohub.googleads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import io.odoohub.api.ApiClient;
import io.odoohub.testsupport.HubProcess;
import io.odoohub.testsupport.Ports;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.googleads.odoo.OdooAdsSchema;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as its own process ({@code java -jar}), configured by environment variables only, against the fake
 * Google Ads on a loopback gRPC port ({@code GOOGLE_ADS_ENDPOINT=plaintext://127.0.0.1:<port>}): no test bean. The
 * import runs on the sandbox and on the real Odoo 18 (tag odoo); the refused setting only on the sandbox.
 */
class GoogleAdsOutOfProcessIT {

    private static final String ADMIN = "google-ads-oop-admin-token-0123456789";
    private static final String CUSTOMER = "1234567890";

    @TempDir
    Path dir;

    @Test
    @Tag(TestOdoo.TAG)
    void theConnectorReachesAPlaintextLoopbackEndpointFromSettingsAlone() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        List<FakeGoogleAds.Day> days = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            days.add(new FakeGoogleAds.Day("111", "Brand", CampaignStatus.ENABLED, today.minusDays(d), 10, 100, 5_000_000L, 1.0, 40.0));
        }
        try (TestOdoo odoo = TestOdoo.start();
             FakeGoogleAds fake = new FakeGoogleAds().account(CUSTOMER, "EUR", "America/New_York", days)) {
            Map<String, String> env = env(odoo, "plaintext://127.0.0.1:" + fake.serveOnLoopback());
            try (HubProcess hub = new HubProcess(dir, Ports.free(), env)) {
                hub.start();
                // the first run on a real Odoo creates the connector's fields and model first: minutes on a busy machine
                ApiClient api = new ApiClient(hub.httpPort(), Duration.ofMinutes(5));

                JsonNode connection = call(api, "/api/v1/google-ads/test-connection");
                assertThat(connection.get("ok").asBoolean()).as(connection.toString()).isTrue();
                assertThat(connection.get("customers").toString()).contains(CUSTOMER);

                JsonNode run = call(api, "/api/v1/google-ads/metrics/run").get("imports").get(0);
                // 7 days back plus 3 of lookback, up to today
                assertThat(run.get("rows").asInt()).as(run.toString()).isEqualTo(11);
                assertThat(odoo.searchRead(OdooAdsSchema.METRICS, List.of(), List.of("id"))).hasSize(11);
                assertThat(odoo.searchRead("utm.campaign", List.of(List.of("x_google_ads_campaign_id", "=", "111")), List.of("name")))
                        .extracting(r -> r.get("name")).containsExactly("Brand");
                // the external id as the README gives it
                assertThat(odoo.searchRead("ir.model.data", List.of(List.of("module", "=", "google_ads"), List.of("model", "=", "utm.campaign")),
                        List.of("name"))).extracting(r -> r.get("name")).containsExactly("campaign_1234567890_5f_111");

                assertThat(fake.headers()).isNotEmpty().allSatisfy(h -> {
                    assertThat(h.get(FakeGoogleAds.LOGIN_CUSTOMER)).isEqualTo("9998887777");
                    assertThat(h.get(FakeGoogleAds.AUTHORIZATION)).as("no credential over plaintext").isNull();
                });
            }
        }
    }

    @Test
    void aPlaintextEndpointOffLoopbackStopsTheStartNamingTheSetting() throws Exception {
        try (TestOdoo odoo = TestOdoo.start();
             HubProcess hub = new HubProcess(dir, Ports.free(), env(odoo, "plaintext://10.0.0.5:443"))) {
            assertThatThrownBy(hub::start).hasMessageContaining("runtime exited")
                    .hasMessageContaining("setting hub.google-ads.endpoint names a plaintext endpoint on '10.0.0.5'");
        }
    }

    /** The runtime's whole configuration: environment variables, as an operator sets them. */
    private Map<String, String> env(TestOdoo odoo, String endpoint) {
        Map<String, String> env = new HashMap<>(odoo.hubEnvironment());
        env.put("HUB_DATA_DIR", dir.resolve("data").toString());
        env.put("HUB_ADMIN_TOKEN", ADMIN);
        env.put("HUB_CONSOLE_ENABLED", "false");
        env.put("HUB_CONSOLE_PORT", String.valueOf(Ports.free()));
        env.put("GOOGLE_ADS_ENABLED", "true");
        env.put("GOOGLE_ADS_CUSTOMER_IDS", "123-456-7890");
        env.put("GOOGLE_ADS_LOGIN_CUSTOMER_ID", "999-888-7777");
        env.put("GOOGLE_ADS_ENDPOINT", endpoint);
        env.put("GOOGLE_ADS_FIRST_RUN_DAYS", "7");
        env.put("GOOGLE_ADS_LOOKBACK_DAYS", "3");
        // the schedule stays out of the way: the test runs the job through the API
        env.put("GOOGLE_ADS_START_DELAY_MS", "3600000");
        return env;
    }

    private static JsonNode call(ApiClient api, String path) throws Exception {
        HttpResponse<String> r = api.send("POST", path, ADMIN, null);
        assertThat(r.statusCode()).as("POST " + path + ": " + r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }
}
