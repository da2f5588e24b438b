package io.odoohub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import io.odoohub.api.ApiClient;
import io.odoohub.googleads.FakeGoogleAds;
import io.odoohub.pardot.FakePardot;
import io.odoohub.shopify.FakeShopifyAdmin;
import io.odoohub.testsupport.HubProcess;
import io.odoohub.testsupport.Ports;
import io.odoohub.testsupport.PostgresServer;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three runtimes (a JVM each, the distributed jar) on one PostgreSQL and one Odoo, every scheduled job on a short
 * period for two minutes: the Pardot prospects and activities pulls and the Pardot push, the Shopify push and
 * reconciliation (10 s each, ticking every second), the history purge (a trigger every 10 s), the Google Ads metrics
 * import and conversion upload (1 minute, their shortest; ticking every second), each on a Quartz trigger of the
 * cluster's job store (the catalog's cron schedules: {@code ClusteredQuartzIT}). Counted in the database ({@code job_run}, and the sync history for
 * Google Ads): each job ran once per period (no two runs of a job closer than its period, none overlapping, none
 * missing), and the fake Pardot and Google Ads servers saw each request (each page) no more than once per period.
 * Then a prospects pull is held in the fake Pardot and the node running it is SIGKILLed: another node runs the job
 * (Quartz's recovery) within the misfire threshold, and nothing pulled reaches Odoo twice.
 */
@Tag(TestOdoo.TAG)
class ThreeNodesSchedulesIT {

    private static final Logger LOG = LoggerFactory.getLogger(ThreeNodesSchedulesIT.class);
    private static final String ADMIN = "three-nodes-schedules-admin-token-0123456789";
    private static final String SHOPIFY_TOKEN = "shpat_three_nodes_schedules";
    private static final String CUSTOMER = "1234567890";
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final Duration ADS_PERIOD = Duration.ofMinutes(1);
    private static final Duration WINDOW = Duration.ofMinutes(2);
    /** Quartz's default misfire threshold: a firing handed over later than this would count as missed. */
    private static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(60);
    /** A request is made a little after its run starts: how much two requests' gap may fall short of their runs'. */
    private static final Duration REQUEST_JITTER = Duration.ofSeconds(1);
    /** How late a due run may start after its period on a loaded machine (ticks every second). */
    private static final Duration LATENESS = Duration.ofSeconds(15);
    /** The jobs that run when due (PullBackoff), each on a 10 s period and a 1 s tick. */
    private static final List<String> PULL_JOBS = List.of("prospects", "activities", "push", "shopify push", "shopify reconciliation");

    @TempDir
    Path dir;

    @Test
    void everyJobOncePerPeriodAcrossTheNodesAndAKilledFiringHandedOver() throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        List<FakeGoogleAds.Day> days = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            days.add(new FakeGoogleAds.Day("111", "Brand", CampaignStatus.ENABLED, today.minusDays(d), 10, 100, 5_000_000L, 1.0, 40.0));
        }
        try (PostgresServer pg = PostgresServer.start(); TestOdoo odoo = TestOdoo.start(); FakePardot pardot = new FakePardot();
             FakeShopifyAdmin shopify = new FakeShopifyAdmin(SHOPIFY_TOKEN, 1000, 1000);
             FakeGoogleAds ads = new FakeGoogleAds().account(CUSTOMER, "EUR", "America/New_York", days)) {
            // prospects only: an activity pulled before its prospect's lead exists waits five minutes in the inbox
            for (int i = 0; i < 5; i++) {
                pardot.addProspect("schedules-" + run + "-" + i + "@example.com", "Sched", "Prospect " + i, "Nodes Inc", null, 10, "B");
            }
            Map<String, String> env = new HashMap<>(odoo.hubEnvironment());
            env.put("HUB_DB_URL", pg.jdbcUrl());
            env.put("HUB_DB_USER", "postgres");
            env.put("HUB_MASTER_KEY", Base64.getEncoder().encodeToString(key));
            env.put("HUB_ADMIN_TOKEN", ADMIN);
            env.put("HUB_CONSOLE_ENABLED", "false");
            env.put("HUB_QUARTZ_CHECKIN_INTERVAL_MS", "2000");
            env.put("PARDOT_BUSINESS_UNIT_ID", FakePardot.BU);
            env.put("PARDOT_API_BASE", pardot.baseUrl());
            env.put("PARDOT_TOKEN_URL", pardot.tokenUrl());
            env.put("PARDOT_BACKOFF_MS", "20");
            // node 0 gets the Pardot credentials right after its start, before its first pull
            env.put("PARDOT_PULL_DELAY_MS", "15000");
            env.put("PARDOT_TICK_MS", "1000");
            env.put("PARDOT_PULL_PERIOD_MS", String.valueOf(PERIOD.toMillis()));
            env.put("PARDOT_ACTIVITY_PERIOD_MS", String.valueOf(PERIOD.toMillis()));
            env.put("PARDOT_PUSH_PERIOD_MS", String.valueOf(PERIOD.toMillis()));
            env.put("SHOPIFY_SHOP", "example.myshopify.com");
            env.put("SHOPIFY_ADMIN_URL", shopify.baseUrl());
            env.put("SHOPIFY_ACCESS_TOKEN", SHOPIFY_TOKEN);
            env.put("SHOPIFY_CLIENT_SECRET", "fake-shopify-secret-schedules");
            env.put("SHOPIFY_PUSH_ENABLED", "true");
            env.put("SHOPIFY_PUSH_INTERVAL_MS", String.valueOf(PERIOD.toMillis()));
            env.put("SHOPIFY_PUSH_TICK_MS", "1000");
            env.put("SHOPIFY_PUSH_LOCATION", "655441491");
            env.put("SHOPIFY_RECONCILE_ENABLED", "true");
            env.put("SHOPIFY_RECONCILE_PERIOD_MS", String.valueOf(PERIOD.toMillis()));
            env.put("SHOPIFY_RECONCILE_TICK_MS", "1000");
            env.put("SHOPIFY_RECONCILE_START_DELAY_MS", "0");
            // the history purge: a trigger whose interval is its period
            env.put("HUB_HISTORY_PURGE_PERIOD_MS", String.valueOf(PERIOD.toMillis()));
            env.put("GOOGLE_ADS_ENABLED", "true");
            env.put("GOOGLE_ADS_CUSTOMER_IDS", "123-456-7890");
            env.put("GOOGLE_ADS_ENDPOINT", "plaintext://127.0.0.1:" + ads.serveOnLoopback());
            env.put("GOOGLE_ADS_CONVERSION_ACTION", "777");
            env.put("GOOGLE_ADS_FIRST_RUN_DAYS", "3");
            env.put("GOOGLE_ADS_LOOKBACK_DAYS", "2");
            env.put("GOOGLE_ADS_IMPORT_PERIOD_MINUTES", "1");
            env.put("GOOGLE_ADS_UPLOAD_PERIOD_MINUTES", "1");
            env.put("GOOGLE_ADS_TICK_MS", "1000");
            env.put("GOOGLE_ADS_START_DELAY_MS", "0");
            List<HubProcess> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Map<String, String> own = new HashMap<>(env);
                    own.put("HUB_DATA_DIR", Files.createDirectories(dir.resolve("node-" + i)).toString());
                    own.put("HUB_CONSOLE_PORT", String.valueOf(Ports.free()));
                    HubProcess node = new HubProcess(Files.createDirectories(dir.resolve("log-" + i)), Ports.free(), own);
                    node.start();
                    nodes.add(node);
                    if (i == 0) {
                        // the credentials are in the shared database, under the shared master key: every node reads them
                        ApiClient api = new ApiClient(node.httpPort(), Duration.ofMinutes(2));
                        for (String[] c : new String[][] {{"pardot.client-id", FakePardot.CLIENT_ID},
                                {"pardot.client-secret", FakePardot.CLIENT_SECRET}, {"pardot.refresh-token", FakePardot.REFRESH_TOKEN}}) {
                            HttpResponse<String> r = api.send("PUT", "/api/v1/credentials/" + c[0], ADMIN, "{\"value\":\"" + c[1] + "\"}");
                            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                        }
                    }
                }
                Map<Long, Integer> nodeOfPid = new HashMap<>();
                for (int i = 0; i < 3; i++) {
                    nodeOfPid.put(nodes.get(i).pid(), i);
                }
                Instant windowStart = Instant.now();
                LOG.info("three nodes up; watching the schedules for {} s", WINDOW.toSeconds());
                Thread.sleep(WINDOW.toMillis());
                Instant windowEnd = Instant.now();

                // each job once per period, counted in the database
                Map<String, String> report = new LinkedHashMap<>();
                for (String job : PULL_JOBS) {
                    List<Run> runs = jobRuns(pg, job);
                    checkOncePerPeriod(job, runs, PERIOD, Duration.ZERO);
                    List<Run> inWindow = runs.stream().filter(r -> !r.started.isBefore(windowStart) && r.started.isBefore(windowEnd)).toList();
                    assertThat(inWindow).as(job + ": runs in the two minutes").hasSizeBetween(
                            (int) (WINDOW.toSeconds() / (PERIOD.toSeconds() + 8)), (int) (WINDOW.toSeconds() / PERIOD.toSeconds()) + 1);
                    assertThat(runs).as(job + ": every run finished well").allSatisfy(r -> assertThat(r.outcome).as(r.toString()).isEqualTo("success"));
                    report.put(job, inWindow.size() + " runs, by node " + byNode(inWindow, nodeOfPid));
                }
                List<Run> purges = jobRuns(pg, "history purge");
                // fired every period by the trigger itself: a run starts a moment after its firing
                checkOncePerPeriod("history purge", purges, PERIOD, REQUEST_JITTER);
                List<Run> purgesInWindow = purges.stream().filter(r -> !r.started.isBefore(windowStart) && r.started.isBefore(windowEnd)).toList();
                assertThat(purgesInWindow).as("history purge: runs in the two minutes").hasSizeBetween(
                        (int) (WINDOW.toSeconds() / PERIOD.toSeconds()) - 1, (int) (WINDOW.toSeconds() / PERIOD.toSeconds()) + 1);
                report.put("history purge", purgesInWindow.size() + " runs, by node " + byNode(purgesInWindow, nodeOfPid));
                for (String flow : List.of("google-ads-metrics", "google-ads-conversions")) {
                    List<Run> runs = syncRuns(pg, flow);
                    checkOncePerPeriod(flow, runs, ADS_PERIOD, Duration.ZERO);
                    List<Run> inWindow = runs.stream().filter(r -> !r.started.isBefore(windowStart) && r.started.isBefore(windowEnd)).toList();
                    assertThat(inWindow).as(flow + ": runs in the two minutes").hasSizeBetween(1, 3);
                    assertThat(runs).as(flow + ": every run well").allSatisfy(r -> assertThat(r.outcome).as(r.toString()).isEqualTo("success"));
                    report.put(flow, inWindow.size() + " runs");
                }
                // the fake servers: no request (no page) asked twice within a period
                checkRequestsOncePerPeriod("Pardot", pardot.timedLog.stream().map(r -> new Request(r.at(), kind(r.line()))).toList(), PERIOD);
                // the metrics import's own query (the customer query is also the upload's: two jobs, one each)
                List<Request> adsQueries = new ArrayList<>();
                for (int i = 0; i < ads.queries().size(); i++) {
                    if (ads.queries().get(i).contains("FROM campaign")) {
                        adsQueries.add(new Request(ads.queryTimes().get(i), ads.queries().get(i).replaceAll("'\\d{4}-\\d{2}-\\d{2}'", "'<day>'")));
                    }
                }
                checkRequestsOncePerPeriod("Google Ads", adsQueries, ADS_PERIOD);
                assertThat(adsQueries).as("Google Ads was asked").isNotEmpty();
                assertThat(pardot.timedLog).as("Pardot was asked").isNotEmpty();
                LOG.info("two minutes of schedules on three nodes: {}", report);

                // a prospects pull held in Pardot; its node is killed; another node runs the job
                Instant held = Instant.now();
                pardot.slowNext("/objects/prospects?", Duration.ofSeconds(120));
                Run stuck = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                        () -> jobRuns(pg, "prospects").stream().filter(r -> r.started.isAfter(held) && "running".equals(r.outcome)
                                && Duration.between(r.started, Instant.now()).toSeconds() >= 3).findFirst().orElse(null),
                        r -> r != null);
                int victim = nodeOfPid.get(Long.parseLong(stuck.node.substring(0, stuck.node.indexOf('@'))));
                Instant killed = Instant.now();
                nodes.get(victim).kill();
                LOG.info("SIGKILL to node {} while it ran the prospects pull started at {}", victim, stuck.started);
                Run recovered = Awaitility.await().atMost(MISFIRE_THRESHOLD.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
                        () -> jobRuns(pg, "prospects").stream().filter(r -> r.started.isAfter(killed)).findFirst().orElse(null), r -> r != null);
                Duration handover = Duration.between(killed, recovered.started);
                LOG.info("the prospects pull ran again on node {} {} ms after the kill", nodeOfPid.get(pidOf(recovered)), handover.toMillis());
                assertThat(pidOf(recovered)).as("another node").isNotEqualTo(nodes.get(victim).pid());
                assertThat(handover).as("handed over within the misfire threshold").isLessThan(MISFIRE_THRESHOLD);
                assertThat(jobRuns(pg, "prospects")).as("no run while the killed node held the job")
                        .noneMatch(r -> r.started.isAfter(stuck.started) && r.started.isBefore(killed));
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> "success".equals(jobRuns(pg, "prospects").stream().filter(r -> r.id == recovered.id).findFirst()
                                .map(r -> r.outcome).orElse("")));

                // what the pulls brought is in Odoo once
                Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> pg.count(
                        "SELECT COUNT(*) FROM inbox_event WHERE status = 'pending'") == 0);
                assertThat(pg.count("SELECT COUNT(*) FROM dead_letter")).as("dead letters").isZero();
                List<Map<String, Object>> leads = odoo.searchRead("crm.lead", List.of(List.of("email_from", "like", "schedules-" + run + "-")),
                        List.of("email_from"));
                assertThat(leads.stream().map(l -> String.valueOf(l.get("email_from")).toLowerCase()).distinct().count()).as("every prospect")
                        .isEqualTo(5);
                assertThat(leads).as("no prospect twice").hasSize(5);
            } finally {
                for (HubProcess n : nodes) {
                    n.close();
                }
            }
        }
    }

    /** One run of a job: from {@code job_run}, or a row of the sync history. */
    private record Run(long id, String node, Instant started, Instant finished, String outcome) {
    }

    /** A request to a fake server, by its kind (what it asks, without the values that move from run to run). */
    private record Request(Instant at, String kind) {
    }

    /**
     * No two runs closer than the period, none started before the previous one finished, and none missing: each next
     * run started within the period plus {@link #LATENESS} of the previous one's end (a tick a second, on a loaded
     * machine).
     */
    private static void checkOncePerPeriod(String job, List<Run> runs, Duration period, Duration jitter) {
        assertThat(runs).as(job + ": runs").hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < runs.size(); i++) {
            Run before = runs.get(i - 1);
            Run r = runs.get(i);
            assertThat(before.finished).as(job + ": run " + i + " finished").isNotNull();
            assertThat(r.started).as(job + ": run " + i + " starts after run " + (i - 1) + " finished").isAfterOrEqualTo(before.finished);
            assertThat(Duration.between(before.started, r.started)).as(job + ": from the start of run " + (i - 1) + " to run " + i)
                    .isGreaterThanOrEqualTo(period.minus(jitter));
            assertThat(Duration.between(before.finished, r.started)).as(job + ": from the end of run " + (i - 1) + " to run " + i)
                    .isLessThan(period.plus(LATENESS));
        }
    }

    /** Each kind of request at most once per period (a page asked twice in a period would be two nodes pulling it). */
    private static void checkRequestsOncePerPeriod(String server, List<Request> requests, Duration period) {
        Map<String, List<Instant>> byKind = new TreeMap<>();
        for (Request r : requests) {
            byKind.computeIfAbsent(r.kind, k -> new ArrayList<>()).add(r.at);
        }
        for (Map.Entry<String, List<Instant>> e : byKind.entrySet()) {
            List<Instant> at = e.getValue().stream().sorted().toList();
            for (int i = 1; i < at.size(); i++) {
                assertThat(Duration.between(at.get(i - 1), at.get(i))).as(server + ": " + e.getKey() + " asked again after")
                        .isGreaterThanOrEqualTo(period.minus(REQUEST_JITTER));
            }
        }
        LOG.info("{}: {}", server, byKind.entrySet().stream().map(e -> e.getValue().size() + " x " + e.getKey()).collect(Collectors.joining("; ")));
    }

    /**
     * A Pardot request without the value that moves from run to run (the date cursor, {@code ...AfterOrEqualTo}):
     * its method, object and parameters. A page token stays: a page asked twice would show.
     */
    private static String kind(String line) {
        int q = line.indexOf('?');
        if (q < 0) {
            return line;
        }
        String params = java.util.Arrays.stream(line.substring(q + 1).split("&")).map(p -> {
            int eq = p.indexOf('=');
            return eq > 0 && p.substring(0, eq).endsWith("AfterOrEqualTo") ? p.substring(0, eq) + "=<cursor>" : p;
        }).sorted().collect(Collectors.joining("&"));
        return line.substring(0, q) + "?" + params;
    }

    private static long pidOf(Run r) {
        return Long.parseLong(r.node.substring(0, r.node.indexOf('@')));
    }

    private static String byNode(List<Run> runs, Map<Long, Integer> nodeOfPid) {
        return runs.stream().collect(Collectors.groupingBy(r -> nodeOfPid.getOrDefault(pidOf(r), -1), TreeMap::new, Collectors.counting())).toString();
    }

    private static List<Run> jobRuns(PostgresServer pg, String job) throws Exception {
        return runs(pg, "SELECT id, node, started_at, finished_at, outcome FROM job_run WHERE job = ? ORDER BY started_at, id", job);
    }

    /** Google Ads' scheduled runs, from the sync history (one row per run and customer). */
    private static List<Run> syncRuns(PostgresServer pg, String flow) throws Exception {
        return runs(pg, "SELECT id, 'n/a@sync_log', started_at, finished_at, status FROM sync_log WHERE flow = ? AND trigger_type = 'schedule'"
                + " ORDER BY started_at, id", flow);
    }

    private static List<Run> runs(PostgresServer pg, String sql, String arg) throws Exception {
        List<Run> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", ""); var ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp finished = rs.getTimestamp(4);
                    out.add(new Run(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), finished == null ? null : finished.toInstant(),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }
}
