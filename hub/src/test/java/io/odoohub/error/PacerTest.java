package io.odoohub.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared pacer: a call is never let through before the bucket holds its cost, nor a sixth at once of five. */
class PacerTest {

    /** A clock that the sleeper moves: a wait is exactly the time that passes before the call. */
    private static final class FakeTime extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void sleep(long millis) {
            sleeps.add(millis);
            now = now.plusMillis(millis);
        }
    }

    @Test
    void aCallWaitsUntilTheBucketHoldsItsCostAndNotLonger() throws Exception {
        FakeTime time = new FakeTime();
        Pacer pacer = Pacer.costBucket(time, time::sleep);
        assertThat(pacer.awaitCost(30)).as("no bucket seen yet: nothing to wait for").isZero();
        // 40 at most, 10 left, 10 a second back: 30 points are there in 2 s
        pacer.observe(new Pacer.Bucket(40, 10, 10, time.now));
        pacer.awaitCost(30);
        assertThat(time.sleeps).containsExactly(2000L);
        assertThat(pacer.bucket().availableAt(time.now)).as("the call went when its cost was there").isGreaterThanOrEqualTo(30);
        assertThat(pacer.bucket().availableAt(time.now.minusMillis(1))).as("and not later than that").isLessThan(30);
        // a cost the bucket holds goes at once; one over its maximum waits for a full bucket
        assertThat(pacer.awaitCost(5)).isZero();
        pacer.observe(new Pacer.Bucket(40, 0, 10, time.now));
        assertThat(pacer.awaitCost(1000)).isEqualTo(4000);
        assertThat(pacer.waitedMillis()).isEqualTo(6000);
    }

    @Test
    void aHoldTheSourceAskedForDelaysEveryCall() throws Exception {
        FakeTime time = new FakeTime();
        Pacer pacer = Pacer.costBucket(time, time::sleep);
        pacer.holdUntil(time.now.plusMillis(250));
        pacer.holdUntil(time.now.plusMillis(100)); // a shorter hold does not shorten it
        assertThat(pacer.awaitCost(0)).isEqualTo(250);
        assertThat(pacer.awaitCost(0)).as("once passed, no more").isZero();
        // a hold and a short bucket: the longer wait
        pacer.observe(new Pacer.Bucket(100, 0, 100, time.now));
        pacer.holdUntil(time.now.plus(Duration.ofMillis(300)));
        assertThat(pacer.awaitCost(50)).isEqualTo(500);
    }

    @Test
    void aSendTheRateLimitRefusedGoesAgainAfterTheWaitAskedAtTheCostSaid() throws Exception {
        FakeTime time = new FakeTime();
        Pacer pacer = Pacer.costBucket(time, time::sleep);
        pacer.observe(new Pacer.Bucket(100, 100, 50, time.now));
        AtomicInteger sends = new AtomicInteger();
        String answer = pacer.paced(10, 8, () -> {
            if (sends.incrementAndGet() == 1) {
                // the source took the bucket meanwhile, did nothing and asks for 300 ms; the call costs 80 points
                pacer.observe(new Pacer.Bucket(100, 0, 50, time.now));
                throw new Pacer.Throttled(Duration.ofMillis(300), 80, new IllegalStateException("still refused"));
            }
            return "done";
        });
        assertThat(answer).isEqualTo("done");
        assertThat(sends).hasValue(2);
        // not after the 300 ms asked only: after the 1.6 s the 80 points need at 50 a second
        assertThat(time.sleeps).containsExactly(1600L);
    }

    @Test
    void aSendStillRefusedAtItsLastSendThrowsTheClientsFailure() {
        FakeTime time = new FakeTime();
        Pacer pacer = Pacer.costBucket(time, time::sleep);
        AtomicInteger sends = new AtomicInteger();
        IllegalStateException giveUp = new IllegalStateException("Shopify kept answering HTTP 429");
        assertThatThrownBy(() -> pacer.paced(0, 3, () -> {
            sends.incrementAndGet();
            throw new Pacer.Throttled(Duration.ofMillis(20), 0, giveUp);
        })).isSameAs(giveUp);
        assertThat(sends).hasValue(3);
        assertThat(time.sleeps).as("held between the sends, not after the last").containsExactly(20L, 20L);
    }

    @Test
    void neverMoreCallsAtOnceThanItsSlots() throws Exception {
        Pacer pacer = Pacer.atMostAtOnce(5);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    try (Pacer.Slot slot = pacer.slot()) {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.sleep(20);
                        running.decrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : calls) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).as("calls at once").isEqualTo(5);
        assertThat(running.get()).isZero();
    }

    @Test
    void aLimitAtOnceIsAtLeastOne() {
        assertThatThrownBy(() -> Pacer.atMostAtOnce(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
