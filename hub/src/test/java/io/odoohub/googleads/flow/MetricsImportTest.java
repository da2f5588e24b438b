package io.odoohub.googleads.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import io.odoohub.odoo.OdooClient;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.MutableClock;
import io.odoohub.testsupport.SandboxClients;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.odoohub.googleads.FakeGoogleAds;
import io.odoohub.googleads.GoogleAdsSettings;
import io.odoohub.googleads.client.Accounts;
import io.odoohub.googleads.client.AdsEndpoint;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.model.AccountInfo;
import io.odoohub.googleads.odoo.OdooAdsSchema;

/** The metrics import from the fake Google Ads (gRPC) into the sandbox (XML-RPC). */
class MetricsImportTest {

    static final String CUSTOMER = "1234567890";
    static final LocalDate OCT31 = LocalDate.of(2026, 10, 31);
    static final LocalDate NOV1 = LocalDate.of(2026, 11, 1);

    private OdooSandbox sandbox;
    private OdooClient odoo;
    private FakeGoogleAds fake;
    private GoogleAdsApi api;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-10T12:00:00Z"));
    private final List<FakeGoogleAds.Day> days = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxClients.start();
        odoo = SandboxClients.client(sandbox);
        new OdooAdsSchema(odoo).ensure();
        days.add(new FakeGoogleAds.Day("111", "Brand", CampaignStatus.ENABLED, OCT31, 10, 100, 12_340_000L, 1.0, 50.0));
        days.add(new FakeGoogleAds.Day("111", "Brand", CampaignStatus.ENABLED, NOV1, 20, 200, 10_800_000L, 2.0, 80.0));
        days.add(new FakeGoogleAds.Day("222", "Generic", CampaignStatus.PAUSED, NOV1, 5, 90, 1_000_000L, 0.0, 0.0));
        fake = new FakeGoogleAds().account(CUSTOMER, "USD", "America/New_York", days);
        api = fake.api();
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        fake.close();
        odoo.close();
        sandbox.close();
    }

    private MetricsImport importer(int batchSize) {
        return new MetricsImport(api, new Accounts(api), odoo, settings(batchSize).metrics(), new CampaignCache(Duration.ofHours(24)), clock);
    }

    static GoogleAdsSettings settings(int batchSize) {
        return new GoogleAdsSettings(new Account(true, List.of(CUSTOMER), null, AdsEndpoint.parse("unused:443"), "oauth"),
                new Metrics(Duration.ofHours(4), 14, 30, Duration.ofHours(24), batchSize, 0.01),
                new Conversions(Duration.ofHours(1), "777", false, Duration.ofHours(6)), Duration.ofMinutes(60), Duration.ZERO);
    }

    private List<Map<String, Object>> metrics() {
        return odoo.searchRead(OdooAdsSchema.METRICS, List.of(), List.of("x_campaign_id", "x_date", "x_utc_start", "x_clicks", "x_cost",
                "x_cost_company", "x_conversions", "x_conversions_value", "x_currency_id"), "x_date, x_campaign_id", 0, 0, null);
    }

    @Test
    void firstImportWritesCampaignsAndOneRowPerCampaignDay() {
        MetricsImport.Result r = importer(2).run(CUSTOMER, OCT31, NOV1);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.campaignsWritten()).isEqualTo(2);
        List<Map<String, Object>> campaigns = odoo.searchRead("utm.campaign", List.of(List.of("x_google_ads_campaign_id", "!=", false)),
                List.of("name", "x_google_ads_campaign_id", "x_google_ads_status"), "x_google_ads_campaign_id", 0, 0, null);
        assertThat(campaigns).extracting(c -> c.get("name") + "/" + c.get("x_google_ads_status")).containsExactly("Brand/ENABLED", "Generic/PAUSED");
        List<Map<String, Object>> rows = metrics();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("x_clicks")).isEqualTo(10);
        assertThat(((List<?>) rows.get(0).get("x_campaign_id")).get(1)).isEqualTo("Brand");
        assertThat(((List<?>) rows.get(0).get("x_currency_id")).get(1)).isEqualTo("USD");
    }

    @Test
    void costIsConvertedAtTheRateOfItsOwnDay() {
        importer(500).run(CUSTOMER, OCT31, NOV1);
        List<Map<String, Object>> rows = metrics();
        // Odoo's USD rates: 1.08 from 2026-01-01, 1.1542 from 2026-11-01 (company currency EUR)
        assertThat(rows.get(0).get("x_cost")).isEqualTo(12.34);
        assertThat(rows.get(0).get("x_cost_company")).isEqualTo(11.43); // 12.34 / 1.08
        assertThat(rows.get(1).get("x_cost")).isEqualTo(10.8);
        assertThat(rows.get(1).get("x_cost_company")).isEqualTo(9.36); // 10.80 / 1.1542, not / 1.08
    }

    @Test
    void rerunChangesNothingAndRevisedConversionsAreUpdated() {
        MetricsImport importer = importer(2);
        importer.run(CUSTOMER, OCT31, NOV1);
        List<Map<String, Object>> first = metrics();
        MetricsImport.Result again = importer.run(CUSTOMER, OCT31, NOV1);
        assertThat(again.campaignsWritten()).isZero(); // structure cached
        assertThat(metrics()).isEqualTo(first);
        // Google revises the conversions of Oct 31 inside the lookback window
        days.set(0, new FakeGoogleAds.Day("111", "Brand", CampaignStatus.ENABLED, OCT31, 10, 100, 12_340_000L, 3.0, 150.0));
        fake.account(CUSTOMER, "USD", "America/New_York", days);
        importer.run(CUSTOMER, OCT31, NOV1);
        List<Map<String, Object>> revised = metrics();
        assertThat(revised).hasSize(3);
        assertThat(revised.get(0).get("x_conversions")).isEqualTo(3.0);
        assertThat(revised.get(0).get("x_conversions_value")).isEqualTo(150.0);
        assertThat(revised.subList(1, 3)).isEqualTo(first.subList(1, 3));
    }

    @Test
    void farTimeZoneKeepsTheAccountDayAndItsUtcStart() throws Exception {
        fake.account("5550001111", "EUR", "Pacific/Kiritimati", List.of(
                new FakeGoogleAds.Day("333", "Islands", CampaignStatus.ENABLED, NOV1, 1, 2, 3_000_000L, 0, 0)));
        importer(500).run("5550001111", NOV1, NOV1);
        List<Map<String, Object>> rows = odoo.searchRead(OdooAdsSchema.METRICS, List.of(List.of("x_customer_id", "=", "5550001111")),
                List.of("x_date", "x_utc_start", "x_time_zone", "x_cost_company"), null, 0, 0, null);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("x_date")).isEqualTo("2026-11-01");
        // UTC+14: the account's Nov 1 starts at 10:00 UTC on Oct 31
        assertThat(rows.get(0).get("x_utc_start")).isEqualTo("2026-10-31 10:00:00");
        assertThat(rows.get(0).get("x_cost_company")).isEqualTo(3.0);
    }

    @Test
    void anAccountCurrencyWithoutARateInOdooIsConvertedAsOdooWouldAndTheLogSaysSo() throws Exception {
        // GBP exists in Odoo (inactive, as on a new database); its rates are removed as a shop that never entered one
        List<Integer> gbpRates = odoo.searchRead("res.currency.rate", List.of(List.of("currency_id.name", "=", "GBP")), List.of("id"), null, 0, 0,
                null).stream().map(r -> (Integer) r.get("id")).toList();
        if (!gbpRates.isEmpty()) {
            odoo.unlink("res.currency.rate", gbpRates, null);
        }
        fake.account("5550002222", "GBP", "Europe/London", List.of(
                new FakeGoogleAds.Day("444", "Britain", CampaignStatus.ENABLED, NOV1, 1, 2, 5_000_000L, 0, 0)));
        try (io.odoohub.testsupport.LogCapture logs = io.odoohub.testsupport.LogCapture.attach()) {
            importer(500).run("5550002222", NOV1, NOV1);
            assertThat(logs.text()).contains("Odoo has no exchange rate for GBP").contains("converted to EUR at 1:1");
        }
        List<Map<String, Object>> rows = odoo.searchRead(OdooAdsSchema.METRICS, List.of(List.of("x_customer_id", "=", "5550002222")),
                List.of("x_cost", "x_cost_company"), null, 0, 0, null);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("x_cost")).isEqualTo(5.0);
            assertThat(r.get("x_cost_company")).isEqualTo(5.0);
        });
        try (io.odoohub.testsupport.LogCapture logs = io.odoohub.testsupport.LogCapture.attach()) {
            importer(500).run(CUSTOMER, OCT31, NOV1);
            assertThat(logs.text()).as("USD has rates").doesNotContain("no exchange rate");
        }
    }

    @Test
    void rangeIsLastRunDayMinusLookbackUpToTodayInTheAccount() {
        MetricsImport importer = importer(500);
        AccountInfo account = importer.account(CUSTOMER);
        assertThat(importer.range(account, LocalDate.of(2026, 11, 8))).containsExactly(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 11, 10));
        assertThat(importer.range(account, null)).containsExactly(LocalDate.of(2026, 9, 27), LocalDate.of(2026, 11, 10));
    }

    @Test
    void schemaIsPreparedOnceAndOnlyWhatIsMissing() {
        assertThat(new OdooAdsSchema(odoo).ensure()).isZero();
        assertThat(odoo.searchRead("utm.medium", List.of(List.of("name", "=", "cpc")), List.of("id"), null, 0, 0, null)).hasSize(1);
        assertThat(odoo.searchRead("utm.source", List.of(List.of("name", "=", "Google Ads")), List.of("id"), null, 0, 0, null)).hasSize(1);
        assertThat(odoo.fieldsGet("sale.order", List.of("type")).get("x_gads_upload_state").get("type")).isEqualTo("selection");
    }
}
