package io.odoohub.pardot.flow;

import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.InboxEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.odoohub.pardot.client.PardotJson;
import io.odoohub.pardot.client.PardotNormaliser;
import io.odoohub.pardot.model.PardotListMembership;
import io.odoohub.pardot.odoo.PardotOdoo;

/**
 * List memberships -> partner tags ({@code res.partner.category} "Pardot: <list>"). The membership table is the
 * truth: a prospect without a partner yet gets its tags when the automation creates one. Adding links the tag,
 * removal unlinks it; one write per tag and direction.
 */
public final class MembershipTags {

    private final PardotOdoo odoo;
    private final PardotState state;

    public MembershipTags(PardotOdoo odoo, PardotState state) {
        this.odoo = odoo;
        this.state = state;
    }

    List<EventOutcome> apply(List<InboxEvent> events) {
        List<EventOutcome> out = new ArrayList<>();
        if (events.isEmpty()) {
            return out;
        }
        Map<Long, PardotListMembership> memberships = new LinkedHashMap<>();
        for (InboxEvent e : events) {
            try {
                memberships.put(e.id(), PardotNormaliser.membership(PardotJson.readOrNull(e.payload()), Map.of()));
            } catch (IllegalArgumentException ex) {
                out.add(EventOutcome.failed(e.id(), "unreadable list membership: " + ex.getMessage(), false));
            }
        }
        state.applyMemberships(new ArrayList<>(memberships.values()));
        Set<String> prospectIds = new LinkedHashSet<>();
        memberships.values().forEach(m -> prospectIds.add(String.valueOf(m.prospectId())));
        Map<String, Integer> partnerOf = new HashMap<>();
        for (Map<String, Object> lead : odoo.leadsOfProspects(prospectIds, List.of("id", "x_pardot_prospect_id", "partner_id"))) {
            Object partner = lead.get("partner_id");
            if (partner instanceof List<?> l && !l.isEmpty()) {
                partnerOf.put(ProspectFlow.text(lead.get("x_pardot_prospect_id")), (Integer) l.get(0));
            }
        }
        Set<String> tagNames = new LinkedHashSet<>();
        memberships.values().stream().filter(m -> partnerOf.containsKey(String.valueOf(m.prospectId())))
                .forEach(m -> tagNames.add(PardotOdoo.tagName(m.listName())));
        Map<String, Integer> tagIds = odoo.tags(tagNames);
        // (command, tag) -> partners: command 4 links, 3 unlinks
        Map<List<Integer>, List<Integer>> writes = new LinkedHashMap<>();
        memberships.forEach((eventId, m) -> {
            Integer partner = partnerOf.get(String.valueOf(m.prospectId()));
            if (partner == null) {
                out.add(EventOutcome.skipped(eventId, "prospect " + m.prospectId() + " has no partner yet; its tags follow when it gets one"));
                return;
            }
            writes.computeIfAbsent(List.of(m.deleted() ? 3 : 4, tagIds.get(PardotOdoo.tagName(m.listName()))), k -> new ArrayList<>()).add(partner);
            out.add(EventOutcome.written(eventId, "res.partner", partner, "category_id"));
        });
        writes.forEach((command, partners) -> odoo.client().write("res.partner", partners, Map.of("category_id", List.of(command)), null));
        return out;
    }
}
