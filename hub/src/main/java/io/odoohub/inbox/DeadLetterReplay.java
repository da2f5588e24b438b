package io.odoohub.inbox;

import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays and discards dead letters. A dead letter of an inbox event is replayed by putting the event back in
 * the inbox, so it goes through the same path as a first delivery (and is written by external id: no duplicate).
 */
public final class DeadLetterReplay {

    /** What a replay or discard did. */
    public enum Result { REPLAYED, DISCARDED, NOT_FOUND, NOT_DEAD, NOT_REPLAYABLE }

    /** What a replay of several did: how many were asked for, replayed, and skipped (not dead any more, not replayable). */
    public record Bulk(int matched, int replayed, int skipped) {
    }

    /** The most dead letters one bulk replay takes. */
    public static final int MAX_BULK = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final DeadLetterStore deadLetters;
    private final Inbox inbox;

    public DeadLetterReplay(DeadLetterStore deadLetters, Inbox inbox) {
        this.deadLetters = deadLetters;
        this.inbox = inbox;
    }

    public Result replay(long id, String by) {
        Optional<DeadLetter> found = deadLetters.find(id);
        if (found.isEmpty()) {
            return Result.NOT_FOUND;
        }
        DeadLetter d = found.get();
        if (!"dead".equals(d.status())) {
            return Result.NOT_DEAD;
        }
        if (d.inboxEventId() == null) {
            return Result.NOT_REPLAYABLE;
        }
        if (!deadLetters.resolve(id, "replayed")) {
            return Result.NOT_DEAD; // someone else resolved it meanwhile
        }
        inbox.requeue(d.inboxEventId());
        LOG.info("Dead letter {} of flow {} (key {}) replayed by {}: its event {} is back in the inbox", id, d.flow(), d.sourceKey(), by,
                d.inboxEventId());
        return Result.REPLAYED;
    }

    /** Replays every dead letter still dead that {@code query} selects (its status filter aside), at most {@link #MAX_BULK}. */
    public Bulk replayMatching(DeadLetterStore.Query query, String by) {
        DeadLetterStore.Query dead = new DeadLetterStore.Query(query.flow(), "dead", query.sourceKey(), query.reasonContains(), query.since(),
                query.until(), 0, MAX_BULK);
        return replayAll(deadLetters.list(dead).stream().map(DeadLetter::id).toList(), by);
    }

    /** Replays each of {@code ids}, at most {@link #MAX_BULK}. */
    public Bulk replayAll(java.util.List<Long> ids, String by) {
        if (ids.size() > MAX_BULK) {
            throw new IllegalArgumentException("at most " + MAX_BULK + " dead letters are replayed at once, " + ids.size() + " were asked");
        }
        int replayed = 0;
        for (long id : ids) {
            if (replay(id, by) == Result.REPLAYED) {
                replayed++;
            }
        }
        return new Bulk(ids.size(), replayed, ids.size() - replayed);
    }

    public Result discard(long id, String by) {
        Optional<DeadLetter> found = deadLetters.find(id);
        if (found.isEmpty()) {
            return Result.NOT_FOUND;
        }
        if (!deadLetters.resolve(id, "discarded")) {
            return Result.NOT_DEAD;
        }
        LOG.info("Dead letter {} of flow {} (key {}) discarded by {}", id, found.get().flow(), found.get().sourceKey(), by);
        return Result.DISCARDED;
    }
}
