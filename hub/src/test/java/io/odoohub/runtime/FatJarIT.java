package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import io.odoohub.testsupport.Ports;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's run command, as a user runs it: {@code java -jar hub/target/odoo-hub.jar} from the project folder with
 * no Odoo configured. The sandbox starts, the log says so, and the sample file's products land in it.
 * Settings come from environment variables, as in production.
 */
class FatJarIT {

    private static final Logger LOG = LoggerFactory.getLogger(FatJarIT.class);

    @TempDir
    Path dataDir;

    @Test
    void runsWithNothingConfiguredAndTheSampleProductsLandInTheSandbox() throws Exception {
        Path jar = Path.of(System.getProperty("odoohub.jar", "hub/target/odoo-hub.jar"));
        assertThat(jar).exists();
        int httpPort = Ports.free();
        int sandboxPort = Ports.free();
        Path log = dataDir.resolve("hub.log");
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ODOO_") || k.startsWith("HUB_"));
        env.put("HUB_HTTP_PORT", String.valueOf(httpPort));
        env.put("HUB_SANDBOX_PORT", String.valueOf(sandboxPort));
        env.put("HUB_CONSOLE_PORT", String.valueOf(Ports.free()));
        env.put("HUB_DATA_DIR", dataDir.resolve("data").toString());
        long started = System.nanoTime();
        Process process = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + httpPort + "/observe/health");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                assertThat(process.isAlive()).as("runtime process alive; log:%n%s", Files.readString(log)).isTrue();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("UP");
            });
            long readyMs = (System.nanoTime() - started) / 1_000_000;
            LOG.info("FIGURE start-up to ready (java -jar, health UP): {} ms", readyMs);

            assertThat(Files.readString(log)).contains("built-in Odoo SANDBOX").contains("127.0.0.1:" + sandboxPort);

            try (OdooClient odoo = new OdooClient(new XmlRpcTransport(URI.create("http://127.0.0.1:" + sandboxPort),
                    TransportSettings.defaults()), "sandbox", "admin", "admin")) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        odoo.searchRead("product.template", List.of(List.of("default_code", "like", "DEMO-")),
                                List.of("name"), null, 0, 0, null).size() == 5);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    Files.readString(log).contains("products.csv: 5 row(s) stored in the inbox")
                            && Files.readString(log).contains("Flow catalog-products: batch catalog-products-1: 5 written or skipped, 0 dead letter(s)"));
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError").doesNotContain("admin/admin");

            // nothing configured: the first start's credentials are in a file only the owner reads, and in no log line
            Path credentials = dataDir.resolve("data").resolve(FirstRunCredentials.FILE);
            Properties secrets = new Properties();
            secrets.load(new StringReader(Files.readString(credentials)));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            HttpResponse<String> flows = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/flows"))
                    .header("Authorization", "Bearer " + secrets.getProperty("api.token")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(flows.statusCode()).as(flows.body()).isEqualTo(200);
            assertThat(Files.readString(log)).contains(credentials.toAbsolutePath().toString())
                    .doesNotContain(secrets.getProperty("api.token")).doesNotContain(secrets.getProperty("console.password"));
        } finally {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(Files.readString(log)).contains("Closing state store");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
