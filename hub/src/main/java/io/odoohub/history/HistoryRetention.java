package io.odoohub.history;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sync history and job runs ({@link JobRuns}) older than {@code hub.history.retention-days}; the route {@code history-retention} of
 * {@code routes/hub-housekeeping.camel.yaml} calls it once an hour (bean {@value #BEAN}).
 */
public final class HistoryRetention {

    public static final String BEAN = "historyRetention";
    /** Its name among the job runs. */
    public static final String JOB = "history purge";
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

    private final SyncLog syncLog;
    private final JobRuns jobRuns;
    private final int retentionDays;
    private final Clock clock;

    public HistoryRetention(SyncLog syncLog, JobRuns jobRuns, int retentionDays, Clock clock) {
        this.syncLog = syncLog;
        this.jobRuns = jobRuns;
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    /**
     * Deletes what is older than the retention (sync history and job runs), recording the run in {@link JobRuns} (job
     * {@value #JOB}); answers how many sync history rows went.
     */
    public int purge() {
        long run = jobRuns.started(JOB);
        try {
            java.time.Instant before = clock.instant().minus(Duration.ofDays(retentionDays));
            int n = syncLog.purgeBefore(before);
            int runs = jobRuns.purgeBefore(before);
            if (n + runs > 0) {
                LOG.info("Sync history: deleted {} row(s) and {} job run(s) older than {} days", n, runs, retentionDays);
            }
            jobRuns.finished(run, null);
            return n;
        } catch (RuntimeException e) {
            jobRuns.finished(run, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }
}
