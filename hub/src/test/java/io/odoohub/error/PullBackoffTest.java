package io.odoohub.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import io.odoohub.store.HubDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled pulls' pause-with-backoff: doubling, capped, never past the period, the source's own wait honoured. */
class PullBackoffTest {

    private static final Duration PERIOD = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private HubDatabase db;
    private PullBackoff backoff;

    @BeforeEach
    void open() {
        db = HubDatabase.open("jdbc:h2:file:" + dir.resolve("hub"), "sa", "", 4);
        backoff = node();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Another node on the same database. */
    private PullBackoff node() {
        return new PullBackoff(new RetrySettings(0, 60_000, 2, 600_000), clock, db.dataSource());
    }

    /** A retryable failure that asks to come back after a given wait, as a client throws it. */
    static final class Busy extends RuntimeException implements RetryableFailure {
        private final Duration after;

        Busy(Duration after) {
            super("busy");
            this.after = after;
        }

        @Override
        public boolean isRetryable() {
            return true;
        }

        @Override
        public Duration retryAfter() {
            return after;
        }
    }

    @Test
    void aJobNeverRunIsDueAndASuccessWaitsForThePeriod() {
        assertThat(backoff.due("pull")).isTrue();
        backoff.succeeded("pull", PERIOD);
        assertThat(backoff.due("pull")).isFalse();
        clock.advance(PERIOD);
        assertThat(backoff.due("pull")).isTrue();
    }

    @Test
    void retryableFailuresBackOffDoublingUpToTheMaxAndNeverPastThePeriod() {
        RuntimeException down = new RuntimeException(new IOException("connection refused"));
        assertThat(backoff.failed("pull", down, PERIOD)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.due("pull")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(backoff.due("pull")).isTrue();
        assertThat(backoff.failed("pull", down, PERIOD)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.failed("pull", down, PERIOD)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.failed("pull", down, PERIOD)).isEqualTo(Duration.ofMinutes(8));
        assertThat(backoff.failed("pull", down, PERIOD)).as("the max").isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.failed("pull", down, Duration.ofMinutes(5))).as("never past the period").isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.job("pull").failures()).isEqualTo(6);
        backoff.succeeded("pull", PERIOD);
        assertThat(backoff.job("pull").failures()).isZero();
        assertThat(backoff.failed("pull", down, PERIOD)).as("a success forgets the failures").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theSourcesComeBackAfterWinsWhenLongerAndAPermanentFailureWaitsForThePeriod() {
        assertThat(backoff.failed("a", new Busy(Duration.ofMinutes(3)), PERIOD)).isEqualTo(Duration.ofMinutes(3));
        assertThat(backoff.failed("b", new Busy(Duration.ofSeconds(1)), PERIOD)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.failed("c", new IllegalStateException("a bug"), PERIOD)).isEqualTo(PERIOD);
        assertThat(backoff.job("c").lastError()).isEqualTo("a bug");
    }

    @Test
    void ticksLandingOnAnyNodeRunTheJobOncePerPeriodAndAKilledRunIsStillDueForTheNodeThatRecoversIt() {
        List<PullBackoff> nodes = List.of(backoff, node(), node());
        AtomicInteger runs = new AtomicInteger();
        for (int minute = 0; minute < 60; minute++) {
            // Quartz fires each tick on one node of the cluster: here in turn
            nodes.get(minute % 3).runIfDue("pull", PERIOD, Duration.ZERO, runs::incrementAndGet, 0);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(runs).as("an hour of ticks over three nodes, a 15-minute period").hasValue(4);
        // a node starts a due job and is killed before it says how it went (an Error stands for the kill: nothing recorded)
        try {
            nodes.get(0).runIfDue("slow", Duration.ofHours(2), Duration.ZERO, () -> {
                throw new Error("killed");
            }, 0);
        } catch (Error killed) {
            assertThat(killed).hasMessage("killed");
        }
        AtomicInteger slow = new AtomicInteger();
        nodes.get(1).runIfDue("slow", Duration.ofHours(2), Duration.ZERO, slow::incrementAndGet, 0);
        assertThat(slow).as("Quartz's recovery of the firing on another node runs it at once").hasValue(1);
        nodes.get(2).runIfDue("slow", Duration.ofHours(2), Duration.ZERO, slow::incrementAndGet, 0);
        assertThat(slow).as("then it waits for its period").hasValue(1);
    }

    @Test
    void aNodeRunsNoJobBeforeItsStartDelay() {
        AtomicInteger runs = new AtomicInteger();
        Duration delay = Duration.ofSeconds(30);
        assertThat(backoff.starting(delay)).isTrue();
        assertThat(backoff.runIfDue("pull", PERIOD, delay, runs::incrementAndGet, -1)).as("starting: not run").isEqualTo(-1);
        clock.advance(Duration.ofSeconds(29));
        backoff.runIfDue("pull", PERIOD, delay, runs::incrementAndGet, -1);
        assertThat(runs).hasValue(0);
        assertThat(backoff.due("pull")).as("a skipped tick leaves the job due").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(backoff.starting(delay)).isFalse();
        assertThat(backoff.runIfDue("pull", PERIOD, delay, runs::incrementAndGet, -1)).isEqualTo(1);
        assertThat(node().starting(delay)).as("counted from each node's own start").isTrue();
    }

    @Test
    void theRedeliveryScheduleIsTheInboxOne() {
        RetrySettings s = new RetrySettings(6, 1000, 2, 60_000);
        assertThat(s.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.delay(20)).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.withMaxDelay(Duration.ofMillis(10)).maxDelayMs()).as("never below the first delay").isEqualTo(1000);
    }

    @Test
    void runKeepsHowAJobWentAndThrowsOnlyWhatIsNotRetryable() {
        assertThat(backoff.run("pull", PERIOD, () -> 7, -1)).isEqualTo(7);
        assertThat(backoff.due("pull")).isFalse();
        clock.advance(PERIOD);
        assertThat(backoff.run("pull", PERIOD, () -> { throw new Busy(null); }, -1)).as("retryable: logged, not thrown").isEqualTo(-1);
        assertThat(backoff.job("pull").failures()).isEqualTo(1);
        assertThat(backoff.job("pull").notBefore()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        IllegalStateException bug = new IllegalStateException("a bug");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backoff.run("pull", PERIOD, () -> { throw bug; }, -1)).isSameAs(bug);
        assertThat(backoff.job("pull").failures()).isEqualTo(2);
        assertThat(backoff.job("pull").notBefore()).as("a permanent failure waits for the period").isEqualTo(clock.instant().plus(PERIOD));
        assertThat(new io.odoohub.history.JobRuns(db.dataSource(), clock).of("pull")).as("each run recorded, with this node")
                .extracting(r -> r.outcome() + " " + r.node() + " " + r.error())
                .containsExactly("success " + io.odoohub.history.JobRuns.NODE + " null", "failed " + io.odoohub.history.JobRuns.NODE + " busy",
                        "failed " + io.odoohub.history.JobRuns.NODE + " a bug");
    }
}
