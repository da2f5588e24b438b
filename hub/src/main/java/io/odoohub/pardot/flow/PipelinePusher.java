package io.odoohub.pardot.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.odoohub.pardot.client.PardotApiException;
import io.odoohub.pardot.client.PardotClient;
import io.odoohub.pardot.client.PardotErrors;
import io.odoohub.pardot.odoo.PardotOdoo;

/**
 * Odoo -> Pardot ({@code routes/pardot-push.camel.yaml}): leads and opportunities bound to a prospect whose
 * {@code write_date} passed the cursor are read in pages; those whose stage, owner, probability, won/lost (as Odoo 18 has
 * it: {@link PipelineValues#status}) or lost reason changed
 * since the hub last knew them (its own writes included: no echo) update the prospect's fields
 * ({@code hub.pardot.push.fields}) and list memberships ({@code hub.pardot.push.stage-lists}). A lead marked
 * {@code x_pardot_delete_requested} deletes its prospect (privacy). Every push is in the sync history (outbound).
 */
public final class PipelinePusher {

    public static final String HISTORY_FLOW = "pardot-push";
    private static final Logger LOG = LoggerFactory.getLogger(PipelinePusher.class);
    private static final DateTimeFormatter ODOO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int PAGE = 500;

    private final PardotClient client;
    private final PardotOdoo odoo;
    private final PardotState state;
    private final PardotPause pause;
    private final SyncLog history;
    private final Push settings;
    private final Clock clock;

    public PipelinePusher(PardotClient client, PardotOdoo odoo, PardotState state, PardotPause pause, SyncLog history, Push settings,
                   Clock clock) {
        this.client = client;
        this.odoo = odoo;
        this.state = state;
        this.pause = pause;
        this.history = history;
        this.settings = settings;
        this.clock = clock;
    }

    /** One run; returns the prospects updated or deleted. */
    public synchronized int push() {
        if (pause.paused()) {
            LOG.info("Pardot push skipped: the Pardot flows are paused");
            return 0;
        }
        odoo.ensureLeadFields();
        Instant cursor = state.cursor("push");
        // write_date has whole seconds: >= with the hash check, so a lead written in the cursor's second is not missed
        List<Object> domain = new ArrayList<>();
        domain.add(List.of("x_pardot_prospect_id", "!=", false));
        if (cursor != null) {
            domain.add(List.of("write_date", ">=", ODOO.format(cursor.atOffset(ZoneOffset.UTC))));
        }
        Set<Integer> wonStages = odoo.wonStageIds();
        int pushed = 0;
        Instant newest = cursor;
        for (int offset = 0; ; offset += PAGE) {
            List<Map<String, Object>> leads = odoo.client().searchRead("crm.lead", domain, PipelineValues.FIELDS, "write_date asc, id asc",
                    offset, PAGE, Map.of("active_test", false));
            if (leads.isEmpty()) {
                break;
            }
            Map<Integer, PardotState.PushState> known = state.pushStates(leads.stream().map(l -> (Integer) l.get("id")).toList());
            List<SyncRecord> records = new ArrayList<>();
            List<PardotState.PushState> done = new ArrayList<>();
            try {
                for (Map<String, Object> lead : leads) {
                    Instant started = clock.instant();
                    PipelineValues.Values v = PipelineValues.of(lead, wonStages);
                    PardotState.PushState before = known.get(v.leadId());
                    if (Boolean.TRUE.equals(lead.get("x_pardot_delete_requested"))) {
                        deleteProspect(v, lead);
                        records.add(record(v, "deleted prospect (deletion requested in Odoo)", started));
                        pushed++;
                    } else if (before == null || !before.valuesHash().equals(v.hash())) {
                        try {
                            update(v, before);
                            records.add(record(v, String.join(",", settings.fields().values()), started));
                            pushed++;
                        } catch (PardotApiException e) {
                            if (e.isRetryable() || e.action() != PardotErrors.Action.DO_NOT_RETRY) {
                                throw e;
                            }
                            // Pardot refuses this one for good (a deleted prospect, a field it lacks): recorded, not retried
                            // until the lead changes again; the others go on
                            records.add(failed(v, e.getMessage(), started));
                        }
                        done.add(new PardotState.PushState(v.leadId(), v.prospectId(), v.hash(), v.stage()));
                    }
                    newest = later(newest, ProspectFlow.text(lead.get("write_date")));
                }
            } catch (PardotApiException e) {
                if (!pause.pauseFor(e)) {
                    throw e;
                }
                return pushed;
            } finally {
                state.savePushStates(done);
                history.add(records);
            }
            if (leads.size() < PAGE) {
                break;
            }
        }
        if (newest != null && !newest.equals(cursor) && !state.advanceCursor("push", cursor, newest)) {
            LOG.warn("Pardot push cursor moved on another node while this one pushed from {}; it stays where that node put it ({})", cursor,
                    state.cursor("push"));
        }
        if (pushed > 0) {
            LOG.info("Pardot push: {} prospect(s) updated from Odoo", pushed);
        }
        return pushed;
    }

    private void update(PipelineValues.Values v, PardotState.PushState before) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> fields = settings.fields();
        put(body, fields.get("stage"), v.stage());
        put(body, fields.get("owner"), v.owner());
        put(body, fields.get("probability"), v.probability());
        put(body, fields.get("status"), v.status());
        put(body, fields.get("lost_reason"), v.lostReason());
        if (!body.isEmpty()) {
            client.patch("/api/v5/objects/prospects/" + v.prospectId(), body);
        }
        String oldStage = before == null ? null : before.stageName();
        if (!Objects.equals(oldStage, v.stage())) {
            moveLists(v.prospectId(), oldStage, v.stage());
        }
    }

    /** Stage-to-list mapping: the prospect joins the list of its new stage and leaves the list of the old one. */
    private void moveLists(String prospectId, String oldStage, String newStage) {
        String join = newStage == null ? null : settings.stageLists().get(newStage);
        String leave = oldStage == null ? null : settings.stageLists().get(oldStage);
        if (leave != null && !leave.equals(join)) {
            JsonNode found = client.query("list-memberships", List.of("id", "listId", "prospectId"),
                    Map.of("listId", leave, "prospectId", prospectId)).values().stream().findFirst().orElse(null);
            if (found != null) {
                client.delete("/api/v5/objects/list-memberships/" + found.get("id").asText());
            }
        }
        if (join != null && !join.equals(leave)) {
            client.post("/api/v5/objects/list-memberships", Map.of("listId", Long.parseLong(join), "prospectId", Long.parseLong(prospectId)));
        }
    }

    private void deleteProspect(PipelineValues.Values v, Map<String, Object> lead) {
        try {
            client.delete("/api/v5/objects/prospects/" + v.prospectId());
        } catch (PardotApiException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
        }
        // the request is done: unbind the lead, so it is neither pushed nor asked to delete again
        odoo.client().write("crm.lead", List.of(v.leadId()), Map.of("x_pardot_delete_requested", false, "x_pardot_prospect_id", false), null);
    }

    private static void put(Map<String, Object> body, String field, Object value) {
        if (field != null && !field.isBlank()) {
            body.put(field, value);
        }
    }

    private SyncRecord record(PipelineValues.Values v, String fields, Instant started) {
        Instant now = clock.instant();
        return new SyncRecord(0, HISTORY_FLOW, "outbound", "prospect:" + v.prospectId(), "crm.lead", v.leadId(), "success", fields,
                now.toEpochMilli() - started.toEpochMilli(), started, now, "schedule", null, null, null);
    }

    private SyncRecord failed(PipelineValues.Values v, String error, Instant started) {
        Instant now = clock.instant();
        return new SyncRecord(0, HISTORY_FLOW, "outbound", "prospect:" + v.prospectId(), "crm.lead", v.leadId(), "failed", null,
                now.toEpochMilli() - started.toEpochMilli(), started, now, "schedule", null, error, null);
    }

    private static Instant later(Instant a, String odooDate) {
        if (odooDate == null) {
            return a;
        }
        Instant b = LocalDateTime.parse(odooDate, ODOO).toInstant(ZoneOffset.UTC);
        return a == null || b.isAfter(a) ? b : a;
    }
}
