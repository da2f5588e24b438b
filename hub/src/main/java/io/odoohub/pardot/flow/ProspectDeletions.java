package io.odoohub.pardot.flow;

import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.InboxEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.odoohub.pardot.client.PardotJson;
import io.odoohub.pardot.odoo.PardotOdoo;

/**
 * Privacy: a prospect deleted in Pardot (seen by the pull) anonymises or deletes its lead, by the policy
 * {@code hub.pardot.privacy.deleted-prospect}. Either way the lead's external id goes, so a later prospect with the
 * same email starts a new lead, and the sync history records the event.
 */
public final class ProspectDeletions {

    static final Map<String, Object> ANONYMOUS = anonymous();

    private final PardotOdoo odoo;
    private final String policy;

    public ProspectDeletions(PardotOdoo odoo, String policy) {
        this.odoo = odoo;
        this.policy = policy;
    }

    List<EventOutcome> apply(List<InboxEvent> events) {
        List<EventOutcome> out = new ArrayList<>();
        if (events.isEmpty()) {
            return out;
        }
        Map<Long, String> prospectOf = new LinkedHashMap<>();
        for (InboxEvent e : events) {
            var node = PardotJson.readOrNull(e.payload());
            if (node == null || !node.path("id").canConvertToLong()) {
                out.add(EventOutcome.failed(e.id(), "a deleted prospect event needs a numeric id", false));
            } else {
                prospectOf.put(e.id(), node.get("id").asText());
            }
        }
        Map<String, Integer> leadOf = new HashMap<>();
        for (Map<String, Object> lead : odoo.leadsOfProspects(prospectOf.values(), List.of("id", "x_pardot_prospect_id"))) {
            leadOf.put(ProspectFlow.text(lead.get("x_pardot_prospect_id")), (Integer) lead.get("id"));
        }
        List<Integer> leads = new ArrayList<>(leadOf.values());
        if (!leads.isEmpty()) {
            // the bindings first: they name the lead by a hash of the email
            odoo.bindings().unbind("crm.lead", leads);
            if (policy.equals("delete")) {
                odoo.client().unlink("crm.lead", leads, null);
            } else {
                odoo.client().write("crm.lead", leads, ANONYMOUS, null);
            }
        }
        prospectOf.forEach((eventId, prospectId) -> {
            Integer lead = leadOf.get(prospectId);
            out.add(lead == null ? EventOutcome.skipped(eventId, "prospect " + prospectId + " was deleted in Pardot; no lead in Odoo")
                    : EventOutcome.written(eventId, "crm.lead", lead, policy.equals("delete") ? "deleted" : "anonymised: " + String.join(",", ANONYMOUS.keySet())));
        });
        return out;
    }

    private static Map<String, Object> anonymous() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "Anonymised prospect");
        v.put("contact_name", false);
        v.put("partner_name", false);
        v.put("email_from", false);
        v.put("phone", false);
        v.put("x_pardot_prospect_id", false);
        return v;
    }
}
