package io.odoohub.pardot.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.NewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.odoohub.pardot.client.PardotApiException;
import io.odoohub.pardot.client.PardotClient;
import io.odoohub.pardot.client.PardotNormaliser;
import io.odoohub.pardot.odoo.LeadMapper;
import io.odoohub.pardot.odoo.MappingProfile;

/**
 * The scheduled pulls ({@code routes/pardot-pull.camel.yaml}): prospects (changed and deleted), list memberships and
 * visitor activities since a cursor, page by page into the inbox. The first run has no cursor: a full import. Each
 * next run reaches back {@code overlap} before the newest {@code updatedAt} seen, because Pardot's reads can lag its
 * writes; what is read twice is a duplicate in the inbox. The cursor moves only after a run stored everything.
 */
public final class PardotPuller {

    static final String SOURCE = "pardot";
    private static final Logger LOG = LoggerFactory.getLogger(PardotPuller.class);

    private final PardotClient client;
    private final Inbox inbox;
    private final FlowCounters counters;
    private final PardotState state;
    private final PardotPause pause;
    private final Prospects settings;
    private final MappingProfile profile;

    public PardotPuller(PardotClient client, Inbox inbox, FlowCounters counters, PardotState state, PardotPause pause, Prospects settings,
                 MappingProfile profile) {
        this.client = client;
        this.inbox = inbox;
        this.counters = counters;
        this.state = state;
        this.pause = pause;
        this.settings = settings;
        this.profile = profile;
    }

    /** Prospects, deleted prospects and list memberships since the cursor; returns the events stored. */
    public synchronized int pullProspects() {
        if (pause.paused()) {
            LOG.info("Pardot prospect pull skipped: the flow is paused");
            return 0;
        }
        return guarded(() -> {
            Instant cursor = state.cursor("prospects");
            Map<String, String> since = since(cursor);
            AtomicReference<Instant> newest = new AtomicReference<>(cursor);
            List<String> fields = new ArrayList<>(PardotNormaliser.PROSPECT_FIELDS);
            profile.prospectToLead().keySet().stream().filter(f -> !fields.contains(f)).forEach(fields::add);
            int[] stored = {0};
            client.queryAll("prospects", fields, since, "updatedAt", page -> stored[0] += store(page, ProspectFlow.PROSPECT, newest));
            Map<String, String> deleted = new HashMap<>(since);
            deleted.put("deleted", "true");
            client.queryAll("prospects", List.of("id", "email", "updatedAt", "isDeleted"), deleted, "updatedAt",
                    page -> stored[0] += store(page, ProspectFlow.DELETED, newest));
            Map<Long, String> lists = listNames();
            Map<String, String> memberships = new HashMap<>(since);
            memberships.put("deleted", "all");
            client.queryAll("list-memberships", PardotNormaliser.MEMBERSHIP_FIELDS, memberships, "updatedAt", page -> {
                page.forEach(m -> ((ObjectNode) m).put("listName", lists.getOrDefault(m.path("listId").asLong(), "List " + m.path("listId").asText())));
                stored[0] += store(page, ProspectFlow.MEMBERSHIP, newest);
            });
            if (newest.get() != null) {
                advance("prospects", cursor, newest.get());
            }
            LOG.info("Pardot prospect pull: {} new event(s) from {} ({} calls today)", stored[0], cursor == null ? "a full import" : "cursor " + cursor,
                    client.callsToday());
            return stored[0];
        });
    }

    /** Moves a pull cursor from where this run started, unless another node moved it meanwhile (then theirs stays). */
    private void advance(String name, Instant from, Instant to) {
        if (!to.equals(from) && !state.advanceCursor(name, from, to)) {
            LOG.warn("Pardot {} cursor moved on another node while this one pulled from {}; it stays where that node put it ({}): "
                    + "the records pulled twice are dropped by the inbox", name, from, state.cursor(name));
        }
    }

    /** Visitor activities since the cursor (the fallback for callbacks that never came). */
    public synchronized int pullActivities() {
        if (pause.paused()) {
            LOG.info("Pardot activity pull skipped: the flow is paused");
            return 0;
        }
        return guarded(() -> {
            Instant cursor = state.cursor("activities");
            AtomicReference<Instant> newest = new AtomicReference<>(cursor);
            int[] stored = {0};
            client.queryAll("visitor-activities", PardotNormaliser.ACTIVITY_FIELDS, since(cursor), "updatedAt", page -> {
                List<NewEvent> events = new ArrayList<>();
                for (JsonNode a : page) {
                    events.add(ActivityFlow.event(PardotNormaliser.activity(a), a.toString()));
                    advance(newest, PardotNormaliser.instant(a, "updatedAt"));
                }
                stored[0] += storeAll(ActivityFlow.FLOW, events);
            });
            if (newest.get() != null) {
                advance("activities", cursor, newest.get());
            }
            return stored[0];
        });
    }

    private Map<String, String> since(Instant cursor) {
        Map<String, String> f = new HashMap<>();
        if (cursor != null) {
            f.put("updatedAtAfter", cursor.minus(settings.overlap()).toString());
        }
        return f;
    }

    private Map<Long, String> listNames() {
        Map<Long, String> names = new HashMap<>();
        client.queryAll("lists", List.of("id", "name", "updatedAt"), Map.of(), "updatedAt",
                page -> page.forEach(l -> names.put(l.path("id").asLong(), l.path("name").asText())));
        return names;
    }

    private int store(List<JsonNode> page, String type, AtomicReference<Instant> newest) {
        List<NewEvent> events = new ArrayList<>(page.size());
        for (JsonNode n : page) {
            Instant updatedAt = PardotNormaliser.instant(n, "updatedAt");
            advance(newest, updatedAt);
            String id = n.path("id").asText();
            String entity = switch (type) {
                case ProspectFlow.MEMBERSHIP -> "membership:" + n.path("prospectId").asText() + ":" + n.path("listId").asText();
                default -> {
                    String email = PardotNormaliser.text(n, "email");
                    yield email != null ? "lead:" + LeadMapper.emailHash(email) : "prospect:" + id;
                }
            };
            Instant order = updatedAt;
            if (type.equals(ProspectFlow.PROSPECT)) {
                // two prospects with one email are one lead: the most recent activity wins (the drain drops older ones)
                Instant activity = PardotNormaliser.instant(n, "lastActivityAt");
                order = activity != null ? activity : updatedAt;
            }
            events.add(new NewEvent(ProspectFlow.FLOW, SOURCE, type, type + ":" + id + ":" + updatedAt, entity, order, n.toString()));
        }
        return storeAll(ProspectFlow.FLOW, events);
    }

    private int storeAll(String flow, List<NewEvent> events) {
        int stored = 0;
        int duplicates = 0;
        for (Inbox.Receipt r : inbox.storeAll(events)) {
            if (r.duplicate()) {
                duplicates++;
            } else {
                stored++;
            }
        }
        counters.add(flow, FlowCounters.Kind.RECEIVED, stored);
        counters.add(flow, FlowCounters.Kind.DUPLICATE, duplicates);
        return stored;
    }

    private static void advance(AtomicReference<Instant> newest, Instant seen) {
        if (seen != null) {
            newest.accumulateAndGet(seen, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
    }

    /** Runs a pull; a Pardot error that calls for a pause pauses the flows, the rest is thrown to the route's policy. */
    private int guarded(java.util.function.Supplier<Integer> pull) {
        try {
            return pull.get();
        } catch (PardotApiException e) {
            if (pause.pauseFor(e)) {
                return 0;
            }
            throw e;
        }
    }
}
