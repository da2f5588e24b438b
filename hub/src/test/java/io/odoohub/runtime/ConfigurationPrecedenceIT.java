package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.Ports;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application.properties in the working folder wins over the copy inside the jar; environment variables win over both. */
class ConfigurationPrecedenceIT {

    @TempDir
    Path dir;

    @Test
    void theEditedFileAndThenTheEnvironmentWin() throws Exception {
        Path jar = Path.of(System.getProperty("odoohub.jar", "hub/target/odoo-hub.jar")).toAbsolutePath();
        String edited = Files.readString(Path.of("application.properties"))
                .replace("camel.main.name = odoo-hub", "camel.main.name = edited-hub")
                .replace("{{env:HUB_SANDBOX_DEMO_FILE:samples/products.csv}}", "{{env:HUB_SANDBOX_DEMO_FILE:}}");
        Files.writeString(dir.resolve("application.properties"), edited);
        Files.createDirectories(dir.resolve("routes"));
        Files.copy(Path.of("routes/product-files.camel.yaml"), dir.resolve("routes/product-files.camel.yaml"));
        Path log = dir.resolve("hub.log");
        int port = Ports.free();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ODOO_") || k.startsWith("HUB_"));
        pb.environment().put("HUB_HTTP_PORT", String.valueOf(port));
        pb.environment().put("HUB_SANDBOX_PORT", String.valueOf(Ports.free()));
        pb.environment().put("HUB_CONSOLE_PORT", String.valueOf(Ports.free()));
        pb.environment().put("HUB_DATA_DIR", dir.resolve("data").toString());
        Process p = pb.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(p.isAlive()).as("runtime alive; log:%n%s", Files.readString(log)).isTrue();
                String text = Files.readString(log);
                // the endpoint summary is logged just after "started in": wait for both
                return text.contains(") started in") && text.contains("/observe/health");
            });
            String text = Files.readString(log);
            assertThat(text).contains("Apache Camel 4.18.0 (edited-hub) started");
            assertThat(text).contains("0.0.0.0:" + port + "/observe/health");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
