package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.CatalogProductFlow;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.Inbox;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import io.odoohub.testsupport.Webhooks;
import io.odoohub.webhook.HmacVerifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbox intake: 32 concurrent HTTP connections post signed catalog webhooks to the running hub (H2 file store), each
 * verified, stored (committed) and acknowledged while the flow is paused. The load comes from wrk (Debian's package,
 * {@code bin/bench} installs it), a separate process in C, so the figure is the hub's and not the cost of a Java
 * client sharing its 2 cores. Every request carries its own event id; the count of stored events is checked
 * against the acknowledgements. Then the flow resumes and the drain's time to write every stored event into the
 * sandbox is printed. Run: bin/bench (or mvn -B -Pbench test -Dtest=InboxIntakeBenchmarkTest).
 */
@Tag("benchmark")
class InboxIntakeBenchmarkTest {

    private static final int CONNECTIONS = 32;
    private static final int WRK_THREADS = 2;
    private static final int MEASURE_SECONDS = 6;
    /** More unique events than 6 s can take at 13,000/s, so that no request in the measured run is a duplicate. */
    private static final int EVENTS = 80_000;
    private static final String SECRET = "intake-benchmark-secret";

    @TempDir
    Path dataDir;

    @Test
    void intakeWith32Connections() throws Exception {
        Path wrk = Path.of("/usr/bin/wrk");
        assertThat(Files.isExecutable(wrk)).as("wrk is needed for this benchmark: apt-get install wrk (bin/bench does it)").isTrue();
        Path script = dataDir.resolve("intake.lua");
        try (InputStream in = getClass().getResourceAsStream("/bench/intake.lua")) {
            Files.copy(in, script);
        }
        try (OdooSandbox odoo = SandboxClients.start();
             HubRuntime hub = HubRuntime.start(dataDir.resolve("hub"), Map.of(
                     "odoo.url", odoo.url(), "odoo.db", SandboxClients.DB,
                     "odoo.username", SandboxClients.LOGIN, "odoo.api-key", SandboxClients.KEY,
                     "hub.webhooks.catalog.secret", SECRET, "hub.console.enabled", "false"))) {
            String url = "http://127.0.0.1:" + hub.httpPort() + "/webhooks/catalog/products";
            Inbox inbox = hub.bean("inbox", Inbox.class);
            FlowControl flows = hub.bean("flowControl", FlowControl.class);
            // intake alone: the flow is paused while events arrive (they wait in the inbox), drained afterwards
            flows.pause(CatalogProductFlow.FLOW, "benchmark: intake alone", "benchmark", null);

            Map<String, Long> warm = runWrk(wrk, script, requests("WARM", 20_000), url, 5);
            assertThat(warm.get("status") + warm.get("connect") + warm.get("read") + warm.get("timeout")).as("warm-up errors").isZero();
            long before = inbox.depth(CatalogProductFlow.FLOW);

            Map<String, Long> run = runWrk(wrk, script, requests("BENCH", EVENTS), url, MEASURE_SECONDS);
            long errors = run.get("status") + run.get("connect") + run.get("read") + run.get("write") + run.get("timeout");
            long stored = inbox.depth(CatalogProductFlow.FLOW) - before;
            assertThat(errors).as("requests that were not acknowledged with 200").isZero();
            assertThat(run.get("requests")).as("all measured requests carry new events").isLessThanOrEqualTo(EVENTS);
            // wrk stops in the middle of requests still in flight: each of those may or may not have been stored
            assertThat(stored).as("stored events against acknowledgements").isBetween(run.get("requests"), run.get("requests") + CONNECTIONS);
            double seconds = run.get("duration_us") / 1e6;
            Figures.report("inbox intake, " + CONNECTIONS + " connections (wrk), H2: events/s", String.format("%.0f", run.get("requests") / seconds));
            Figures.report("inbox intake: acknowledgement p50 ms", String.format("%.1f", run.get("p50_us") / 1e3));
            Figures.report("inbox intake: acknowledgement p90 ms", String.format("%.1f", run.get("p90_us") / 1e3));
            Figures.report("inbox intake: acknowledgement p99 ms", String.format("%.1f", run.get("p99_us") / 1e3));
            Figures.report("inbox intake: acknowledgement max ms", String.format("%.1f", run.get("max_us") / 1e3));
            Figures.report("inbox intake: events stored / acknowledged", stored + " / " + run.get("requests"));

            long waiting = inbox.depth(CatalogProductFlow.FLOW);
            long drainStart = System.nanoTime();
            flows.resume(CatalogProductFlow.FLOW, "benchmark");
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> inbox.depth(CatalogProductFlow.FLOW) == 0);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            int inOdoo = odoo.searchRead("product.template", List.of(List.of("default_code", "=like", "BENCH-%")), List.of("id")).size();
            assertThat((long) inOdoo).as("every stored BENCH event is a product in the sandbox").isEqualTo(stored);
            Figures.report("inbox drain: " + waiting + " waiting events into the sandbox, s", String.format("%.1f", drainSeconds));
            Figures.report("inbox drain: events/s", String.format("%.0f", waiting / drainSeconds));
        }
    }

    /** A requests file for intake.lua: one signed webhook a line (event id, signature, body), each a new product. */
    private Path requests(String prefix, int count) throws IOException {
        Path file = dataDir.resolve(prefix + ".requests");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String body = Webhooks.product(prefix + "-" + i, prefix + " product " + i, "1", null);
                String signature = "sha256=" + HmacVerifier.sign(SECRET, body.getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.HEX);
                w.write(prefix.toLowerCase() + "-" + i + "\t" + signature + "\t" + body + "\n");
            }
        }
        return file;
    }

    /** Runs wrk for {@code seconds} and returns the figures of its WRK line. */
    private static Map<String, Long> runWrk(Path wrk, Path script, Path requests, String url, int seconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(wrk.toString(), "-t" + WRK_THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), url, "--", requests.toString(), String.valueOf(WRK_THREADS)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(seconds + 60L, TimeUnit.SECONDS)).as("wrk finished").isTrue();
        assertThat(p.exitValue()).as("wrk exit code; output:\n" + out).isZero();
        String line = out.lines().filter(l -> l.startsWith("WRK ")).findFirst()
                .orElseThrow(() -> new AssertionError("wrk printed no WRK line:\n" + out));
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String kv : line.substring(4).trim().split(" ")) {
            String[] parts = kv.split("=");
            figures.put(parts[0], Long.parseLong(parts[1]));
        }
        return figures;
    }
}
