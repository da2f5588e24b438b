package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.HubRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing a YAML route reloads it; the Java routes (error policy, dead letters) stay. */
class RoutesReloadIT {

    @TempDir
    Path dir;

    @Test
    void yamlRoutesReloadWithoutLosingJavaRoutes() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.copy(Path.of("routes/product-files.camel.yaml"), routes.resolve("product-files.camel.yaml"));
        Files.writeString(routes.resolve("ping.camel.yaml"), ping("ping-v1"));
        try (HubRuntime hub = HubRuntime.start(dir.resolve("data"), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml",
                "camel.main.routes-reload-enabled", "true",
                "camel.main.routes-reload-directory", routes.toString()))) {
            assertThat(hub.context().getRoute("ping-v1")).isNotNull();
            assertThat(hub.context().getRoute("product-files")).isNotNull();

            Files.writeString(routes.resolve("ping.camel.yaml"), ping("ping-v2"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> hub.context().getRoute("ping-v2") != null);

            assertThat(hub.context().getRoute("ping-v1")).isNull();
            assertThat(hub.context().getRoute("hub-dead-letter")).as("Java route kept").isNotNull();
            assertThat(hub.context().getRoute("product-files")).isNotNull();
        }
    }

    private static String ping(String id) {
        return """
                - route:
                    id: %s
                    routeConfigurationId: hub-error-policy
                    from:
                      uri: timer:%s
                      parameters:
                        period: 60000
                      steps:
                        - log: "%s"
                """.formatted(id, id, id);
    }
}
