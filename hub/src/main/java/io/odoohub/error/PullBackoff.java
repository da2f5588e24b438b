package io.odoohub.error;

import io.odoohub.history.JobRuns;
import io.odoohub.store.Jdbc;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pause-with-backoff, the {@link RetryModel}'s mechanism for scheduled pulls: a pull that failed in a retryable way
 * is not run again before {@link #delay} (the {@code hub.retry.pull.*} schedule, doubling with each failure in a row,
 * or the source's own "come back after" when that is longer), and never later than its regular period; any other
 * failure waits for the period. The schedule's tick calls {@link #runIfDue}.
 *
 * <p>The jobs' state is in the hub's database (table {@code pull_job}), shared by every node on it, so after a
 * restart, or on another node, a job runs when it is due, not at once. Which node runs a tick is not decided here:
 * the ticks are Quartz triggers in the clustered job store ({@code quartz://hub/...?stateful=true} in
 * {@code routes/}), each firing on one node and never while the job's previous firing still runs; a node that dies
 * during a firing has it run again by another (Quartz's recovery), which finds the job still due. A node does not
 * run a job before its start delay has passed ({@link #starting}). Jobs that keep their run state elsewhere (Google
 * Ads, in {@code google_ads_run}) use {@link #delay} and {@link #starting} only.
 */
public final class PullBackoff {

    /** A job's state: failures in a row, the earliest next run, the last failure's message. */
    public record Job(int failures, Instant notBefore, String lastError) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PullBackoff.class);

    private final RetrySettings settings;
    private final Clock clock;
    private final Jdbc jdbc;
    private final JobRuns runs;
    private final Instant startedAt;

    /** @param dataSource the hub's database, or null for a user of {@link #delay} and {@link #starting} only */
    public PullBackoff(RetrySettings settings, Clock clock, DataSource dataSource) {
        this.settings = settings;
        this.clock = clock;
        this.jdbc = dataSource == null ? null : new Jdbc(dataSource);
        this.runs = dataSource == null ? null : new JobRuns(dataSource, clock);
        this.startedAt = clock.instant();
    }

    /**
     * True while this node is younger than {@code startDelay} (counted from this object's creation, at the runtime's
     * start): its scheduled jobs wait, so that they neither run before the runtime is up nor in a test that starts
     * a runtime to run them by hand. A firing that lands on a starting node does nothing; the next tick runs the job.
     */
    public boolean starting(Duration startDelay) {
        return clock.instant().isBefore(startedAt.plus(startDelay));
    }

    /** The wait after the {@code failures}-th retryable failure in a row: the schedule's, or the failure's own when longer. */
    public Duration delay(int failures, Throwable failure) {
        Duration d = settings.delay(failures);
        Duration asked = FailureClassifier.retryAfterOf(failure);
        return asked != null && asked.compareTo(d) > 0 ? asked : d;
    }

    /** True when the job has never run, or its period or its backoff has passed (on any node). */
    public boolean due(String job) {
        Job j = job(job);
        return j == null || !clock.instant().isBefore(j.notBefore());
    }

    /** The job ran: the next run is a period away, and the failures in a row are forgotten. */
    public void succeeded(String job, Duration period) {
        save(job, 0, clock.instant().plus(period), null);
    }

    /**
     * The job failed: a retryable failure comes back after {@link #delay}, at most a period away; any other after the
     * period. Answers the wait.
     */
    public Duration failed(String job, Throwable failure, Duration period) {
        Job before = job(job);
        int failures = before == null ? 1 : before.failures() + 1;
        Duration wait = period;
        if (FailureClassifier.isRetryable(failure)) {
            Duration d = delay(failures, failure);
            wait = d.compareTo(period) < 0 ? d : period;
        }
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        save(job, failures, clock.instant().plus(wait), message.length() > 2000 ? message.substring(0, 2000) : message);
        return wait;
    }

    /**
     * The tick: when this node's start delay has passed and the job is due, runs it ({@link #run}); otherwise answers
     * {@code notRunValue}.
     */
    public <T> T runIfDue(String job, Duration period, Duration startDelay, Supplier<T> work, T notRunValue) {
        return !starting(startDelay) && due(job) ? run(job, period, work, notRunValue) : notRunValue;
    }

    /**
     * Runs a job now and keeps how it went (its state, and a row of {@link JobRuns} naming this node): a success
     * answers the work's result; a retryable failure is logged and answers {@code failedValue} (the job comes back
     * after its backoff); any other is thrown as well, for the route.
     */
    public <T> T run(String job, Duration period, Supplier<T> work, T failedValue) {
        jdbc();
        long run = runs.started(job);
        try {
            T result = work.get();
            succeeded(job, period);
            runs.finished(run, null);
            return result;
        } catch (RuntimeException e) {
            Duration wait = failed(job, e, period);
            runs.finished(run, e.getMessage() == null ? e.toString() : e.getMessage());
            if (!FailureClassifier.isRetryable(e)) {
                throw e;
            }
            LOG.warn("Scheduled job {} failed ({}); trying again in {} s", job, e.getMessage(), wait.toSeconds());
            return failedValue;
        }
    }

    /** The job's state, or null before its first run. */
    public Job job(String job) {
        return jdbc().one("could not read the state of job " + job, "SELECT failures, not_before, last_error FROM pull_job WHERE job = ?",
                rs -> new Job(rs.getInt(1), Jdbc.instant(rs, 2), rs.getString(3)), job).orElse(null);
    }

    private void save(String job, int failures, Instant notBefore, String error) {
        Timestamp at = Timestamp.from(notBefore);
        jdbc().upsert("could not record the state of job " + job,
                "UPDATE pull_job SET failures = ?, not_before = ?, last_error = ? WHERE job = ?", new Object[] {failures, at, error, job},
                "INSERT INTO pull_job (job, failures, not_before, last_error) VALUES (?, ?, ?, ?)", new Object[] {job, failures, at, error});
    }

    private Jdbc jdbc() {
        if (jdbc == null) {
            throw new IllegalStateException("this PullBackoff computes delays only: it has no database for job state");
        }
        return jdbc;
    }
}
