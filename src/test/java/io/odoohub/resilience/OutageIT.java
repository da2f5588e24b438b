package io.odoohub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.store.DeadLetterStore;
import io.odoohub.testsupport.HubRuntime;
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
 * acknowledged at once, none becomes a dead letter, and all are in Odoo within 30 s of recovery.
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
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> odoo.searchRead("product.template",
                    List.of(List.of("default_code", "=like", "O-%")), List.of("id")).size() == 100);
            LOG.info("FIGURE outage: all 100 events in Odoo {} ms after recovery",
                    (System.nanoTime() - recoveredAt) / 1_000_000);
            assertThat(hub.bean("deadLetterStore", DeadLetterStore.class).count(null)).isZero();
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static Map<String, String> settings(TestOdoo odoo) {
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.webhooks.catalog.secret", "outage-test-secret");
        settings.put("hub.retry.initial-delay-ms", "1000");
        settings.put("hub.retry.max-delay-ms", "60000");
        return settings;
    }
}
