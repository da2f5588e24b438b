package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.api.ApiClient;
import io.odoohub.error.RoutePolicies;
import io.odoohub.testsupport.HubRuntime;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route names one of the hub's route configurations ({@link RoutePolicies#ALL}): each route of a running hub with
 * every connector, a catalog schedule and notifications on, and each route of every YAML file in {@code routes/}
 * (also those of a connector that is off). A route added without one fails here.
 */
class RouteConfigurationsIT {

    private static final String ADMIN = "it-admin-token-0123456789-abcdefghij";
    private static final Pattern ROUTE = Pattern.compile("^- route:\\s*$", Pattern.MULTILINE);
    private static final Pattern ID = Pattern.compile("^\\s+id:\\s*(\\S+)", Pattern.MULTILINE);
    private static final Pattern CONFIGURATION = Pattern.compile("^\\s+routeConfigurationId:\\s*(\\S+)", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void everyRouteOfARunningHubNamesADeclaredRouteConfiguration() throws Exception {
        try (HubRuntime hub = HubRuntime.start(dir.resolve("data"), Map.of(
                "hub.admin-token", ADMIN,
                "hub.shopify.shop", "routes-test.myshopify.com",
                "hub.pardot.business-unit-id", "0Uv000000000001",
                "hub.pardot.pull-delay-ms", "3600000",
                "hub.notify.webhook-url", "http://127.0.0.1:9/notify",
                "hub.google-ads.enabled", "true", "hub.google-ads.customer-ids", "1234567890"))) {
            HttpResponse<String> schedule = new ApiClient(hub.httpPort()).send("POST", "/api/v1/odoo/schedules", ADMIN,
                    "{\"name\":\"nightly\",\"cron_expression\":\"0 3 * * *\",\"sync_direction\":\"to_odoo\",\"enabled\":true}");
            assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(201);

            List<Route> routes = hub.context().getRoutes();
            assertThat(routes).extracting(Route::getRouteId).contains("webhook-shopify", "webhook-pardot", "webhook-catalog-products",
                    "pardot-pull-prospects", "google-ads-metrics", "shopify-push", "inbox-shopify", "apply-shopify", "hub-dead-letter",
                    "hub-notify", "history-retention", "api-flows-list", "product-files")
                    .anySatisfy(id -> assertThat(id).startsWith("catalog-schedule-"));
            assertThat(routes).allSatisfy(r -> assertThat(r.getConfigurationId())
                    .as("route %s (from %s) must name one of %s", r.getRouteId(), r.getEndpoint().getEndpointBaseUri(), RoutePolicies.ALL)
                    .isIn(RoutePolicies.ALL));
        }
    }

    @Test
    void aRouteASwitchedOnConnectorNeedsMissingFromTheRoutesFolderStopsTheStartNamingIt() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path f : shipped.filter(f -> f.toString().endsWith(".camel.yaml") && !f.endsWith("shopify-webhook.camel.yaml")).toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Map<String, String> settings = Map.of("hub.admin-token", ADMIN, "hub.console.enabled", "false",
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        // Shopify off: it needs nothing, the hub runs without the file
        try (HubRuntime hub = HubRuntime.start(dir.resolve("off"), settings)) {
            assertThat(hub.context().getRoute("webhook-shopify")).isNull();
            assertThat(hub.context().getRoute("apply-shopify")).isNotNull();
        }
        Map<String, String> on = new java.util.HashMap<>(settings);
        on.put("hub.shopify.shop", "routes-test.myshopify.com");
        assertThatThrownBy(() -> HubRuntime.start(dir.resolve("on"), on).close())
                .hasStackTraceContaining("shopify: webhook-shopify").hasStackTraceContaining("HUB_ROUTES_DIR");
    }

    @Test
    void everyRouteInTheRoutesFolderNamesADeclaredRouteConfiguration() throws Exception {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList()) {
                String yaml = Files.readString(f);
                Matcher m = ROUTE.matcher(yaml);
                List<Integer> starts = new ArrayList<>();
                while (m.find()) {
                    starts.add(m.start());
                }
                starts.add(yaml.length());
                for (int i = 0; i + 1 < starts.size(); i++) {
                    String route = yaml.substring(starts.get(i), starts.get(i + 1));
                    Matcher id = ID.matcher(route);
                    String name = f.getFileName() + " " + (id.find() ? id.group(1) : "#" + (i + 1));
                    Matcher c = CONFIGURATION.matcher(route);
                    assertThat(c.find()).as("%s names no routeConfigurationId", name).isTrue();
                    assertThat(c.group(1)).as(name).isIn(RoutePolicies.ALL);
                    checked.add(name);
                }
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(13);
    }
}
