package io.odoohub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.inbox.DeadLetterReplay;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.testsupport.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad event among 99 good ones: the 99 are written, the bad one becomes a dead letter with Odoo's reason;
 * once the cause is fixed in Odoo, its replay writes it exactly once, and a second replay is refused.
 */
@Tag(TestOdoo.TAG)
class PoisonIT {

    @TempDir
    Path dataDir;

    private TestOdoo odoo;

    @Test
    void theGoodAreWrittenThePoisonIsDeadAndItsReplayWritesItOnce() throws Exception {
        try (TestOdoo started = TestOdoo.start()) {
            odoo = started;
            Map<String, String> settings = odoo.hubSettings();
            settings.put("hub.catalog.webhook-secret", "poison-test-secret");
            try (HubRuntime hub = HubRuntime.start(dataDir, settings)) {
                Webhooks webhooks = new Webhooks(hub.httpPort(), "poison-test-secret");
                for (int i = 0; i < 100; i++) {
                    String category = i == 42 ? "Category that does not exist yet" : odoo.rootCategory().name();
                    assertThat(webhooks.send("poison-" + i, Webhooks.product("P-" + i, "Product " + i, "5", category)).statusCode())
                            .isEqualTo(200);
                }
                DeadLetterStore deadLetters = hub.bean("deadLetterStore", DeadLetterStore.class);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> products("P-").size() == 99
                        && deadLetters.count(CatalogProductFlow.FLOW) == 1);
                DeadLetter dead = deadLetters.list(CatalogProductFlow.FLOW, 10).get(0);
                assertThat(dead.sourceKey()).isEqualTo("P-42");
                assertThat(dead.reason()).contains("Category that does not exist yet");
                assertThat(dead.payload()).contains("\"supplier_reference\":\"P-42\"");
                assertThat(products("P-42")).isEmpty();

                // the cause is fixed in Odoo, as a user would (through the API), then the dead letter is replayed
                odoo.client().create("product.category", List.of(Map.of("name", "Category that does not exist yet")), null);
                DeadLetterReplay replay = hub.bean("deadLetterReplay", DeadLetterReplay.class);
                assertThat(replay.replay(dead.id(), "test")).isEqualTo(DeadLetterReplay.Result.REPLAYED);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> products("P-42").size() == 1);
                assertThat(replay.replay(dead.id(), "test")).isEqualTo(DeadLetterReplay.Result.NOT_DEAD);
                assertThat(products("P-")).hasSize(100);
                assertThat(deadLetters.find(dead.id()).orElseThrow().status()).isEqualTo("replayed");
            }
        }
    }

    private List<Map<String, Object>> products(String prefix) {
        return odoo.searchRead("product.template", List.of(List.of("default_code", "=like", prefix + "%")), List.of("default_code"));
    }
}
