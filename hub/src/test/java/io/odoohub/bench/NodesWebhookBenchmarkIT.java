package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.HubProcess;
import io.odoohub.testsupport.PostgresServer;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook intake and drain with one runtime, then with three, on one PostgreSQL (Debian's server, started here) and
 * the Odoo of {@link TestOdoo} (the sandbox by default): each runtime a JVM of its own from the distributed jar
 * ({@link HubProcess#cluster}). wrk ({@link WrkLoad}) sends {@value #EVENTS} signed catalog webhooks, each a new product
 * with its own event id, over {@value #CONNECTIONS} connections spread round robin over the nodes, every request once;
 * the flow is not paused, so the nodes drain while they take webhooks in. Figures: acknowledged webhooks/s and the
 * acknowledgement latency, then the drain (from the first request to the inbox empty, every event applied in Odoo) and
 * the Odoo calls it made. A run only prints its figures once every event is in Odoo exactly once, none is left in the
 * inbox and there is no dead letter. Before each measured run, {@value #WARM_UP} events warm the nodes up.
 *
 * <p>The nodes, PostgreSQL, the sandbox and wrk share the machine's cores: on 2 cores three nodes cannot be faster than
 * one, and the three-node figure shows what coordinating through the database costs.
 *
 * <p>Run: {@code bin/bench -o -Dtest=none -Dit.test=NodesWebhookBenchmarkIT} (builds the jar).
 */
@Tag("benchmark")
class NodesWebhookBenchmarkIT {

    private static final int CONNECTIONS = 30;
    private static final int EVENTS = 1_500;
    private static final int WARM_UP = 300;
    private static final String SECRET = "nodes-benchmark-secret";

    @TempDir
    Path dir;

    @Test
    void oneNode() throws Exception {
        measure(1);
    }

    @Test
    void threeNodes() throws Exception {
        measure(3);
    }

    private void measure(int count) throws Exception {
        String label = count + (count == 1 ? " node" : " nodes") + ", PostgreSQL, " + (TestOdoo.real() ? "real Odoo" : "sandbox");
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        WrkLoad wrk = new WrkLoad(dir);
        try (PostgresServer pg = PostgresServer.start(); TestOdoo odoo = TestOdoo.start()) {
            Map<String, String> env = new HashMap<>(odoo.hubEnvironment());
            env.put("HUB_CONSOLE_ENABLED", "false");
            env.put("HUB_CATALOG_WEBHOOK_SECRET", SECRET);
            List<HubProcess> nodes = HubProcess.cluster(dir.resolve("nodes-" + count), count, pg, env);
            try {
                List<String> urls = nodes.stream().map(n -> "http://127.0.0.1:" + n.httpPort() + "/webhooks/catalog/products").toList();
                WrkLoad.Result warm = wrk.once(urls, wrk.write("warm-" + count, WrkLoad.catalogProducts(SECRET, "WARM" + run, WARM_UP)), CONNECTIONS,
                        Duration.ofMinutes(2));
                assertThat(warm.errors()).as("warm-up errors").isZero();
                awaitInboxEmpty(pg);
                odoo.resetCounters();

                Path bench = wrk.write("bench-" + count, WrkLoad.catalogProducts(SECRET, "NB" + run, EVENTS));
                String loadBefore = loadAverage();
                long start = System.nanoTime();
                WrkLoad.Result r = wrk.once(urls, bench, CONNECTIONS, Duration.ofMinutes(3));
                double intakeSeconds = (System.nanoTime() - start) / 1e9;
                awaitInboxEmpty(pg);
                double drainSeconds = (System.nanoTime() - start) / 1e9;

                // a figure only for a run that did everything once
                assertThat(r.errors()).as("requests not acknowledged with 200").isZero();
                assertThat(r.requests()).as("acknowledged").isEqualTo(EVENTS);
                assertThat(pg.count("SELECT COUNT(*) FROM dead_letter")).as("dead letters").isZero();
                assertThat(pg.count("SELECT COUNT(*) FROM inbox_event WHERE status <> 'done'")).as("events not done").isZero();
                List<Map<String, Object>> products = odoo.searchRead("product.template",
                        List.of(List.of("default_code", "=like", "NB" + run + "-%")), List.of("default_code"));
                assertThat(products.stream().map(p -> p.get("default_code")).distinct().count()).as("every product").isEqualTo(EVENTS);
                assertThat(products).as("no product twice").hasSize(EVENTS);
                long retried = pg.count("SELECT COUNT(*) FROM inbox_event WHERE attempts > 1");

                Figures.report("webhooks, " + label + ": acknowledged webhooks/s (" + EVENTS + " catalog webhooks, " + CONNECTIONS
                        + " wrk connections round robin)", String.format("%.0f", EVENTS / (r.durationUs() / 1e6)));
                Figures.report("webhooks, " + label + ": acknowledgement p50 / p90 / p99 / max ms", WrkLoad.Result.ms(r.p50Us()) + " / "
                        + WrkLoad.Result.ms(r.p90Us()) + " / " + WrkLoad.Result.ms(r.p99Us()) + " / " + WrkLoad.Result.ms(r.maxUs()));
                Figures.report("webhooks, " + label + ": drain, first request to inbox empty, s", String.format("%.1f (last answer at %.1f)",
                        drainSeconds, intakeSeconds));
                Figures.report("webhooks, " + label + ": drain events/s (every event once in Odoo, inbox empty, no dead letter)",
                        String.format("%.0f", EVENTS / drainSeconds));
                Figures.report("webhooks, " + label + ": Odoo requests during the run", odoo.requestCount() + " " + odoo.callsByMethod());
                Figures.report("webhooks, " + label + ": events claimed more than once", retried);
                // the cores are shared: a figure taken while other work ran says so
                Figures.report("webhooks, " + label + ": load average (1 min) before / after the run", loadBefore + " / " + loadAverage());
            } finally {
                for (HubProcess n : nodes) {
                    n.close();
                }
            }
        }
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static void awaitInboxEmpty(PostgresServer pg) {
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> pg.count("SELECT COUNT(*) FROM inbox_event WHERE status = 'pending'") == 0);
    }
}
