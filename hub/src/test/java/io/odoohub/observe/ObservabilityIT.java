package io.odoohub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.inbox.FlowControl;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health, metrics and notifications through the real runtime: per-flow readiness over HTTP while the flow is paused
 * and resumed, the Prometheus series after a product file with a bad row, and a webhook receiver on loopback. The
 * unreachable Odoo is the proxy in front of it refusing connections.
 */
@Tag(TestOdoo.TAG)
class ObservabilityIT {

    private static final String FLOW = CatalogProductFlow.FLOW;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "observability-it-admin-token-0123456789";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private TestOdoo odoo;
    private HubRuntime hub;

    @BeforeEach
    void setUp() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/ops", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = JSON.readValue(in, Map.class);
                received.add(body);
            } catch (IOException e) {
                received.add(Map.of("unreadable", e.getMessage()));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        odoo = TestOdoo.start();
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.notify.webhook-url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/ops");
        settings.put("hub.notify.dead-letter-threshold", "0");
        settings.put("hub.notify.check-period-ms", "200");
        settings.put("hub.observe.cache-ms", "500");
        settings.put("hub.inbox.outage-probe-max-ms", "300");
        settings.put("hub.admin-token", ADMIN);
        hub = HubRuntime.start(dataDir, settings);
    }

    @AfterEach
    void tearDown() throws Exception {
        hub.close();
        odoo.close();
        receiver.stop(0);
    }

    @Test
    void aPausedFlowShowsInHealthWithItsReasonWhileTheProcessStaysReady() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full&data=true");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(checkOf(ready.body(), "flow:" + FLOW)).contains("\"status\": \"UP\"").contains("inbox.depth");
        });

        Instant resumeAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        flowControl().pause(FLOW, "Odoo \"maintenance\" window", "ops-alice", resumeAt);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full&data=true");
            // still ready: the paused flow's events are acknowledged and wait in the inbox
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            String check = checkOf(ready.body(), "flow:" + FLOW);
            assertThat(check).contains("\"status\": \"UP\"").contains("\"state\": \"paused\"")
                    .contains("\"paused.reason\": \"Odoo 'maintenance' window\"")
                    .contains("\"paused.by\": \"ops-alice\"")
                    .contains("\"paused.since\": \"")
                    .contains("\"paused.resume-at\": \"" + resumeAt + "\"");
            assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("UP");
            assertThat(value(get("/observe/metrics").body(), "hub_flow_paused")).isEqualTo(1.0);
        });
        HttpResponse<String> live = get("/observe/health/live?exposureLevel=full");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(live.body()).doesNotContain("flow:" + FLOW);
        HttpResponse<String> all = get("/observe/health?exposureLevel=full");
        assertThat(all.body()).contains("flow:" + FLOW).contains("paused by ops-alice");

        flowControl().resume(FLOW, "ops-alice");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full&data=true");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(checkOf(ready.body(), "flow:" + FLOW)).contains("\"status\": \"UP\"");
        });
    }

    @Test
    void anUnreachableTargetShowsInHealthAndMetricsWhileTheEventsWait() throws Exception {
        odoo.faults().refuseConnections(true);
        drop("waiting.csv", """
                supplier_reference,title,ean,price,category
                U-1,Waiting mug,4006381333993,3.00,ROOT
                """);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full&data=true");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            String check = checkOf(ready.body(), "flow:" + FLOW);
            assertThat(check).contains("\"status\": \"UP\"").contains("\"state\": \"target_unreachable\"")
                    .contains("\"message\": \"target unreachable: ")
                    .contains("\"outage\": \"").contains("\"inbox.depth\": 1");
            String metrics = get("/observe/metrics").body();
            assertThat(value(metrics, "hub_flow_target_down")).isEqualTo(1.0);
            assertThat(value(metrics, "hub_inbox_depth")).isEqualTo(1.0);
        });
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
        assertThat(received).as("an outage is not a pause: no notification").isEmpty();

        odoo.faults().refuseConnections(false);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full&data=true");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(checkOf(ready.body(), "flow:" + FLOW)).contains("\"status\": \"UP\"").contains("\"inbox.depth\": 0");
        });
    }

    @Test
    void metricsCarryThePerFlowSeriesAfterAFileWithABadRow() throws Exception {
        drop("four.csv", """
                supplier_reference,title,ean,price,category
                M-1,Mug one,4006381333931,10.00,ROOT
                M-2,Mug two,4006381333948,11.00,ROOT
                M-3,Mug three,4006381333955,12.00,ROOT
                M-4,Broken price,4006381333962,twelve,ROOT
                """);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                deadLetters().count(FLOW) == 1 && odoo.searchRead("product.template",
                        List.of(List.of("default_code", "like", "M-")), List.of("name")).size() == 3);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> response = get("/observe/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            String text = response.body();
            assertThat(value(text, "hub_events_received_total")).isEqualTo(4.0);
            assertThat(value(text, "hub_events_written_total")).isEqualTo(3.0);
            assertThat(value(text, "hub_events_failed_total")).isEqualTo(1.0);
            assertThat(value(text, "hub_events_dead_total")).isEqualTo(1.0);
            assertThat(value(text, "hub_inbox_depth")).isEqualTo(0.0);
            assertThat(value(text, "hub_inbox_oldest_pending_seconds")).isEqualTo(0.0);
            assertThat(value(text, "hub_flow_paused")).isEqualTo(0.0);
            assertThat(value(text, "hub_dead_letters_open")).isEqualTo(1.0);
            // Camel's own route series come with camel-micrometer-prometheus
            assertThat(text).contains("camel_exchanges_total{").contains("routeId=\"product-files\"");
        });

        flowControl().pause(FLOW, "quota", "runtime", null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(value(get("/observe/metrics").body(), "hub_flow_paused")).isEqualTo(1.0));
    }

    @Test
    void theWebhookHearsOnceOfAPauseAndOnceOfTheThresholdCrossing() throws Exception {
        drop("one-bad.csv", """
                supplier_reference,title,ean,price,category
                W-1,Fine,4006381333979,5.00,ROOT
                W-2,Broken,4006381333986,five,ROOT
                """);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ofKind(Notification.DEAD_LETTERS_ABOVE_THRESHOLD).size() == 1);

        flowControl().pause(FLOW, "credentials refused", "runtime", null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ofKind(Notification.FLOW_PAUSED).size() == 1);

        // several checks later (every 200 ms), still exactly one of each
        Awaitility.await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(received).hasSize(2);
            assertThat(ofKind(Notification.FLOW_PAUSED)).singleElement().satisfies(n -> {
                assertThat(n).containsEntry("flow", FLOW);
                assertThat((String) n.get("message")).contains("paused by runtime").contains("credentials refused");
                assertThat(n.get("details")).asInstanceOf(InstanceOfAssertFactories.MAP)
                        .containsEntry("reason", "credentials refused");
            });
            assertThat(ofKind(Notification.DEAD_LETTERS_ABOVE_THRESHOLD)).singleElement().satisfies(n ->
                    assertThat((String) n.get("message")).contains("1 open dead letters (threshold 0)"));
        });
    }

    private List<Map<String, Object>> ofKind(String kind) {
        return received.stream().filter(n -> kind.equals(n.get("kind"))).toList();
    }

    private FlowControl flowControl() {
        return hub.bean("flowControl", FlowControl.class);
    }

    private DeadLetterStore deadLetters() {
        return hub.bean("deadLetterStore", DeadLetterStore.class);
    }

    /** With a token: health shows its checks only to a caller of the management API. */
    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON object of one check in Camel's health answer, as text. */
    private static String checkOf(String body, String name) throws IOException {
        for (var check : JSON.readTree(body).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check.toPrettyString().replace("\" : ", "\": ");
            }
        }
        throw new AssertionError("no check " + name + " in " + body);
    }

    /** The value of a series of the flow in the Prometheus text. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + "\\{flow=\"" + Pattern.quote(FLOW) + "\"[^}]*\\} (\\S+)$").matcher(text);
        assertThat(m.find()).as(series + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Drops a product file; ROOT stands for a top-level category of this Odoo ("All" up to Odoo 18, "Goods" in 19). */
    private void drop(String name, String content) throws IOException {
        Path tmp = Files.createTempFile(dataDir, "drop", ".tmp");
        Files.writeString(tmp, content.replace(",ROOT\n", "," + odoo.rootCategory().name() + "\n"));
        Files.move(tmp, dataDir.resolve("drop/products").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
