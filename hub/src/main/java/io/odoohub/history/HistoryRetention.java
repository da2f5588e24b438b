package io.odoohub.history;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sync history older than {@code hub.history.retention-days}; the route {@code history-retention} of
 * {@code routes/hub-housekeeping.camel.yaml} calls it once an hour (bean {@value #BEAN}).
 */
public final class HistoryRetention {

    public static final String BEAN = "historyRetention";
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

    private final SyncLog syncLog;
    private final int retentionDays;
    private final Clock clock;

    public HistoryRetention(SyncLog syncLog, int retentionDays, Clock clock) {
        this.syncLog = syncLog;
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    /** Deletes what is older than the retention; answers how many rows went. */
    public int purge() {
        int n = syncLog.purgeBefore(clock.instant().minus(Duration.ofDays(retentionDays)));
        if (n > 0) {
            LOG.info("Sync history: deleted {} row(s) older than {} days", n, retentionDays);
        }
        return n;
    }
}
