package io.odoohub.shopify.client;

import java.time.Instant;

/** {@code extensions.cost.throttleStatus} of a GraphQL answer, and when it was seen. */
public record ThrottleStatus(double maximumAvailable, double currentlyAvailable, double restoreRate, Instant seenAt) {

    /** Points available at {@code now}: the bucket refills at restoreRate per second, up to the maximum. */
    public double availableAt(Instant now) {
        double seconds = Math.max(0, (now.toEpochMilli() - seenAt.toEpochMilli()) / 1000.0);
        return Math.min(maximumAvailable, currentlyAvailable + seconds * restoreRate);
    }

    /** Milliseconds to wait until {@code cost} points are available (0 when they are). */
    public long waitMillisFor(double cost, Instant now) {
        double missing = Math.min(cost, maximumAvailable) - availableAt(now);
        if (missing <= 0 || restoreRate <= 0) {
            return 0;
        }
        return (long) Math.ceil(missing / restoreRate * 1000.0);
    }
}
