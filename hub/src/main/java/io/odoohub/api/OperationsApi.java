package io.odoohub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import io.odoohub.inbox.DeadLetterReplay;
import io.odoohub.inbox.FlowReports;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;

/**
 * What an operator needs to keep events flowing: dead letters (list, see, replay one or a filtered set, discard),
 * flows (state, pause, resume) and the sync history (list, statistics). Viewers read; operators act.
 */
public final class OperationsApi extends ApiRouteBuilder {

    private static final int MAX_LIMIT = 500;

    private final DeadLetterStore deadLetters;
    private final DeadLetterReplay replay;
    private final FlowReports reports;
    private final SyncLog history;
    private final List<String> flowNames;

    public OperationsApi(ApiGuard guard, DeadLetterStore deadLetters, DeadLetterReplay replay, FlowReports reports, SyncLog history,
                         List<String> flowNames) {
        super(guard);
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.reports = reports;
        this.history = history;
        this.flowNames = List.copyOf(flowNames);
    }

    @Override
    protected void configureApi() {
        rest(BASE + "/dead-letters").description("Events that failed for good")
                .get().routeId("api-dead-letters-list").description("Lists dead letters, newest first")
                    .param().name("flow").type(RestParamType.query).required(false).endParam()
                    .param().name("status").type(RestParamType.query).required(false).description("dead, replayed or discarded").endParam()
                    .param().name("source_key").type(RestParamType.query).required(false).endParam()
                    .param().name("since").type(RestParamType.query).required(false).description("ISO-8601 instant").endParam()
                    .param().name("offset").type(RestParamType.query).required(false).endParam()
                    .param().name("limit").type(RestParamType.query).required(false).endParam()
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-dead-letters-list")
                .get("/{id}").routeId("api-dead-letters-get").description("One dead letter with its payload")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-dead-letters-get")
                .post("/{id}/replay").routeId("api-dead-letters-replay").description("Replays one dead letter through the same path")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-dead-letters-replay")
                .post("/{id}/discard").routeId("api-dead-letters-discard").description("Discards one dead letter")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-dead-letters-discard")
                .post("/replay").routeId("api-dead-letters-replay-set")
                    .description("Replays every dead letter matching {flow, source_key, since} (at most 1000)")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-dead-letters-replay-set");
        rest(BASE + "/flows").description("Inbox flows: state, pause, resume")
                .get().routeId("api-flows-list").description("Every flow with its state, inbox depth and counts")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-flows-list")
                .post("/{flow}/pause").routeId("api-flows-pause").description("Pauses a flow; its events wait in the inbox")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-flows-pause")
                .post("/{flow}/resume").routeId("api-flows-resume").description("Resumes a paused flow")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-flows-resume");
        rest(BASE + "/sync-history").description("One row per record written or refused")
                .get().routeId("api-sync-history-list").description("Lists the sync history, newest first, with paging")
                    .param().name("flow").type(RestParamType.query).required(false).endParam()
                    .param().name("status").type(RestParamType.query).required(false).description("success, failed or skipped").endParam()
                    .param().name("source_key").type(RestParamType.query).required(false).endParam()
                    .param().name("odoo_model").type(RestParamType.query).required(false).endParam()
                    .param().name("odoo_id").type(RestParamType.query).required(false).endParam()
                    .param().name("batch_id").type(RestParamType.query).required(false).endParam()
                    .param().name("since").type(RestParamType.query).required(false).endParam()
                    .param().name("until").type(RestParamType.query).required(false).description("ISO-8601 instant, exclusive").endParam()
                    .param().name("offset").type(RestParamType.query).required(false).endParam()
                    .param().name("limit").type(RestParamType.query).required(false).endParam()
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-sync-history-list")
                .get("/stats").routeId("api-sync-history-stats").description("Totals, success rate, average duration, last sync")
                    .param().name("flow").type(RestParamType.query).required(false).endParam()
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-sync-history-stats");

        from("direct:api-dead-letters-list").process(guard.require(Role.VIEWER)).process(this::listDeadLetters);
        from("direct:api-dead-letters-get").process(guard.require(Role.VIEWER)).process(this::getDeadLetter);
        from("direct:api-dead-letters-replay").process(guard.require(Role.OPERATOR)).process(this::replayOne);
        from("direct:api-dead-letters-discard").process(guard.require(Role.OPERATOR)).process(this::discardOne);
        from("direct:api-dead-letters-replay-set").process(guard.require(Role.OPERATOR)).process(this::replaySet);
        from("direct:api-flows-list").process(guard.require(Role.VIEWER)).process(this::listFlows);
        from("direct:api-flows-pause").process(guard.require(Role.OPERATOR)).process(this::pause);
        from("direct:api-flows-resume").process(guard.require(Role.OPERATOR)).process(this::resume);
        from("direct:api-sync-history-list").process(guard.require(Role.VIEWER)).process(this::listHistory);
        from("direct:api-sync-history-stats").process(guard.require(Role.VIEWER)).process(this::stats);
    }

    private void listDeadLetters(Exchange e) {
        int offset = intParam(e, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(e, "limit", 50, 0, MAX_LIMIT);
        DeadLetterStore.Query q = new DeadLetterStore.Query(text(e, "flow"), text(e, "status"), text(e, "source_key"),
                instant(e, "since"), offset, limit);
        List<Map<String, Object>> items = deadLetters.list(q).stream().map(d -> view(d, false)).toList();
        ApiResponses.json(e, 200, Map.of("items", items, "offset", offset, "limit", limit));
    }

    private void getDeadLetter(Exchange e) {
        long id = idParam(e);
        DeadLetter d = deadLetters.find(id).orElseThrow(() -> ApiException.notFound("no dead letter " + id));
        ApiResponses.json(e, 200, view(d, true));
    }

    private void replayOne(Exchange e) {
        long id = idParam(e);
        answer(e, id, replay.replay(id, who(e)));
    }

    private void discardOne(Exchange e) {
        long id = idParam(e);
        answer(e, id, replay.discard(id, who(e)));
    }

    private void answer(Exchange e, long id, DeadLetterReplay.Result result) {
        switch (result) {
            case NOT_FOUND -> throw ApiException.notFound("no dead letter " + id);
            case NOT_DEAD -> throw ApiException.conflict("dead letter " + id + " was already replayed or discarded");
            case NOT_REPLAYABLE -> throw ApiException.conflict("dead letter " + id + " did not come from the inbox (a whole file or"
                    + " message that failed before it was stored); drop the file again instead");
            default -> ApiResponses.json(e, 200, Map.of("id", id, "result", result.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private void replaySet(Exchange e) {
        JsonNode body = ApiResponses.readObject(e);
        String flow = optionalText(body, "flow");
        if (flow == null) {
            throw ApiException.badRequest("a bulk replay needs at least \"flow\" (and may name \"source_key\" and \"since\")");
        }
        Instant since = null;
        if (optionalText(body, "since") != null) {
            since = parseInstant("since", optionalText(body, "since"));
        }
        DeadLetterReplay.Bulk done = replay.replayMatching(new DeadLetterStore.Query(flow, "dead", optionalText(body, "source_key"), since, 0,
                DeadLetterReplay.MAX_BULK), who(e));
        ApiResponses.json(e, 200, Map.of("matched", done.matched(), "replayed", done.replayed(), "skipped", done.skipped()));
    }

    private void listFlows(Exchange e) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String flow : flowNames) {
            out.add(flowView(flow));
        }
        ApiResponses.json(e, 200, Map.of("flows", out));
    }

    private Map<String, Object> flowView(String flow) {
        return flowView(reports.of(flow));
    }

    private static Map<String, Object> flowView(FlowReports.FlowReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flow", r.flow());
        m.put("state", r.state());
        m.put("pause_reason", r.pauseReason());
        m.put("paused_by", r.pausedBy());
        m.put("paused_at", r.pausedAt() == null ? null : r.pausedAt().toString());
        m.put("resume_at", r.resumeAt() == null ? null : r.resumeAt().toString());
        m.put("outage", r.outage());
        m.put("inbox_depth", r.inboxDepth());
        m.put("oldest_pending_seconds", r.oldestPending().toSeconds());
        m.put("open_dead_letters", r.openDeadLetters());
        Map<String, Long> since = new LinkedHashMap<>();
        r.sinceStart().forEach((k, v) -> since.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        m.put("since_start", since);
        return m;
    }

    private void pause(Exchange e) {
        String flow = knownFlow(e);
        String text = e.getMessage().getBody(String.class);
        String reason = null;
        if (text != null && !text.isBlank()) {
            e.getMessage().setBody(text);
            reason = optionalText(ApiResponses.readObject(e), "reason");
        }
        ApiResponses.json(e, 200, flowView(reports.pause(flow, reason, who(e))));
    }

    private void resume(Exchange e) {
        String flow = knownFlow(e);
        ApiResponses.json(e, 200, flowView(reports.resume(flow, who(e))));
    }

    private void listHistory(Exchange e) {
        int offset = intParam(e, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(e, "limit", 50, 0, MAX_LIMIT);
        String odooId = text(e, "odoo_id");
        Integer id = null;
        if (odooId != null) {
            try {
                id = Integer.valueOf(odooId);
            } catch (NumberFormatException ex) {
                throw ApiException.badRequest("odoo_id must be a whole number, was '" + odooId + "'");
            }
        }
        SyncLog.Query q = new SyncLog.Query(text(e, "flow"), text(e, "status"), text(e, "source_key"), null, text(e, "odoo_model"), id,
                text(e, "batch_id"), instant(e, "since"), instant(e, "until"), false, offset, limit);
        List<Map<String, Object>> items = history.list(q).stream().map(OperationsApi::view).toList();
        ApiResponses.json(e, 200, Map.of("items", items, "total", history.count(q), "offset", offset, "limit", limit));
    }

    private void stats(Exchange e) {
        SyncLog.Stats s = history.stats(text(e, "flow"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flow", s.flow());
        m.put("total_syncs", s.total());
        m.put("successful_syncs", s.successful());
        m.put("failed_syncs", s.failed());
        m.put("success_rate", s.successRate());
        m.put("avg_duration_ms", s.avgDurationMs());
        m.put("last_sync_at", s.lastSyncAt() == null ? null : s.lastSyncAt().toString());
        ApiResponses.json(e, 200, m);
    }

    private static Map<String, Object> view(DeadLetter d, boolean withPayload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("flow", d.flow());
        m.put("route_id", d.routeId());
        m.put("source_key", d.sourceKey());
        m.put("reason", d.reason());
        m.put("error_type", d.errorType());
        m.put("attempts", d.attempts());
        m.put("status", d.status());
        m.put("created_at", d.createdAt() == null ? null : d.createdAt().toString());
        m.put("resolved_at", d.resolvedAt() == null ? null : d.resolvedAt().toString());
        m.put("replayable", d.inboxEventId() != null);
        if (withPayload) {
            m.put("payload", d.payload());
        }
        return m;
    }

    private static Map<String, Object> view(SyncRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("flow", r.flow());
        m.put("direction", r.direction());
        m.put("source_key", r.sourceKey());
        m.put("odoo_model", r.odooModel());
        m.put("odoo_id", r.odooId());
        m.put("status", r.status());
        m.put("fields_synced", r.fieldsSynced() == null ? List.of() : List.of(r.fieldsSynced().split(",")));
        m.put("duration_ms", r.durationMs());
        m.put("started_at", r.startedAt().toString());
        m.put("finished_at", r.finishedAt().toString());
        m.put("trigger_type", r.triggerType());
        m.put("batch_id", r.batchId());
        m.put("error_message", r.errorMessage());
        m.put("error_details", r.errorDetails());
        return m;
    }

    private String knownFlow(Exchange e) {
        String flow = ApiResponses.pathParam(e, "flow");
        if (!flowNames.contains(flow)) {
            throw ApiException.notFound("no flow '" + flow + "'; flows: " + flowNames);
        }
        return flow;
    }

    private static String who(Exchange e) {
        Object principal = e.getProperty("hubPrincipal");
        return principal instanceof ApiPrincipal p ? "api:" + p.name() : "api";
    }

    private static long idParam(Exchange e) {
        String v = ApiResponses.pathParam(e, "id");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException ex) {
            throw ApiException.badRequest("id must be a number, was '" + v + "'");
        }
    }

    private static String text(Exchange e, String name) {
        String v = e.getMessage().getHeader(name, String.class);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Instant instant(Exchange e, String name) {
        String v = text(e, name);
        return v == null ? null : parseInstant(name, v);
    }

    private static Instant parseInstant(String name, String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException ex) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2026-11-23T00:00:00Z, was '" + v + "'");
        }
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }
}
