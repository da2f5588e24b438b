package io.odoohub.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.error.RetrySettings;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A flow's own retry schedule (Pardot's: 5 minutes, doubling, at most 2 hours) and batch size beside the shared ones. */
class InboxDrainFlowRetryTest {

    @Test
    void aFlowWithItsOwnScheduleBacksOffByItAndTheOthersKeepTheSharedOne() {
        InboxDrain drain = new InboxDrain(null, null, null, null, null, new RetrySettings(6, 1000, 2, 60_000),
                new InboxDrain.Settings(10, Duration.ofSeconds(60), Duration.ofSeconds(5), "test"), Clock.systemUTC(), new FlowCounters());
        drain.useRetry("pardot-activities", new RetrySettings(6, 300_000, 2, 7_200_000));
        assertThat(drain.backoff("pardot-activities", 1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(drain.backoff("pardot-activities", 2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(drain.backoff("pardot-activities", 5)).isEqualTo(Duration.ofMinutes(80));
        assertThat(drain.backoff("pardot-activities", 6)).isEqualTo(Duration.ofHours(2));
        assertThat(drain.backoff("catalog-products", 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(drain.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFlowWithItsOwnBatchSizeClaimsThatManyAndTheOthersKeepTheShared() {
        InboxDrain drain = new InboxDrain(null, null, null, null, null, new RetrySettings(6, 1000, 2, 60_000),
                new InboxDrain.Settings(200, Duration.ofSeconds(60), Duration.ofSeconds(5), "test"), Clock.systemUTC(), new FlowCounters());
        drain.useBatchSize("shopify", 50);
        assertThat(drain.batchSize("shopify")).isEqualTo(50);
        assertThat(drain.batchSize("catalog-products")).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> drain.useBatchSize("shopify", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
