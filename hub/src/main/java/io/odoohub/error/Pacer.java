package io.odoohub.error;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pacing, not retrying: waits before a call so that a source's rate limit is not hit. The hub's one pacer, for two
 * kinds of limit:
 * <ul>
 *   <li>{@link #atMostAtOnce calls at once} (Pardot's five): {@link #slot()} waits for a free slot;</li>
 *   <li>a {@link #costBucket cost bucket} (Shopify GraphQL's leaky bucket): {@link #awaitCost} waits until the
 *       bucket last {@link #observe observed} holds the call's cost, and until a wait the source asked for
 *       ({@link #holdUntil}) has passed.</li>
 * </ul>
 * A refusal for the rate limit itself (the source did nothing and says when to come back: Shopify's THROTTLED answer,
 * an HTTP 429) is pacing too: {@link #paced} holds every call for the wait asked, then sends again once the bucket
 * holds the cost, at most a given number of sends, and only then throws the client's retryable failure. The client
 * does not loop: it sends once and classifies the answer. Any other failure is not the pacer's business: the client
 * classifies it and throws ({@link RetryableFailure}), and the {@link RetryModel} retries.
 */
public final class Pacer {

    /** Waits; tests replace it to count or shorten waits. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** A slot taken by {@link #slot()}: closing it frees it. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A leaky bucket as seen at {@code seenAt}: at most {@code maximumAvailable} points, {@code currentlyAvailable}
     * then, refilled at {@code restoreRate} points a second (Shopify's {@code extensions.cost.throttleStatus}).
     */
    public record Bucket(double maximumAvailable, double currentlyAvailable, double restoreRate, Instant seenAt) {

        /** Points available at {@code now}: the bucket refills at restoreRate per second, up to the maximum. */
        public double availableAt(Instant now) {
            double seconds = Math.max(0, (now.toEpochMilli() - seenAt.toEpochMilli()) / 1000.0);
            return Math.min(maximumAvailable, currentlyAvailable + seconds * restoreRate);
        }

        /** Milliseconds to wait until {@code cost} points are available (0 when they are; a cost over the maximum waits for a full bucket). */
        public long waitMillisFor(double cost, Instant now) {
            double missing = Math.min(cost, maximumAvailable) - availableAt(now);
            if (missing <= 0 || restoreRate <= 0) {
                return 0;
            }
            return (long) Math.ceil(missing / restoreRate * 1000.0);
        }
    }

    /** One send of a call: answers the source's result, or throws {@link Throttled} when the rate limit refused it. */
    public interface Send<T> {
        T send() throws Throttled;
    }

    /**
     * The source refused a send for its rate limit and did nothing: send again after {@code wait}, once the bucket
     * holds {@code cost}; {@code giveUp} is what the call throws when it is still refused at its last send (retryable,
     * with the source's wait as its "come back after").
     */
    public static final class Throttled extends Exception {
        private final Duration wait;
        private final double cost;
        private final transient RuntimeException giveUp;

        public Throttled(Duration wait, double cost, RuntimeException giveUp) {
            super(giveUp.getMessage(), null, false, false);
            this.wait = wait;
            this.cost = cost;
            this.giveUp = giveUp;
        }

        public Duration waitAsked() {
            return wait;
        }
    }

    private static final Slot NO_SLOT = () -> { };

    private final Semaphore slots;
    private final Clock clock;
    private final Sleeper sleeper;
    private volatile Bucket bucket;
    private volatile Instant heldUntil = Instant.EPOCH;
    private final AtomicLong waitedMillis = new AtomicLong();

    private Pacer(int atOnce, Clock clock, Sleeper sleeper) {
        this.slots = atOnce > 0 ? new Semaphore(atOnce, true) : null;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** At most {@code calls} at once; a call waits for a free slot, first come first served. */
    public static Pacer atMostAtOnce(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("at least one call at once, not " + calls);
        }
        return new Pacer(calls, Clock.systemUTC(), Thread::sleep);
    }

    /** A cost bucket, learnt from the source's answers ({@link #observe}); no wait before the first is seen. */
    public static Pacer costBucket(Clock clock, Sleeper sleeper) {
        return new Pacer(0, clock, sleeper);
    }

    /** Waits for a free slot (none to wait for without a limit at once); close the slot when the call is done. */
    public Slot slot() throws InterruptedException {
        if (slots == null) {
            return NO_SLOT;
        }
        slots.acquire();
        return slots::release;
    }

    /** The bucket as the source last told it. */
    public void observe(Bucket seen) {
        bucket = seen;
    }

    /** The source asked for no call before {@code until} (a Retry-After): every call waits for it. */
    public void holdUntil(Instant until) {
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
        }
    }

    /**
     * Waits until the bucket holds {@code cost} points and any hold has passed; answers the milliseconds waited.
     * An {@link InterruptedException} is the caller's to classify.
     */
    public long awaitCost(double cost) throws InterruptedException {
        Instant now = clock.instant();
        long wait = Math.max(0, heldUntil.toEpochMilli() - now.toEpochMilli());
        Bucket b = bucket;
        if (b != null && cost > 0) {
            wait = Math.max(wait, b.waitMillisFor(cost, now));
        }
        if (wait > 0) {
            waitedMillis.addAndGet(wait);
            sleeper.sleep(wait);
        }
        return wait;
    }

    /**
     * Sends a call of estimated {@code cost} once the bucket holds it; a send the rate limit refused holds every call
     * for the wait the source asked and goes again at the cost it said, {@code maxSends} sends at most, after which the
     * last refusal's failure is thrown. An {@link InterruptedException} is the caller's to classify.
     */
    public <T> T paced(double cost, int maxSends, Send<T> send) throws InterruptedException {
        double next = cost;
        for (int sends = 1; ; sends++) {
            awaitCost(next);
            try {
                return send.send();
            } catch (Throttled t) {
                if (sends >= maxSends) {
                    throw t.giveUp;
                }
                holdUntil(clock.instant().plus(t.wait));
                next = t.cost;
            }
        }
    }

    /** The bucket last observed, or null. */
    public Bucket bucket() {
        return bucket;
    }

    /** Milliseconds waited for the bucket and holds since start. */
    public long waitedMillis() {
        return waitedMillis.get();
    }
}
