package io.odoohub.shopify.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.error.PullBackoff;
import io.odoohub.error.RetrySettings;
import io.odoohub.shopify.client.ShopifyApiException;
import io.odoohub.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import io.odoohub.store.HubDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Shopify schedules on the pause-with-backoff: nothing in the runtime's first push interval (first hour for the
 * reconciliation); a failing push is not tried on every tick, but after its backoff.
 */
class ShopifyScheduleTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private HubDatabase db;
    private PullBackoff backoff;

    @BeforeEach
    void open() {
        db = HubDatabase.open("jdbc:h2:file:" + dir.resolve("hub"), "sa", "", 2);
        backoff = new PullBackoff(new RetrySettings(0, 60_000, 2, 3_600_000), clock, db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }
    private static final Duration INTERVAL = Duration.ofMinutes(10);

    @Test
    void aFailingPushPausesWithBackoffAndThenRunsEveryInterval() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger failing = new AtomicInteger(2);
        ShopifySchedule schedule = new ShopifySchedule(() -> {
            runs.incrementAndGet();
            if (failing.getAndDecrement() > 0) {
                throw new ShopifyApiException("Shopify answered 503 to productVariantsBulkUpdate", 503, true, null);
            }
            return "pushed";
        }, () -> null, true, INTERVAL, false, backoff);
        schedule.pushIfDue();
        clock.advance(INTERVAL.minusSeconds(1));
        schedule.pushIfDue();
        assertThat(runs).as("not in the runtime's first push interval").hasValue(0);
        clock.advance(Duration.ofSeconds(1));
        schedule.pushIfDue();
        assertThat(runs).hasValue(1);
        for (int tick = 0; tick < 59; tick++) {
            clock.advance(Duration.ofSeconds(1));
            schedule.pushIfDue();
        }
        assertThat(runs).as("not again before the first backoff (1 minute)").hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        schedule.pushIfDue();
        assertThat(runs).hasValue(2);
        clock.advance(Duration.ofSeconds(119));
        schedule.pushIfDue();
        assertThat(runs).as("the second backoff doubles").hasValue(2);
        clock.advance(Duration.ofSeconds(1));
        schedule.pushIfDue();
        assertThat(runs).as("it succeeds").hasValue(3);
        assertThat(schedule.state(ShopifySchedule.PUSH).failures()).isZero();
        clock.advance(INTERVAL.minusSeconds(1));
        schedule.pushIfDue();
        assertThat(runs).hasValue(3);
        clock.advance(Duration.ofSeconds(1));
        schedule.pushIfDue();
        assertThat(runs).hasValue(4);
    }

    @Test
    void aThrottledPushComesBackNoEarlierThanShopifyAsked() {
        AtomicInteger runs = new AtomicInteger();
        ShopifySchedule schedule = new ShopifySchedule(() -> {
            runs.incrementAndGet();
            throw new ShopifyApiException("Shopify kept answering HTTP 429", 429, true, null, Duration.ofMinutes(3));
        }, () -> null, true, INTERVAL, false, backoff);
        clock.advance(INTERVAL);
        schedule.pushIfDue();
        assertThat(schedule.state(ShopifySchedule.PUSH).notBefore()).isEqualTo(clock.instant().plus(Duration.ofMinutes(3)));
    }

    @Test
    void offJobsDoNotRun() {
        AtomicInteger runs = new AtomicInteger();
        ShopifySchedule schedule = new ShopifySchedule(runs::incrementAndGet, runs::incrementAndGet, false, INTERVAL, false, backoff);
        schedule.pushIfDue();
        schedule.reconcileIfDue();
        assertThat(runs).hasValue(0);
    }

    @Test
    void theReconciliationRunsOnceADayAndAfterAFailureItsBackoff() {
        AtomicInteger runs = new AtomicInteger();
        ShopifySchedule schedule = new ShopifySchedule(() -> null, () -> {
            if (runs.incrementAndGet() == 1) {
                throw new ShopifyApiException("Shopify unreachable", 0, true, null);
            }
            return "report";
        }, false, INTERVAL, true, backoff);
        clock.advance(Duration.ofMinutes(59));
        schedule.reconcileIfDue();
        assertThat(runs).as("not in the runtime's first hour").hasValue(0);
        clock.advance(Duration.ofMinutes(1));
        schedule.reconcileIfDue();
        clock.advance(Duration.ofMinutes(1));
        schedule.reconcileIfDue();
        assertThat(runs).hasValue(2);
        clock.advance(Duration.ofHours(23));
        schedule.reconcileIfDue();
        assertThat(runs).hasValue(2);
        clock.advance(Duration.ofHours(1));
        schedule.reconcileIfDue();
        assertThat(runs).hasValue(3);
    }
}
