package io.odoohub.inbox;

/**
 * What applying one event did. A flow answers one outcome per event it was given.
 *
 * @param eventId   the event
 * @param kind      written, failed or skipped
 * @param odooModel the Odoo model written, when written
 * @param odooId    the Odoo record, when written
 * @param fields    the Odoo fields written (for the sync history), or null
 * @param error     why it failed, when failed
 * @param retryable whether a later attempt may succeed, when failed
 */
public record EventOutcome(long eventId, Kind kind, String odooModel, Integer odooId, String fields, String error, boolean retryable) {

    public enum Kind { WRITTEN, FAILED, SKIPPED }

    public static EventOutcome written(long eventId, String odooModel, Integer odooId, String fields) {
        return new EventOutcome(eventId, Kind.WRITTEN, odooModel, odooId, fields, null, false);
    }

    public static EventOutcome failed(long eventId, String error, boolean retryable) {
        return new EventOutcome(eventId, Kind.FAILED, null, null, null, error, retryable);
    }

    /** Nothing to write (for example an event type the flow ignores); done without an Odoo call. */
    public static EventOutcome skipped(long eventId, String why) {
        return new EventOutcome(eventId, Kind.SKIPPED, null, null, null, why, false);
    }
}
