package io.odoohub.pardot.flow;

import io.odoohub.odoo.LoadRecord;
import io.odoohub.odoo.OdooBatchWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.odoohub.pardot.model.Grades;
import io.odoohub.pardot.model.PardotProspect;
import io.odoohub.pardot.odoo.LeadMapper;
import io.odoohub.pardot.odoo.PardotOdoo;
import io.odoohub.pardot.odoo.ProspectCleanser;

/**
 * The seed's automation rules, run on leads just written: a prospect at or above the score threshold (or grade
 * threshold) makes its lead an opportunity with a partner (res.partner, tagged with its Pardot lists) and assigns it
 * by the first matching rule ({@code country:BE=team:3}, {@code industry:Retail=user:7}). Every step is one batched
 * call; afterwards the leads' pipeline values are remembered, so the push does not echo the hub's own changes.
 */
public final class LeadAutomation {

    private final PardotOdoo odoo;
    private final PardotState state;
    private final PipelineValues pipeline;
    private final int scoreThreshold;
    private final String gradeThreshold;
    private final Map<String, String> assignment;
    private final ProspectCleanser cleanser;

    public LeadAutomation(PardotOdoo odoo, PardotState state, PipelineValues pipeline, Automation settings, ProspectCleanser cleanser) {
        this.odoo = odoo;
        this.state = state;
        this.pipeline = pipeline;
        this.scoreThreshold = settings.scoreThreshold();
        this.gradeThreshold = settings.gradeThreshold();
        this.assignment = settings.assignment();
        this.cleanser = cleanser;
    }

    boolean qualifies(PardotProspect p) {
        boolean byScore = scoreThreshold > 0 && p.score() != null && p.score() >= scoreThreshold;
        boolean byGrade = !gradeThreshold.isEmpty() && Grades.atLeast(p.grade(), gradeThreshold);
        return byScore || byGrade;
    }

    /** @param written prospect -> lead id; @param existing lead external id -> the lead as read before the write */
    void apply(Map<PardotProspect, Integer> written, Map<String, Map<String, Object>> existing) {
        Map<PardotProspect, Integer> convert = new LinkedHashMap<>();
        written.forEach((p, leadId) -> {
            Map<String, Object> before = existing.get(LeadMapper.leadXmlId(p.email()));
            boolean hasPartner = before != null && ProspectFlow.text(before.get("partner_id")) != null;
            if (qualifies(p) && !hasPartner) {
                convert.put(p, leadId);
            }
        });
        if (!convert.isEmpty()) {
            convert(convert);
        }
        pipeline.remember(written.values());
    }

    private void convert(Map<PardotProspect, Integer> leads) {
        List<String> fields = List.of("id", "name", "email", "phone");
        List<LoadRecord> partners = new ArrayList<>();
        for (PardotProspect p : leads.keySet()) {
            String name = p.contactName() != null ? p.contactName() : p.email();
            String phone = cleanser.phone(p.phone(), p.country());
            partners.add(LoadRecord.of(List.of(LeadMapper.partnerXmlId(p.email()), name, p.email(), phone == null ? "" : phone)));
        }
        // every row or none; a refusal for a concurrent update in Odoo is retried with the batch
        List<Integer> partnerIds = OdooBatchWriter.loadAll(odoo.client(), "res.partner", fields, partners, null);
        // lead -> its partner, all in one load by external ids
        List<LoadRecord> links = new ArrayList<>();
        for (PardotProspect p : leads.keySet()) {
            links.add(LoadRecord.of(List.of(LeadMapper.leadXmlId(p.email()), LeadMapper.partnerXmlId(p.email()))));
        }
        OdooBatchWriter.loadAll(odoo.client(), "crm.lead", List.of("id", "partner_id/id"), links, null);
        odoo.client().write("crm.lead", new ArrayList<>(leads.values()), Map.of("type", "opportunity"), null);
        assign(leads);
        tagPartners(new ArrayList<>(leads.keySet()), partnerIds);
    }

    private void assign(Map<PardotProspect, Integer> leads) {
        Map<Map<String, Object>, List<Integer>> groups = new LinkedHashMap<>();
        leads.forEach((p, leadId) -> {
            Map<String, Object> values = assignmentOf(p);
            if (!values.isEmpty()) {
                groups.computeIfAbsent(values, k -> new ArrayList<>()).add(leadId);
            }
        });
        groups.forEach((values, ids) -> odoo.client().write("crm.lead", ids, values, null));
    }

    /** The first rule whose condition matches: {@code team_id} or {@code user_id}. */
    Map<String, Object> assignmentOf(PardotProspect p) {
        for (Map.Entry<String, String> rule : assignment.entrySet()) {
            String[] cond = rule.getKey().split(":", 2);
            String[] target = rule.getValue().split(":", 2);
            if (cond.length != 2 || target.length != 2) {
                continue;
            }
            String actual = switch (cond[0]) {
                case "country" -> p.country();
                case "industry" -> p.industry();
                case "grade" -> p.grade();
                default -> null;
            };
            if (actual != null && actual.equalsIgnoreCase(cond[1])) {
                Map<String, Object> v = new HashMap<>();
                v.put(target[0].equals("user") ? "user_id" : "team_id", Integer.parseInt(target[1]));
                return v;
            }
        }
        return Map.of();
    }

    /** The new partners get the tags of the lists their prospects are on: one write per tag. */
    private void tagPartners(List<PardotProspect> prospects, List<Integer> partnerIds) {
        Map<String, List<String>> lists = state.listsOf(ProspectFlow.prospectIds(prospects));
        if (lists.isEmpty()) {
            return;
        }
        Set<String> tagNames = new LinkedHashSet<>();
        lists.values().forEach(ls -> ls.forEach(l -> tagNames.add(PardotOdoo.tagName(l))));
        Map<String, Integer> tagIds = odoo.tags(tagNames);
        Map<Integer, List<Integer>> partnersByTag = new LinkedHashMap<>();
        for (int i = 0; i < prospects.size(); i++) {
            for (String list : lists.getOrDefault(String.valueOf(prospects.get(i).id()), List.of())) {
                partnersByTag.computeIfAbsent(tagIds.get(PardotOdoo.tagName(list)), k -> new ArrayList<>()).add(partnerIds.get(i));
            }
        }
        partnersByTag.forEach((tag, partners) -> odoo.client().write("res.partner", partners, Map.of("category_id", List.of(List.of(4, tag))), null));
    }
}
