package io.odoohub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.inbox.Inbox;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.LogCapture;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.testsupport.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Odoo refuses connections for 20 s, then answers 503 for 10 s, while 100 events arrive: every event is
 * acknowledged at once, none becomes a dead letter, and all are in Odoo within 30 s of recovery. A slow Odoo that
 * drops connections and fails to serialize now and then gets every event written once, none dead.
 * Runs on the default retry settings. The outage is made by the proxy in front of the Odoo, so it is the same on the
 * sandbox and on the real server.
 */
@Tag(TestOdoo.TAG)
class OutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(OutageIT.class);

    @TempDir
    Path dataDir;

    @Test
    void everythingIsWrittenSoonAfterOdooRecovers() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (TestOdoo odoo = TestOdoo.start();
             HubRuntime hub = HubRuntime.start(dataDir, settings(odoo))) {
            Webhooks webhooks = new Webhooks(hub.httpPort(), "outage-test-secret");
            odoo.faults().refuseConnections(true);
            CompletableFuture<Void> to503 = new CompletableFuture<>();
            CompletableFuture<Void> recovered = new CompletableFuture<>();
            scheduler.schedule(() -> {
                odoo.faults().refuseConnections(false);
                odoo.faults().httpStatus(503, Integer.MAX_VALUE);
                to503.complete(null);
            }, 20, TimeUnit.SECONDS);
            scheduler.schedule(() -> {
                odoo.faults().clear();
                recovered.complete(null);
            }, 30, TimeUnit.SECONDS);

            // 100 events over the first 25 seconds of the outage
            List<CompletableFuture<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                CompletableFuture<Integer> status = new CompletableFuture<>();
                statuses.add(status);
                scheduler.schedule(() -> {
                    try {
                        status.complete(webhooks.send("outage-" + n, Webhooks.product("O-" + n, "Outage " + n, "3", null)).statusCode());
                    } catch (Exception e) {
                        status.completeExceptionally(e);
                    }
                }, 250L * i, TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < statuses.size(); i++) {
                assertThat(statuses.get(i).get(40, TimeUnit.SECONDS)).as("event %d acknowledged during the outage", i).isEqualTo(200);
            }
            to503.get(40, TimeUnit.SECONDS);
            recovered.get(40, TimeUnit.SECONDS);
            long recoveredAt = System.nanoTime();
            Inbox inbox = hub.bean("inbox", Inbox.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> odoo.searchRead("product.template",
                    List.of(List.of("default_code", "=like", "O-%")), List.of("id")).size() == 100);
            // settled: nothing waits, so that no dead letter can still come
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inbox.depth(CatalogProductFlow.FLOW) == 0);
            LOG.info("FIGURE outage: all 100 events in Odoo {} ms after recovery",
                    (System.nanoTime() - recoveredAt) / 1_000_000);
            assertThat(hub.bean("deadLetterStore", DeadLetterStore.class).count(null)).isZero();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aSlowOdooThatDropsConnectionsAndFailsToSerializeLosesAndDuplicatesNothing() throws Exception {
        try (TestOdoo odoo = TestOdoo.start();
             HubRuntime hub = HubRuntime.start(dataDir, settings(odoo));
             LogCapture logs = LogCapture.attach()) {
            Webhooks webhooks = new Webhooks(hub.httpPort(), "outage-test-secret");
            odoo.faults().latency(Duration.ofMillis(500));
            odoo.faults().dropConnections(3);
            odoo.faults().serializationFailure(3);
            for (int i = 0; i < 50; i++) {
                assertThat(webhooks.send("flaky-" + i, Webhooks.product("F-" + i, "Flaky " + i, "4", null)).statusCode())
                        .as("event %d acknowledged while Odoo is slow and flaky", i).isEqualTo(200);
            }
            Inbox inbox = hub.bean("inbox", Inbox.class);
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> odoo.searchRead("product.template",
                    List.of(List.of("default_code", "=like", "F-%")), List.of("id")).size() == 50
                    && inbox.depth(CatalogProductFlow.FLOW) == 0);
            assertThat(odoo.searchRead("product.template", List.of(List.of("default_code", "=like", "F-%")), List.of("default_code")))
                    .extracting(r -> r.get("default_code")).doesNotHaveDuplicates().hasSize(50);
            assertThat(hub.bean("deadLetterStore", DeadLetterStore.class).count(null)).isZero();
            assertThat(odoo.faults().faultsPending()).as("every drop and serialization failure was answered to the hub").isZero();
            // logged just after the batch that wrote them returns
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logs.text())
                    .as("the hub waited them out as an outage").containsPattern("target reachable again after \\d+ failed tries"));
        }
    }

    private static Map<String, String> settings(TestOdoo odoo) {
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.catalog.webhook-secret", "outage-test-secret");
        settings.put("hub.retry.initial-delay-ms", "1000");
        settings.put("hub.retry.max-delay-ms", "60000");
        return settings;
    }
}
