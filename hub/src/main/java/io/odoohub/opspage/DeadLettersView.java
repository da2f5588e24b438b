package io.odoohub.opspage;

import io.odoohub.api.Role;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import io.odoohub.inbox.DeadLetterReplay;
import io.odoohub.inbox.Inbox;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead letters: filter by flow, status, reason text and time; one in full (reason, payload with secrets hidden,
 * attempts); replay one, the selected ones or every one the filter matches, or discard (operator). After a replay the
 * page follows the event until it is written or fails again, without a reload.
 */
final class DeadLettersView {

    private static final int PAGE = 50;

    /** What became of a replayed dead letter: its event's state now, and the history written since the replay. */
    public record Outcome(DeadLetter letter, Inbox.Status event, List<SyncRecord> history, boolean settled) {
    }

    private final OpsServices hub;

    DeadLettersView(OpsServices hub) {
        this.hub = hub;
    }

    void routes(OpsPage.Routes r) {
        r.get("/dead-letters", Role.VIEWER, this::list);
        r.get("/dead-letters/(\\d+)", Role.VIEWER, c -> {
            DeadLetter d = find(c.idPart(1));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nav", "dead-letters");
            m.put("d", d);
            m.put("payload", Payloads.readable(d.payload()));
            m.put("outcome", d.status().equals("replayed") ? outcome(d) : null);
            c.render("dead-letter", m);
        });
        r.get("/dead-letters/(\\d+)/state", Role.VIEWER, c -> {
            DeadLetter d = find(c.idPart(1));
            c.render(200, "dead-letter", "state", Map.of("outcome", outcome(d), "d", d));
        });
        r.post("/dead-letters/(\\d+)/replay", Role.OPERATOR, c -> {
            long id = c.idPart(1);
            DeadLetterReplay.Result result = hub.replay().replay(id, "page:" + c.user.name());
            if (c.htmx() && result == DeadLetterReplay.Result.REPLAYED) {
                DeadLetter d = find(id);
                c.render(200, "dead-letter", "state", Map.of("outcome", outcome(d), "d", d));
            } else {
                c.redirect("/dead-letters/" + id, message(id, result));
            }
        });
        r.post("/dead-letters/(\\d+)/discard", Role.OPERATOR, c -> {
            long id = c.idPart(1);
            c.redirect("/dead-letters/" + id, message(id, hub.replay().discard(id, "page:" + c.user.name())));
        });
        r.post("/dead-letters/replay", Role.OPERATOR, c -> {
            DeadLetterReplay.Bulk done;
            String what;
            if (c.param("all") != null) {
                done = hub.replay().replayMatching(query(c, 0, DeadLetterReplay.MAX_BULK), "page:" + c.user.name());
                what = "every dead letter the filter matches";
            } else {
                List<Long> ids = new ArrayList<>();
                for (String id : c.params("id")) {
                    try {
                        ids.add(Long.parseLong(id));
                    } catch (NumberFormatException e) {
                        throw new PageException(400, "not a dead letter id: " + id);
                    }
                }
                if (ids.isEmpty()) {
                    throw new PageException(400, "select at least one dead letter, or replay everything the filter matches");
                }
                done = hub.replay().replayAll(ids, "page:" + c.user.name());
                what = "the selected dead letters";
            }
            c.redirect("/dead-letters" + filterQuery(c), "Replayed " + what + ": " + done.replayed() + " of " + done.matched()
                    + " back in the inbox" + (done.skipped() > 0 ? ", " + done.skipped() + " skipped (not dead any more, or not replayable)" : "") + ".");
        });
    }

    private void list(Call c) throws Exception {
        int offset = c.integer("offset") == null ? 0 : Math.max(0, c.integer("offset"));
        DeadLetterStore.Query q = query(c, offset, PAGE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "dead-letters");
        m.put("items", hub.deadLetters().list(q));
        m.put("total", hub.deadLetters().countMatching(q));
        m.put("q", q);
        m.put("flows", hub.flows());
        m.put("offset", offset);
        m.put("page", PAGE);
        m.put("filter", filterQuery(c));
        c.render("dead-letters", m);
    }

    /** The filter of the list: status defaults to dead (open ones). */
    private static DeadLetterStore.Query query(Call c, int offset, int limit) {
        String status = c.param("status");
        if (status == null) {
            status = "dead";
        } else if (status.equals("any")) {
            status = null;
        }
        Instant since = c.instant("since");
        Instant until = c.instant("until");
        return new DeadLetterStore.Query(c.param("flow"), status, c.param("source_key"), c.param("reason"), since, until, offset, limit);
    }

    private static String filterQuery(Call c) {
        StringBuilder s = new StringBuilder();
        for (String name : new String[] {"flow", "status", "source_key", "reason", "since", "until"}) {
            String v = c.param(name);
            if (v != null) {
                s.append(s.isEmpty() ? '?' : '&').append(name).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return s.toString();
    }

    private Outcome outcome(DeadLetter d) {
        Inbox.Status event = d.inboxEventId() == null ? null : hub.inbox().status(d.inboxEventId());
        List<SyncRecord> history = d.resolvedAt() == null || d.sourceKey() == null ? List.of()
                : hub.history().list(new SyncLog.Query(d.flow(), null, d.sourceKey(), null, null, null, null, d.resolvedAt(), null, true, 0, 20));
        boolean settled = event == null || !"pending".equals(event.status());
        return new Outcome(d, event, history, settled);
    }

    private DeadLetter find(long id) {
        return hub.deadLetters().find(id).orElseThrow(() -> new PageException(404, "no dead letter " + id));
    }

    private static String message(long id, DeadLetterReplay.Result result) {
        return switch (result) {
            case REPLAYED -> "Dead letter " + id + " replayed: its event is back in the inbox.";
            case DISCARDED -> "Dead letter " + id + " discarded.";
            case NOT_FOUND -> "There is no dead letter " + id + ".";
            case NOT_DEAD -> "Dead letter " + id + " was already replayed or discarded.";
            case NOT_REPLAYABLE -> "Dead letter " + id + " did not come from the inbox (a whole file that could not be read): drop the corrected file instead.";
        };
    }
}
