package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.Webhooks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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

/**
 * HTTP load for the webhook benchmarks from wrk (Debian's package; bin/bench installs it): a C program in its own
 * process, so the figures are the hub's and not those of a Java client sharing its 2 cores. Requests are built
 * beforehand (signed, one event each) and written to a file that {@code bench/requests.lua} sends. Each connection
 * has a wrk thread of its own, so it behaves as one client sending one request after the other (and a thread knows
 * when its last answer is in).
 */
final class WrkLoad {

    static final Path WRK = Path.of("/usr/bin/wrk");

    /** One request: its headers and its body (one line of JSON). */
    record Request(Map<String, String> headers, String body) {
    }

    /** What wrk measured: requests answered, the run's length, acknowledgement latency, and the requests that failed. */
    record Result(long requests, long durationUs, long p50Us, long p90Us, long p99Us, long maxUs, long errors) {

        static String ms(long us) {
            return String.format("%.1f", us / 1e3);
        }
    }

    private final Path dir;
    private final Path script;

    /** Signed catalog webhooks, each a new product ({@code prefix-i}) with its own event id. */
    static List<Request> catalogProducts(String secret, String prefix, int count) {
        List<Request> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String body = Webhooks.product(prefix + "-" + i, prefix + " product " + i, "1", null);
            out.add(new Request(Map.of("Content-Type", "application/json", "X-Hub-Event-Id", prefix.toLowerCase() + "-" + i,
                    "X-Hub-Signature-256", Webhooks.signature(secret, body)), body));
        }
        return out;
    }

    WrkLoad(Path dir) throws IOException {
        assertThat(Files.isExecutable(WRK)).as("wrk is needed for this benchmark: apt-get install wrk (bin/bench does it)").isTrue();
        this.dir = dir;
        this.script = dir.resolve("requests.lua");
        try (InputStream in = WrkLoad.class.getResourceAsStream("/bench/requests.lua")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes the requests file wrk reads. */
    Path write(String name, Iterable<Request> requests) throws IOException {
        Path file = dir.resolve(name + ".requests");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Request r : requests) {
                for (Map.Entry<String, String> h : r.headers().entrySet()) {
                    w.write(h.getKey() + ": " + h.getValue() + "\t");
                }
                if (r.body().indexOf('\n') >= 0 || r.body().indexOf('\t') >= 0) {
                    throw new IllegalArgumentException("a request body must be one line without tabs");
                }
                w.write(r.body());
                w.write('\n');
            }
        }
        return file;
    }

    /** Sends requests for {@code seconds} over {@code connections}, starting a slice again when it runs out. */
    Result forSeconds(String url, Path requests, int connections, int seconds) throws Exception {
        Process p = start(List.of(url), requests, connections, seconds + "s", false, "unused");
        return finish(p, Duration.ofSeconds(seconds + 60L));
    }

    /**
     * Sends every request once, then stops wrk as soon as every connection has all its answers.
     */
    Result once(String url, Path requests, int connections, Duration atMost) throws Exception {
        return once(List.of(url), requests, connections, atMost);
    }

    /**
     * The same over several nodes: connection {@code i} sends to {@code urls.get(i % urls.size())} (the same path on each,
     * that of the first), so the requests are spread round robin as a balancer without sticky sessions spreads them.
     */
    Result once(List<String> urls, Path requests, int connections, Duration atMost) throws Exception {
        // markers of this run only (wrk must be asleep in its run when it is interrupted, or it sleeps on to the end)
        String marker = dir.resolve(requests.getFileName() + ".done-").toString();
        for (int t = 0; t < connections; t++) {
            Files.deleteIfExists(Path.of(marker + t));
        }
        Process p = start(urls, requests, connections, atMost.toSeconds() + "s", true, marker);
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int t = 0; t < connections; t++) {
                if (!Files.exists(Path.of(marker + t))) {
                    return !p.isAlive();
                }
            }
            return true;
        });
        // wrk prints its summary and calls done() when interrupted, as on Ctrl-C
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        return finish(p, Duration.ofSeconds(30));
    }

    private Process start(List<String> urls, Path requests, int connections, String duration, boolean once, String marker) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(WRK.toString(), "-t" + connections, "-c" + connections, "-d" + duration,
                "--timeout", "10s", "-s", script.toString(), urls.get(0), "--", requests.toString(), String.valueOf(connections),
                once ? "1" : "0", marker));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (urls.size() > 1) {
            // requests.lua's setup() reads it (the arguments after "--" reach only the threads' init())
            pb.environment().put("WRK_NODES", String.join(" ", urls.stream().map(u -> {
                URI uri = URI.create(u);
                return uri.getHost() + ":" + uri.getPort();
            }).toList()));
        }
        return pb.start();
    }

    private static Result finish(Process p, Duration atMost) throws Exception {
        assertThat(p.waitFor(atMost.toSeconds(), TimeUnit.SECONDS)).as("wrk finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("wrk exit code; output:\n" + out).isZero();
        String line = out.lines().filter(l -> l.startsWith("WRK ")).findFirst()
                .orElseThrow(() -> new AssertionError("wrk printed no WRK line:\n" + out));
        Map<String, Long> f = new LinkedHashMap<>();
        for (String kv : line.substring(4).trim().split(" ")) {
            String[] parts = kv.split("=");
            f.put(parts[0], Long.parseLong(parts[1]));
        }
        long errors = f.get("connect") + f.get("read") + f.get("write") + f.get("status") + f.get("timeout");
        return new Result(f.get("requests"), f.get("duration_us"), f.get("p50_us"), f.get("p90_us"), f.get("p99_us"), f.get("max_us"), errors);
    }
}
