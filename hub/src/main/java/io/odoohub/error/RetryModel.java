package io.odoohub.error;

/**
 * The hub's one retry model: three mechanisms, each for one kind of work, all configured here ({@code hub.retry.*}).
 *
 * <table>
 *   <caption>Which mechanism retries what</caption>
 *   <tr><th>work</th><th>mechanism</th><th>where</th><th>settings</th></tr>
 *   <tr><td>a source route (a file dropped, a message taken from a source that keeps it until acknowledged)</td>
 *       <td>Camel redelivery, exponential backoff, then a dead letter</td>
 *       <td>{@link ErrorPolicy} (routes opt in with {@code routeConfigurationId: hub-error-policy})</td>
 *       <td>{@link #redelivery()}: {@code hub.retry.max-redeliveries}, {@code initial-delay-ms}, {@code multiplier},
 *           {@code max-delay-ms}</td></tr>
 *   <tr><td>an event in the inbox (a webhook, a file row, a pulled record)</td>
 *       <td>durable retry: the event waits in the inbox table for its next attempt, then becomes a dead letter;
 *           a whole-batch outage waits without counting attempts</td>
 *       <td>{@code io.odoohub.inbox.InboxDrain}</td>
 *       <td>{@link #redelivery()} as well; a flow may have its own schedule ({@code InboxDrain.useRetry}: Pardot's
 *           {@code hub.pardot.retry.*})</td></tr>
 *   <tr><td>a scheduled pull or push (a timer reads a source again: Pardot, Google Ads, the Shopify push and
 *       reconciliation)</td>
 *       <td>pause-with-backoff: the job is not run again before a backoff that doubles with each failure in a row,
 *           never later than its period; the source's own "come back after" wins when longer</td>
 *       <td>{@link PullBackoff}</td>
 *       <td>{@link #pull()}: {@code hub.retry.pull.initial-delay-ms}, {@code multiplier}, {@code max-delay-ms}
 *           ({@code hub.google-ads.transient-backoff-max-minutes}, when set, is the Google Ads jobs' longest delay)</td></tr>
 * </table>
 *
 * <p>Clients never sleep or loop to retry: they classify each failure ({@link RetryableFailure}: retryable or not, and
 * maybe {@link RetryableFailure#retryAfter() when to come back}) and throw; {@link FailureClassifier} reads that for
 * the three mechanisms. A pause that needs a person (refused credentials) or a known end (a daily limit, a quota's
 * retry delay) is a flow pause ({@code FlowControl}), not a retry. Pacing is not retrying: waiting for a cost bucket or
 * a concurrency slot before a call (Shopify's {@code throttleStatus}, THROTTLED and 429 answers; Pardot's five
 * requests at once) is the one shared {@link Pacer}'s.
 *
 * @param redelivery Camel redelivery and the inbox's durable retry ({@code hub.retry.*})
 * @param pull       the scheduled pulls' pause-with-backoff ({@code hub.retry.pull.*}; its maxRedeliveries has no role)
 */
public record RetryModel(RetrySettings redelivery, RetrySettings pull) {
}
