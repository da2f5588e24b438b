package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.Inbox;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.PostgresServer;
import io.odoohub.testsupport.SandboxClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbox intake: 32 concurrent HTTP connections post signed catalog webhooks to the running hub (H2 file store, then
 * PostgreSQL), each
 * verified, stored (committed) and acknowledged while the flow is paused. The load comes from wrk ({@link WrkLoad}).
 * Every request carries its own event id; the count of stored events is checked against the acknowledgements. Then the flow resumes and the drain's time to write every stored event into the
 * sandbox is printed. Run: bin/bench (or mvn -B -Pbench test -Dtest=InboxIntakeBenchmarkTest).
 */
@Tag("benchmark")
class InboxIntakeBenchmarkTest {

    private static final int CONNECTIONS = 32;
    private static final int MEASURE_SECONDS = 6;
    /** More unique events than 6 s can take at 13,000/s, so that no request in the measured run is a duplicate. */
    private static final int EVENTS = 80_000;
    private static final String SECRET = "intake-benchmark-secret";

    @TempDir
    Path dataDir;

    @Test
    void intakeWith32Connections() throws Exception {
        measure("H2", Map.of());
    }

    /** The same on PostgreSQL (Debian's server, started here), for the intake on PostgreSQL against H2 on one node. */
    @Test
    void intakeWith32ConnectionsOnPostgres() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            measure("PostgreSQL", Map.of("hub.db.url", pg.jdbcUrl(), "hub.db.user", "postgres"));
        }
    }

    private void measure(String store, Map<String, String> database) throws Exception {
        WrkLoad wrk = new WrkLoad(dataDir);
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "hub.odoo.url", "", "hub.odoo.db", SandboxClients.DB,
                "hub.odoo.username", SandboxClients.LOGIN, "hub.odoo.api-key", SandboxClients.KEY,
                "hub.catalog.webhook-secret", SECRET, "hub.console.enabled", "false"));
        settings.putAll(database);
        try (OdooSandbox odoo = SandboxClients.start()) {
            settings.put("hub.odoo.url", odoo.url());
            try (HubRuntime hub = HubRuntime.start(dataDir.resolve("hub-" + store), settings)) {
                run(store, wrk, odoo, hub);
            }
        }
    }

    private void run(String store, WrkLoad wrk, OdooSandbox odoo, HubRuntime hub) throws Exception {
        String url = "http://127.0.0.1:" + hub.httpPort() + "/webhooks/catalog/products";
        Inbox inbox = hub.bean("inbox", Inbox.class);
        FlowControl flows = hub.bean("flowControl", FlowControl.class);
        // intake alone: the flow is paused while events arrive (they wait in the inbox), drained afterwards
        flows.pause(CatalogProductFlow.FLOW, "benchmark: intake alone", "benchmark", null);

        WrkLoad.Result warm = wrk.forSeconds(url, wrk.write("warm", WrkLoad.catalogProducts(SECRET, "WARM", 20_000)), CONNECTIONS, 5);
        assertThat(warm.errors()).as("warm-up errors").isZero();
        long before = inbox.depth(CatalogProductFlow.FLOW);

        WrkLoad.Result run = wrk.forSeconds(url, wrk.write("bench", WrkLoad.catalogProducts(SECRET, "BENCH", EVENTS)), CONNECTIONS, MEASURE_SECONDS);
        long stored = inbox.depth(CatalogProductFlow.FLOW) - before;
        assertThat(run.errors()).as("requests that were not acknowledged with 200").isZero();
        assertThat(run.requests()).as("all measured requests carry new events").isLessThanOrEqualTo(EVENTS);
        // wrk stops in the middle of requests still in flight: each of those may or may not have been stored
        assertThat(stored).as("stored events against acknowledgements").isBetween(run.requests(), run.requests() + CONNECTIONS);
        Figures.report("inbox intake, " + CONNECTIONS + " connections (wrk), " + store + ": events/s",
                String.format("%.0f", run.requests() / (run.durationUs() / 1e6)));
        Figures.report("inbox intake, " + store + ": acknowledgement p50 ms", WrkLoad.Result.ms(run.p50Us()));
        Figures.report("inbox intake, " + store + ": acknowledgement p90 ms", WrkLoad.Result.ms(run.p90Us()));
        Figures.report("inbox intake, " + store + ": acknowledgement p99 ms", WrkLoad.Result.ms(run.p99Us()));
        Figures.report("inbox intake, " + store + ": acknowledgement max ms", WrkLoad.Result.ms(run.maxUs()));
        Figures.report("inbox intake, " + store + ": events stored / acknowledged", stored + " / " + run.requests());

        long waiting = inbox.depth(CatalogProductFlow.FLOW);
        long drainStart = System.nanoTime();
        flows.resume(CatalogProductFlow.FLOW, "benchmark");
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> inbox.depth(CatalogProductFlow.FLOW) == 0);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        int inOdoo = odoo.searchRead("product.template", List.of(List.of("default_code", "=like", "BENCH-%")), List.of("id")).size();
        assertThat((long) inOdoo).as("every stored BENCH event is a product in the sandbox").isEqualTo(stored);
        Figures.report("inbox drain, " + store + ": " + waiting + " waiting events into the sandbox, s", String.format("%.1f", drainSeconds));
        Figures.report("inbox drain, " + store + ": events/s", String.format("%.0f", waiting / drainSeconds));
    }
}
