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
        // the hub's routes/ as shipped (the drains, housekeeping and catalog routes are YAML too), and one more route
        try (var shipped = Files.list(Path.of("routes"))) {
            for (Path f : shipped.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Files.writeString(routes.resolve("ping.camel.yaml"), ping(60000));
        try (HubRuntime hub = HubRuntime.start(dir.resolve("data"), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml",
                "camel.main.routes-reload-enabled", "true",
                "camel.main.routes-reload-directory", routes.toString()))) {
            assertThat(hub.context().getRoute("ping").getEndpoint().getEndpointUri()).contains("period=60000");
            assertThat(hub.context().getRoute("product-files")).isNotNull();

            Files.writeString(routes.resolve("ping.camel.yaml"), ping(30000));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> hub.context().getRoute("ping") != null
                    && hub.context().getRoute("ping").getEndpoint().getEndpointUri().contains("period=30000"));

            assertThat(hub.context().getRoute("hub-dead-letter")).as("Java route kept").isNotNull();
            assertThat(hub.context().getRoute("product-files")).isNotNull();
            assertThat(hub.context().getRoute("inbox-catalog-products")).as("route made from a template kept").isNotNull();
        }
    }

    private static String ping(int period) {
        return """
                - route:
                    id: ping
                    routeConfigurationId: hub-error-policy
                    from:
                      uri: timer:ping
                      parameters:
                        period: %d
                      steps:
                        - log: "ping every %d ms"
                """.formatted(period, period);
    }
}
