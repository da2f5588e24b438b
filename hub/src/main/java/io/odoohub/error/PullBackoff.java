package io.odoohub.error;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pause-with-backoff, the {@link RetryModel}'s mechanism for scheduled pulls: a pull that failed in a retryable way
 * is not run again before {@link #delay} (the {@code hub.retry.pull.*} schedule, doubling with each failure in a row,
 * or the source's own "come back after" when that is longer), and never later than its regular period; any other
 * failure waits for the period. The schedule's tick asks {@link #due}, then {@link #run}s the job. Jobs that keep their run state elsewhere
 * (Google Ads, in the database) use {@link #delay} only; the others keep it here, in memory: after a restart a pull
 * runs at its first tick, as it always did.
 */
public final class PullBackoff {

    /** A job's state: failures in a row, the earliest next run, the last failure's message. */
    public record Job(int failures, Instant notBefore, String lastError) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PullBackoff.class);

    private final RetrySettings settings;
    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    public PullBackoff(RetrySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The wait after the {@code failures}-th retryable failure in a row: the schedule's, or the failure's own when longer. */
    public Duration delay(int failures, Throwable failure) {
        Duration d = settings.delay(failures);
        Duration asked = FailureClassifier.retryAfterOf(failure);
        return asked != null && asked.compareTo(d) > 0 ? asked : d;
    }

    /** True when the job has never run here, or its period or its backoff has passed. */
    public boolean due(String job) {
        Job j = jobs.get(job);
        return j == null || !clock.instant().isBefore(j.notBefore());
    }

    /** The job ran: the next run is a period away, and the failures in a row are forgotten. */
    public void succeeded(String job, Duration period) {
        jobs.put(job, new Job(0, clock.instant().plus(period), null));
    }

    /**
     * The job failed: a retryable failure comes back after {@link #delay}, at most a period away; any other after the
     * period. Answers the wait.
     */
    public Duration failed(String job, Throwable failure, Duration period) {
        Job before = jobs.get(job);
        int failures = before == null ? 1 : before.failures() + 1;
        Duration wait = period;
        if (FailureClassifier.isRetryable(failure)) {
            Duration d = delay(failures, failure);
            wait = d.compareTo(period) < 0 ? d : period;
        }
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        jobs.put(job, new Job(failures, clock.instant().plus(wait), message));
        return wait;
    }

    /**
     * Runs a job now and keeps how it went: a success answers the work's result; a retryable failure is logged and
     * answers {@code failedValue} (the job comes back after its backoff); any other is thrown as well, for the route.
     */
    public <T> T run(String job, Duration period, Supplier<T> work, T failedValue) {
        try {
            T result = work.get();
            succeeded(job, period);
            return result;
        } catch (RuntimeException e) {
            Duration wait = failed(job, e, period);
            if (!FailureClassifier.isRetryable(e)) {
                throw e;
            }
            LOG.warn("Scheduled job {} failed ({}); trying again in {} s", job, e.getMessage(), wait.toSeconds());
            return failedValue;
        }
    }

    /** The job's state here, or null before its first run. */
    public Job job(String job) {
        return jobs.get(job);
    }
}
