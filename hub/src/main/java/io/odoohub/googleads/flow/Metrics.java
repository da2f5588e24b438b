package io.odoohub.googleads.flow;

import java.time.Duration;

/**
 * The metrics import.
 *
 * @param importPeriod            how often it runs
 * @param lookbackDays            days re-read on every run
 * @param firstRunDays            days read by the first run
 * @param structureRefresh        an unchanged campaign is written again after this
 * @param odooBatchSize           metric rows per Odoo write
 * @param reconciliationThreshold relative difference above which a day is flagged
 */
public record Metrics(Duration importPeriod, int lookbackDays, int firstRunDays, Duration structureRefresh, int odooBatchSize,
                      double reconciliationThreshold) {
}
