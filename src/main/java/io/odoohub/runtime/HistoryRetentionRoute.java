package io.odoohub.runtime;

import io.odoohub.error.RoutePolicies;
import io.odoohub.history.SyncLog;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.builder.RouteBuilder;

/** Once an hour (and at start), deletes sync history older than {@code hub.history.retention-days}. */
public class HistoryRetentionRoute extends RouteBuilder {

    private final SyncLog syncLog;
    private final int retentionDays;

    public HistoryRetentionRoute(SyncLog syncLog, int retentionDays) {
        this.syncLog = syncLog;
        this.retentionDays = retentionDays;
    }

    @Override
    public void configure() {
        from("timer:history-retention?delay=10000&period=3600000").routeId("history-retention").routeConfigurationId(RoutePolicies.HOUSEKEEPING)
                .process(e -> {
                    int n = syncLog.purgeBefore(Instant.now().minus(Duration.ofDays(retentionDays)));
                    if (n > 0) {
                        log.info("Sync history: deleted {} row(s) older than {} days", n, retentionDays);
                    }
                });
    }
}
