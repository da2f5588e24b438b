package io.odoohub.history;

import java.time.Instant;

/**
 * One record written (or refused) by a flow: a row of the sync history.
 *
 * @param direction   {@code inbound} (into Odoo) or {@code outbound} (from Odoo)
 * @param status      {@code success}, {@code failed} or {@code skipped}
 * @param triggerType what started it: {@code event}, {@code file}, {@code schedule}, {@code replay}, {@code api}
 */
public record SyncRecord(long id, String flow, String direction, String sourceKey, String odooModel, Integer odooId,
                         String status, String fieldsSynced, long durationMs, Instant startedAt, Instant finishedAt,
                         String triggerType, String batchId, String errorMessage, String errorDetails) {
}
