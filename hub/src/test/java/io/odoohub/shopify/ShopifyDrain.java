package io.odoohub.shopify;

import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.inbox.Inbox;
import io.odoohub.testsupport.HubRuntime;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/** For the Shopify tests: wait until the hub's Shopify inbox is empty, and fail on any dead letter. */
final class ShopifyDrain {

    private ShopifyDrain() {
    }

    static void awaitSettled(HubRuntime hub) {
        Inbox inbox = hub.bean("inbox", Inbox.class);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox.depth(ShopifyTopic.FLOW) == 0);
        Map<String, Long> counts = inbox.countsByStatus(ShopifyTopic.FLOW);
        assertThat(counts.getOrDefault("dead", 0L)).as("dead letters: %s", counts).isZero();
    }
}
