package io.odoohub.pardot.flow;

import io.odoohub.error.PullBackoff;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * What the scheduled routes call; does nothing while the connector is not configured. The routes are Quartz
 * triggers in the cluster's job store, each firing on one node every {@code hub.pardot.tick-ms}, and call the
 * {@code *IfDue} methods: a job runs once its period has passed since its
 * last run, or, after a retryable failure (Pardot busy, unreachable, a transient code), once the shared
 * pause-with-backoff has passed ({@link PullBackoff}: {@code hub.retry.pull.*}, at least {@code hub.pardot.backoff-ms},
 * never later than the period). A failed run moves no cursor, so the next one reads the same again and the inbox
 * drops what it already has. The methods without {@code IfDue} run now (tests, operators).
 */
public final class PardotSchedule {

    public static final String PROSPECTS = "prospects";
    static final String ACTIVITIES = "activities";
    static final String PUSH = "push";

    /**
     * The regular period of each job ({@code hub.pardot.pull-period-ms}, {@code activity-period-ms},
     * {@code push-period-ms}), and the wait after the runtime's start before the schedules run any
     * ({@code hub.pardot.pull-delay-ms}).
     */
    public record Periods(Duration prospects, Duration activities, Duration push, Duration startDelay) {
    }

    private final boolean enabled;
    private final PardotPuller puller;
    private final PipelinePusher pusher;
    private final PullBackoff backoff;
    private final Periods periods;

    public PardotSchedule(boolean enabled, PardotPuller puller, PipelinePusher pusher, PullBackoff backoff, Periods periods) {
        this.enabled = enabled;
        this.puller = puller;
        this.pusher = pusher;
        this.backoff = backoff;
        this.periods = periods;
    }

    public int pullProspects() {
        return run(PROSPECTS, periods.prospects(), puller::pullProspects);
    }

    public int pullActivities() {
        return run(ACTIVITIES, periods.activities(), puller::pullActivities);
    }

    public int push() {
        return run(PUSH, periods.push(), pusher::push);
    }

    public int pullProspectsIfDue() {
        return enabled ? backoff.runIfDue(PROSPECTS, periods.prospects(), periods.startDelay(), puller::pullProspects, 0) : 0;
    }

    public int pullActivitiesIfDue() {
        return enabled ? backoff.runIfDue(ACTIVITIES, periods.activities(), periods.startDelay(), puller::pullActivities, 0) : 0;
    }

    public int pushIfDue() {
        return enabled ? backoff.runIfDue(PUSH, periods.push(), periods.startDelay(), pusher::push, 0) : 0;
    }

    /** A job's pause-with-backoff state (failures in a row, next run, last error), or null before its first run. */
    public PullBackoff.Job state(String job) {
        return backoff.job(job);
    }

    /** Runs a job; a retryable failure is logged and waits for its backoff, any other is thrown to the route as well. */
    private int run(String job, Duration period, IntSupplier work) {
        return enabled ? backoff.run(job, period, work::getAsInt, 0) : 0;
    }
}
