package io.odoohub.pardot.flow;

import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.InboxEvent;
import io.odoohub.inbox.NewEvent;
import io.odoohub.support.Text;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import io.odoohub.pardot.client.PardotJson;
import io.odoohub.pardot.client.PardotNormaliser;
import io.odoohub.pardot.model.PardotActivity;
import io.odoohub.pardot.odoo.PardotOdoo;

/**
 * The pardot-activities flow: visitor activities from callbacks and from the pull become {@code mail.activity}
 * records on the prospect's lead, typed "Form Completed", "Email Opened", "Email Clicked" or "Website Visited"
 * (created when missing), carrying the form, email template or URL. Both paths store an activity under the same
 * source and dedupe key ({@code activity:<id>}), so it lands once. A batch is one search and one create.
 */
public final class ActivityFlow {

    public static final String FLOW = "pardot-activities";

    private final PardotOdoo odoo;

    public ActivityFlow(PardotOdoo odoo) {
        this.odoo = odoo;
    }

    /** The inbox event of an activity, the same whichever path brought it. */
    static NewEvent event(PardotActivity a, String payload) {
        return new NewEvent(FLOW, PardotPuller.SOURCE, "visitor-activity", "activity:" + a.id(), "activity:" + a.id(), null, payload);
    }

    public List<EventOutcome> apply(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<InboxEvent> events = exchange.getMessage().getBody(List.class);
        List<EventOutcome> out = new ArrayList<>();
        Map<Long, PardotActivity> activities = new LinkedHashMap<>();
        for (InboxEvent e : events) {
            try {
                PardotActivity a = PardotNormaliser.activity(PardotJson.readOrNull(e.payload()));
                if (a.odooType() == null) {
                    out.add(EventOutcome.skipped(e.id(), "visitor activity type " + a.type() + " (" + a.typeName() + ") is not carried to Odoo"));
                } else {
                    activities.put(e.id(), a);
                }
            } catch (IllegalArgumentException ex) {
                out.add(EventOutcome.failed(e.id(), "unreadable visitor activity: " + ex.getMessage(), false));
            }
        }
        if (activities.isEmpty()) {
            return out;
        }
        odoo.ensureLeadFields();
        Map<String, Integer> types = odoo.activityTypes();
        Set<String> prospects = new LinkedHashSet<>();
        activities.values().forEach(a -> prospects.add(String.valueOf(a.prospectId())));
        Map<String, Integer> leadOf = new HashMap<>();
        for (Map<String, Object> lead : odoo.leadsOfProspects(prospects, List.of("id", "x_pardot_prospect_id"))) {
            leadOf.put(ProspectFlow.text(lead.get("x_pardot_prospect_id")), (Integer) lead.get("id"));
        }
        int modelId = odoo.leadModelId();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Long> eventIds = new ArrayList<>();
        activities.forEach((eventId, a) -> {
            Integer lead = leadOf.get(String.valueOf(a.prospectId()));
            if (lead == null) {
                // the prospect pull may not have written the lead yet: retried on the flow's schedule
                out.add(EventOutcome.failed(eventId, "no lead in Odoo for Pardot prospect " + a.prospectId() + " yet", true));
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("res_model_id", modelId);
            row.put("res_model", "crm.lead");
            row.put("res_id", lead);
            row.put("activity_type_id", types.get(a.odooType()));
            row.put("summary", a.odooType() + (a.details() != null ? ": " + Text.head(a.details(), 100) : ""));
            row.put("note", note(a));
            if (a.createdAt() != null) {
                row.put("date_deadline", a.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
            }
            rows.add(row);
            eventIds.add(eventId);
        });
        if (!rows.isEmpty()) {
            List<Integer> ids = odoo.client().create("mail.activity", rows, null);
            for (int i = 0; i < ids.size(); i++) {
                out.add(EventOutcome.written(eventIds.get(i), "mail.activity", ids.get(i), "res_id,activity_type_id,summary,note"));
            }
        }
        return out;
    }

    /** What the salesperson sees: the form, the email template or the URL, and when. */
    static String note(PardotActivity a) {
        StringBuilder sb = new StringBuilder("<p>Pardot visitor activity ").append(a.id());
        if (a.createdAt() != null) {
            sb.append(" at ").append(a.createdAt());
        }
        sb.append("</p>");
        if (a.formId() != null) {
            sb.append("<p>Form ").append(a.formId()).append("</p>");
        }
        if (a.emailTemplateId() != null) {
            sb.append("<p>Email template ").append(a.emailTemplateId()).append("</p>");
        }
        if (a.url() != null) {
            sb.append("<p>URL ").append(escape(a.url())).append("</p>");
        } else if (a.details() != null) {
            sb.append("<p>").append(escape(a.details())).append("</p>");
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
