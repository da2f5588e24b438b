package io.odoohub.googleads.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import io.odoohub.history.SyncLog;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.odoo.OdooClient;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.MutableClock;
import io.odoohub.testsupport.SandboxClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.odoohub.googleads.FakeGoogleAds;
import io.odoohub.googleads.GoogleAdsSettings;
import io.odoohub.googleads.client.Accounts;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.odoo.OdooAdsSchema;

/** The schedule and the failure policy of the two jobs, on a clock the test moves. */
class GoogleAdsJobsTest {

    static final String CUSTOMER = MetricsImportTest.CUSTOMER;

    @TempDir
    Path dir;

    private HubDatabase db;
    private OdooSandbox sandbox;
    private OdooClient odoo;
    private FakeGoogleAds fake;
    private GoogleAdsApi api;
    private FlowControl flows;
    private RunState state;
    private GoogleAdsJobs jobs;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-10T12:00:00Z"));

    @BeforeEach
    void setUp() throws Exception {
        db = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2);
        sandbox = SandboxClients.start();
        odoo = SandboxClients.client(sandbox);
        fake = new FakeGoogleAds().account(CUSTOMER, "EUR", "Europe/Paris", List.of(
                new FakeGoogleAds.Day("1", "A", CampaignStatus.ENABLED, LocalDate.of(2026, 11, 9), 1, 1, 1_000_000L, 0, 0)));
        api = fake.api();
        GoogleAdsSettings settings = MetricsImportTest.settings(500);
        Accounts accounts = new Accounts(api);
        flows = new FlowControl(db.dataSource(), clock);
        state = new RunState(db.dataSource());
        jobs = new GoogleAdsJobs(settings.account(), settings.metrics(), settings.conversions(), settings.transientBackoffMax(),
                new MetricsImport(api, accounts, odoo, settings.metrics(), new CampaignCache(Duration.ofHours(24)), clock),
                new ConversionUpload(api, accounts, odoo, settings.account(), settings.conversions(), clock), state, new OdooAdsSchema(odoo), flows,
                new SyncLog(db.dataSource()), new FlowCounters(), clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        api.close();
        fake.close();
        odoo.close();
        sandbox.close();
        db.close();
    }

    @Test
    void importRunsWhenDueAndNotBefore() {
        assertThat(jobs.importMetricsIfDue()).hasSize(1);
        RunState.Run run = state.get("metrics", CUSTOMER);
        assertThat(run.lastSuccessDay()).isEqualTo(LocalDate.of(2026, 11, 10));
        assertThat(run.nextRunAt()).isEqualTo(clock.instant().plus(Duration.ofHours(4)));
        clock.advance(Duration.ofHours(3));
        assertThat(jobs.importMetricsIfDue()).isEmpty();
        clock.advance(Duration.ofHours(1));
        List<MetricsImport.Result> again = jobs.importMetricsIfDue();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).from()).isEqualTo(LocalDate.of(2026, 10, 27)); // last day minus 14 days of lookback
    }

    @Test
    void quotaPausesUntilRetryDelayThenTheFlowResumesByItself() {
        fake.failNextWithQuota(90);
        assertThat(jobs.importMetricsIfDue()).isEmpty();
        FlowControl.State s = flows.state(GoogleAdsJobs.METRICS_FLOW);
        assertThat(s.paused()).isTrue();
        assertThat(s.resumeAt()).isEqualTo(clock.instant().plusSeconds(90));
        assertThat(flows.isPaused(GoogleAdsJobs.CONVERSIONS_FLOW)).isFalse();
        clock.advance(Duration.ofSeconds(89));
        assertThat(jobs.importMetricsIfDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(jobs.importMetricsIfDue()).hasSize(1);
        assertThat(flows.isPaused(GoogleAdsJobs.METRICS_FLOW)).isFalse();
    }

    @Test
    void transientFailuresBackOffDoubling() {
        sandbox.close(); // Odoo away: the import fails on its first Odoo call
        assertThat(jobs.importMetricsIfDue()).isEmpty();
        RunState.Run first = state.get("metrics", CUSTOMER);
        assertThat(first.failures()).isEqualTo(1);
        assertThat(first.nextRunAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        jobs.importMetricsIfDue();
        assertThat(state.get("metrics", CUSTOMER).nextRunAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(flows.isPaused(GoogleAdsJobs.METRICS_FLOW)).isFalse();
    }

    @Test
    void badCredentialsPauseBothFlowsUntilSomeoneResumes() throws Exception {
        api.close();
        GoogleAdsApi revoked = new GoogleAdsApi(() -> fake.services("revoked", null));
        GoogleAdsSettings settings = MetricsImportTest.settings(500);
        Accounts accounts = new Accounts(revoked);
        GoogleAdsJobs j = new GoogleAdsJobs(settings.account(), settings.metrics(), settings.conversions(),
                settings.transientBackoffMax(), new MetricsImport(revoked, accounts, odoo, settings.metrics(), new CampaignCache(Duration.ofHours(1)),
                clock), new ConversionUpload(revoked, accounts, odoo, settings.account(), settings.conversions(), clock), state, new OdooAdsSchema(odoo), flows,
                new SyncLog(db.dataSource()), new FlowCounters(), clock);
        assertThat(j.importMetricsIfDue()).isEmpty();
        assertThat(flows.state(GoogleAdsJobs.METRICS_FLOW).reason()).contains("OAUTH_TOKEN_INVALID");
        assertThat(flows.state(GoogleAdsJobs.METRICS_FLOW).resumeAt()).isNull();
        assertThat(flows.isPaused(GoogleAdsJobs.CONVERSIONS_FLOW)).isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(j.uploadConversionsIfDue()).isNull();
        assertThat(flows.isPaused(GoogleAdsJobs.METRICS_FLOW)).isTrue();
        revoked.close();
    }
}
