package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.CatalogProductFlow;
import io.odoohub.inbox.FlowControl;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import io.odoohub.testsupport.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbox intake: 32 concurrent senders post signed catalog webhooks to the running hub (H2 file store); each
 * request is verified, stored and acknowledged while the flow is paused. Prints events/s and acknowledgement
 * p50/p99/max; then the flow resumes and the drain's time to write every event into the sandbox is printed.
 * The senders run in the same JVM as the hub and the sandbox, on the machine's 2 cores.
 * Run: mvn -B -Pbench test
 */
@Tag("benchmark")
class InboxIntakeBenchmarkTest {

    private static final int SENDERS = 32;
    private static final int EVENTS = 20_000;
    private static final String SECRET = "intake-benchmark-secret";

    @TempDir
    Path dataDir;

    @Test
    void intakeWith32Senders() throws Exception {
        try (OdooSandbox odoo = SandboxClients.start();
             HubRuntime hub = HubRuntime.start(dataDir, Map.of(
                     "odoo.url", odoo.url(), "odoo.db", SandboxClients.DB,
                     "odoo.username", SandboxClients.LOGIN, "odoo.api-key", SandboxClients.KEY,
                     "hub.webhooks.catalog.secret", SECRET, "hub.console.enabled", "false"))) {
            Webhooks webhooks = new Webhooks(hub.httpPort(), SECRET);
            for (int i = 0; i < 200; i++) { // warm-up, not measured
                webhooks.send("warm-" + i, Webhooks.product("WARM-" + i, "Warm " + i, "1", null));
            }
            // intake alone: the flow is paused while events arrive (they wait in the inbox), drained afterwards
            hub.bean("flowControl", FlowControl.class).pause(CatalogProductFlow.FLOW, "benchmark: intake alone", "benchmark", null);
            long[] latencies = new long[EVENTS];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
                        String body = Webhooks.product("BENCH-" + i, "Bench " + i, "1", null);
                        long start = System.nanoTime();
                        try {
                            if (webhooks.send("bench-" + i, body).statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - start;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            assertThat(failures).hasValue(0);
            Arrays.sort(latencies);
            Figures.report("inbox intake, " + SENDERS + " senders, H2: events/s", String.format("%.0f", EVENTS / seconds));
            Figures.report("inbox intake: acknowledgement p50 ms", String.format("%.1f", latencies[EVENTS / 2] / 1e6));
            Figures.report("inbox intake: acknowledgement p99 ms", String.format("%.1f", latencies[(int) (EVENTS * 0.99)] / 1e6));
            Figures.report("inbox intake: acknowledgement max ms", String.format("%.1f", latencies[EVENTS - 1] / 1e6));

            long drainStart = System.nanoTime();
            hub.bean("flowControl", FlowControl.class).resume(CatalogProductFlow.FLOW, "benchmark");
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    odoo.searchRead("product.template", List.of(List.of("default_code", "=like", "BENCH-%")), List.of("id")).size() == EVENTS);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            Figures.report("inbox drain: " + EVENTS + " waiting events into the sandbox, s", String.format("%.1f", drainSeconds));
            Figures.report("inbox drain: events/s", String.format("%.0f", EVENTS / drainSeconds));
        }
    }
}
