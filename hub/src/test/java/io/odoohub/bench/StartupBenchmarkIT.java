package io.odoohub.bench;

import io.odoohub.testsupport.Ports;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up to ready of java -jar hub/target/odoo-hub.jar (sandbox mode), 5 runs. Run: mvn -B -Pbench verify */
@Tag("benchmark")
class StartupBenchmarkIT {

    @TempDir
    Path dir;

    @Test
    void startupToReady() throws Exception {
        Path jar = Path.of(System.getProperty("odoohub.jar", "hub/target/odoo-hub.jar"));
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            int port = Ports.free();
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toAbsolutePath().toString())
                    .directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("run" + run + ".log").toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("ODOO_") || k.startsWith("HUB_"));
            pb.environment().put("HUB_HTTP_PORT", String.valueOf(port));
            pb.environment().put("HUB_SANDBOX_PORT", String.valueOf(Ports.free()));
            pb.environment().put("HUB_CONSOLE_PORT", String.valueOf(Ports.free()));
            pb.environment().put("HUB_DATA_DIR", dir.resolve("data" + run).toString());
            long t0 = System.nanoTime();
            Process p = pb.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build();
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                        .until(() -> {
                            HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                            return r.statusCode() == 200 && r.body().contains("UP");
                        });
                times.add((System.nanoTime() - t0) / 1_000_000);
            } finally {
                p.destroy();
                p.waitFor();
            }
        }
        Collections.sort(times);
        Figures.report("start-up to ready, java -jar, health UP (ms, 5 runs sorted)", times + ", median " + times.get(2));
    }
}
