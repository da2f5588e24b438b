package io.odoohub.pardot.flow;

import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.InboxEvent;
import io.odoohub.odoo.BatchResult;
import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.odoo.RowFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Exchange;
import io.odoohub.pardot.client.PardotJson;
import io.odoohub.pardot.client.PardotNormaliser;
import io.odoohub.pardot.model.PardotProspect;
import io.odoohub.pardot.odoo.LeadMapper;
import io.odoohub.pardot.odoo.MappingProfile;
import io.odoohub.pardot.odoo.PardotOdoo;
import io.odoohub.pardot.odoo.ProspectCleanser;

/**
 * The pardot-prospects flow, called by {@code routes/pardot-prospects.camel.yaml} with a batch of inbox events:
 * {@link #prepare} validates the prospects, applies the conflict rules and gives crm.lead rows to
 * {@code odoo:crm.lead?operation=load}; {@link #finish} runs the automation rules on what was written and answers
 * one outcome per event. List memberships and deleted prospects in the batch are applied in {@link #prepare}.
 */
public final class ProspectFlow {

    public static final String FLOW = "pardot-prospects";
    static final String PROSPECT = "prospect";
    static final String DELETED = "prospect-deleted";
    static final String MEMBERSHIP = "list-membership";
    private static final String STATE = "pardotProspectBatch";
    private static final List<String> READ_FIELDS = List.of("id", "type", "contact_name", "partner_name", "phone", "partner_id",
            "x_pardot_score", "x_pardot_grade");

    /** What {@link #prepare} hands to {@link #finish}: one entry per load row, and the outcomes already known. */
    private record Batch(List<Long> eventIds, List<PardotProspect> prospects, Map<String, Map<String, Object>> existing,
                         List<EventOutcome> early) {
    }

    private final PardotOdoo odoo;
    private final PardotState state;
    private final LeadMapper mapper;
    private final LeadAutomation automation;
    private final MembershipTags tags;
    private final ProspectDeletions deletions;
    private final MappingProfile profile;
    /** What is read of an existing lead: the conflict rules need every account field the batch may write. */
    private final List<String> readFields;

    public ProspectFlow(PardotOdoo odoo, PardotState state, LeadMapper mapper, LeadAutomation automation, MembershipTags tags,
                 ProspectDeletions deletions, MappingProfile profile) {
        this.odoo = odoo;
        this.state = state;
        this.mapper = mapper;
        this.automation = automation;
        this.tags = tags;
        this.deletions = deletions;
        this.profile = profile;
        List<String> read = new ArrayList<>(READ_FIELDS);
        LeadMapper.ACCOUNT_FIELDS.stream().filter(f -> !read.contains(f) && profile.prospectToLead().containsValue(f)).forEach(read::add);
        this.readFields = List.copyOf(read);
    }

    public void prepare(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<InboxEvent> events = exchange.getMessage().getBody(List.class);
        List<EventOutcome> early = new ArrayList<>();
        Map<Long, PardotProspect> prospects = new LinkedHashMap<>();
        List<InboxEvent> memberships = new ArrayList<>();
        List<InboxEvent> deleted = new ArrayList<>();
        for (InboxEvent e : events) {
            switch (e.type()) {
                case PROSPECT -> {
                    try {
                        PardotProspect p = PardotNormaliser.prospect(PardotJson.readOrNull(e.payload()), profile.prospectToLead().keySet());
                        String invalid = ProspectCleanser.invalidReason(p);
                        if (invalid != null) {
                            early.add(EventOutcome.failed(e.id(), invalid, false));
                        } else {
                            prospects.put(e.id(), p);
                        }
                    } catch (IllegalArgumentException ex) {
                        early.add(EventOutcome.failed(e.id(), "unreadable prospect: " + ex.getMessage(), false));
                    }
                }
                case MEMBERSHIP -> memberships.add(e);
                case DELETED -> deleted.add(e);
                default -> early.add(EventOutcome.skipped(e.id(), "event type " + e.type() + " is not handled by " + FLOW));
            }
        }
        if (!prospects.isEmpty() || !deleted.isEmpty()) {
            odoo.ensureLeadFields();
        }
        early.addAll(tags.apply(memberships));
        early.addAll(deletions.apply(deleted));

        Map<String, Integer> ids = odoo.resolve("crm.lead", prospects.values().stream().map(p -> LeadMapper.leadXmlId(p.email())).toList());
        Map<Integer, Map<String, Object>> leads = new HashMap<>();
        odoo.readLeads(ids.values(), readFields).forEach(r -> leads.put((Integer) r.get("id"), r));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Long> eventIds = new ArrayList<>();
        List<PardotProspect> batch = new ArrayList<>();
        Map<String, Map<String, Object>> existing = new HashMap<>();
        List<PardotState.Conflict> conflicts = new ArrayList<>();
        prospects.forEach((eventId, p) -> {
            Map<String, Object> values = mapper.values(p);
            Integer leadId = ids.get(values.get("id"));
            Map<String, Object> lead = leadId == null ? null : leads.get(leadId);
            if (lead == null) {
                values.put("type", "lead");
            } else {
                existing.put((String) values.get("id"), lead);
                resolveConflicts(p, leadId, lead, values, conflicts);
            }
            rows.add(values);
            eventIds.add(eventId);
            batch.add(p);
        });
        state.logConflicts(conflicts);
        exchange.setProperty(STATE, new Batch(eventIds, batch, existing, early));
        exchange.getMessage().setBody(rows);
    }

    /**
     * Odoo wins account data on an existing lead (its value stays, Pardot's is logged); Pardot wins engagement (its
     * score and grade overwrite a different Odoo value, which is logged). The lead's name is Odoo's once it exists.
     */
    static void resolveConflicts(PardotProspect p, Integer leadId, Map<String, Object> lead, Map<String, Object> values,
                                 List<PardotState.Conflict> conflicts) {
        String prospectId = String.valueOf(p.id());
        values.remove("name");
        for (String f : LeadMapper.ACCOUNT_FIELDS) {
            String odooValue = text(lead.get(f));
            String pardotValue = text(values.get(f));
            if (odooValue != null && !Objects.equals(odooValue, pardotValue)) {
                values.remove(f);
                conflicts.add(new PardotState.Conflict(prospectId, "crm.lead", leadId, f, odooValue, pardotValue, "odoo"));
            }
        }
        for (String f : List.of("x_pardot_score", "x_pardot_grade")) {
            String odooValue = text(lead.get(f));
            String pardotValue = text(values.get(f));
            if (odooValue != null && !odooValue.equals("0") && !Objects.equals(odooValue, pardotValue)) {
                conflicts.add(new PardotState.Conflict(prospectId, "crm.lead", leadId, f, odooValue, pardotValue, "pardot"));
            }
        }
    }

    public List<EventOutcome> finish(Exchange exchange) {
        Batch batch = exchange.getProperty(STATE, Batch.class);
        BatchResult result = exchange.getMessage().getBody(BatchResult.class);
        List<EventOutcome> out = new ArrayList<>(batch.early());
        Map<Integer, RowFailure> failures = new HashMap<>();
        result.failures().forEach(f -> failures.put(f.index(), f));
        Map<PardotProspect, Integer> written = new LinkedHashMap<>();
        for (int i = 0; i < batch.eventIds().size(); i++) {
            RowFailure f = failures.get(i);
            if (f == null) {
                written.put(batch.prospects().get(i), result.ids().get(i));
            }
        }
        automation.apply(written, batch.existing());
        for (int i = 0; i < batch.eventIds().size(); i++) {
            RowFailure f = failures.get(i);
            if (f != null) {
                // Odoo's load reports a concurrent update (its own enrichment cron on crm.lead) on the rows it reached:
                // those rows are not at fault and are tried again
                out.add(EventOutcome.failed(batch.eventIds().get(i), f.message(), OdooFaultException.isTransient(f.message())));
            } else {
                out.add(EventOutcome.written(batch.eventIds().get(i), "crm.lead", result.ids().get(i),
                        "email_from,contact_name,partner_name,phone,x_pardot_score,x_pardot_grade,x_pardot_prospect_id"));
            }
        }
        return out;
    }

    static String text(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return null;
        }
        if (v instanceof List<?> l && !l.isEmpty()) {
            return String.valueOf(l.get(0));
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    static Collection<String> prospectIds(Collection<PardotProspect> ps) {
        return ps.stream().map(p -> String.valueOf(p.id())).toList();
    }
}
