package io.odoohub.googleads.odoo;

import io.odoohub.odoo.LoadRecord;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.odoohub.googleads.model.ConversionCandidate;
import io.odoohub.googleads.model.ConversionOutcome;

/**
 * The Odoo side of the conversion upload: which sales are due (confirmed orders, and won opportunities when
 * configured, with a gclid, not uploaded yet or due for a retry), the gclid carried from an opportunity to its
 * orders, and the outcome written back on each record. Every read and write is one call for many records.
 */
public final class OdooConversions {

    public static final String ORDER = "sale.order";
    public static final String LEAD = "crm.lead";
    private static final Map<String, Object> NO_TRACKING = Map.of("tracking_disable", true);
    static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final List<String> STATE_FIELDS = List.of(".id", "x_gads_upload_state", "x_gads_upload_error", "x_gads_uploaded_at",
            "x_gads_retry_after");

    private final OdooClient odoo;

    public OdooConversions(OdooClient odoo) {
        this.odoo = odoo;
    }

    /** Copies the opportunity's gclid onto confirmed orders made from it that have none; returns how many. */
    public int carryGclidsFromOpportunities() {
        List<Map<String, Object>> orders = odoo.searchRead(ORDER, List.of(List.of("state", "=", "sale"), List.of("x_gclid", "=", false),
                List.of("opportunity_id", "!=", false)), List.of("opportunity_id"), "id", 0, 0, null);
        if (orders.isEmpty()) {
            return 0;
        }
        List<Integer> leadIds = orders.stream().map(o -> (Integer) ((List<?>) o.get("opportunity_id")).get(0)).distinct().toList();
        Map<Integer, String> gclids = new HashMap<>();
        for (Map<String, Object> lead : odoo.searchRead(LEAD, List.of(List.of("id", "in", leadIds), List.of("x_gclid", "!=", false)),
                List.of("x_gclid"), null, 0, 0, Map.of("active_test", false))) {
            gclids.put((Integer) lead.get("id"), (String) lead.get("x_gclid"));
        }
        List<LoadRecord> rows = new ArrayList<>();
        for (Map<String, Object> o : orders) {
            String gclid = gclids.get((Integer) ((List<?>) o.get("opportunity_id")).get(0));
            if (gclid != null) {
                rows.add(LoadRecord.of(List.of(o.get("id").toString(), gclid)));
            }
        }
        if (!rows.isEmpty()) {
            OdooBatchWriter.loadAll(odoo, ORDER, List.of(".id", "x_gclid"), rows, NO_TRACKING);
        }
        return rows.size();
    }

    /** Up to {@code limit} sales of {@code model} due for upload now, oldest first. */
    public List<ConversionCandidate> due(String model, Instant now, int limit, String companyCurrency) {
        List<Object> domain = new ArrayList<>();
        if (ORDER.equals(model)) {
            domain.add(List.of("state", "=", "sale"));
        } else {
            domain.add(List.of("type", "=", "opportunity"));
            domain.add(List.of("stage_id.is_won", "=", true));
        }
        domain.add(List.of("x_gclid", "!=", false));
        domain.addAll(List.of("|", "|", List.of("x_gads_upload_state", "=", false), List.of("x_gads_upload_state", "=", "pending"),
                "&", List.of("x_gads_upload_state", "=", "retry"), List.of("x_gads_retry_after", "<=", odooTime(now))));
        List<String> fields = ORDER.equals(model)
                ? List.of("name", "x_gclid", "date_order", "amount_total", "currency_id")
                : List.of("name", "x_gclid", "date_closed", "write_date", "expected_revenue");
        List<ConversionCandidate> out = new ArrayList<>();
        for (Map<String, Object> r : odoo.searchRead(model, domain, fields, "id", 0, limit, null)) {
            if (ORDER.equals(model)) {
                out.add(new ConversionCandidate(model, (Integer) r.get("id"), (String) r.get("name"), (String) r.get("x_gclid"),
                        instant(r.get("date_order")), ((Number) r.get("amount_total")).doubleValue(),
                        String.valueOf(((List<?>) r.get("currency_id")).get(1))));
            } else {
                Object closed = r.get("date_closed") instanceof String ? r.get("date_closed") : r.get("write_date");
                out.add(new ConversionCandidate(model, (Integer) r.get("id"), "LEAD-" + r.get("id"), (String) r.get("x_gclid"),
                        instant(closed), ((Number) r.get("expected_revenue")).doubleValue(), companyCurrency));
            }
        }
        return out;
    }

    /**
     * The opportunities among {@code leadIds} that have a confirmed order: their sale is reported through the order
     * (with the gclid carried to it), so uploading the opportunity too would count it twice.
     */
    public java.util.Set<Integer> withConfirmedOrders(List<Integer> leadIds) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        if (leadIds.isEmpty()) {
            return out;
        }
        for (Map<String, Object> o : odoo.searchRead(ORDER, List.of(List.of("state", "=", "sale"), List.of("opportunity_id", "in", leadIds)),
                List.of("opportunity_id"), null, 0, 0, null)) {
            out.add((Integer) ((List<?>) o.get("opportunity_id")).get(0));
        }
        return out;
    }

    /** Writes each outcome on its record: one load per model. */
    public void record(List<ConversionOutcome> outcomes, Instant now) {
        Map<String, List<LoadRecord>> byModel = new LinkedHashMap<>();
        for (ConversionOutcome o : outcomes) {
            String state = switch (o.state()) {
                case UPLOADED -> "uploaded";
                case RETRY -> "retry";
                case FAILED -> "failed";
            };
            byModel.computeIfAbsent(o.candidate().model(), m -> new ArrayList<>()).add(LoadRecord.of(List.of(
                    Integer.toString(o.candidate().odooId()),
                    state,
                    o.state() == ConversionOutcome.State.UPLOADED || o.message() == null ? "" : o.message(),
                    o.state() == ConversionOutcome.State.UPLOADED ? odooTime(now) : "",
                    o.retryAfter() == null ? "" : odooTime(o.retryAfter()))));
        }
        byModel.forEach((model, rows) -> OdooBatchWriter.loadAll(odoo, model, STATE_FIELDS, rows, NO_TRACKING));
    }

    /** Records whose upload failed for good, with Google's message. */
    public List<Map<String, Object>> failed(String model, int offset, int limit) {
        return odoo.searchRead(model, List.of(List.of("x_gads_upload_state", "=", "failed")),
                List.of("name", "x_gclid", "x_gads_upload_error"), "id", offset, limit, null);
    }

    /** Puts failed records (all, or the given ids) back in the queue; returns how many. */
    public int resubmit(String model, List<Integer> ids) {
        List<Object> domain = new ArrayList<>();
        domain.add(List.of("x_gads_upload_state", "=", "failed"));
        if (ids != null && !ids.isEmpty()) {
            domain.add(List.of("id", "in", ids));
        }
        List<Integer> found = odoo.searchRead(model, domain, List.of("id"), "id", 0, 0, null).stream()
                .map(r -> (Integer) r.get("id")).toList();
        if (!found.isEmpty()) {
            Map<String, Object> values = new HashMap<>();
            values.put("x_gads_upload_state", "pending");
            values.put("x_gads_upload_error", false);
            odoo.write(model, found, values, null);
        }
        return found.size();
    }

    static String odooTime(Instant t) {
        return ODOO_DATETIME.format(t.atOffset(ZoneOffset.UTC));
    }

    private static Instant instant(Object odooDatetime) {
        return LocalDateTime.parse((String) odooDatetime, ODOO_DATETIME).toInstant(ZoneOffset.UTC);
    }
}
