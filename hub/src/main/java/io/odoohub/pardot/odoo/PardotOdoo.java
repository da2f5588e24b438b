package io.odoohub.pardot.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooRequirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.odoohub.pardot.model.Grades;

/**
 * The connector's direct calls to Odoo, each batched (a list per call, {@code in} domains): the custom fields and
 * activity types it needs (created when missing, as Odoo Studio does), external-id lookups, partner tags.
 */
public final class PardotOdoo {

    static final Map<String, String> LEAD_FIELDS = new LinkedHashMap<>();
    static final List<String> ACTIVITY_TYPES = List.of("Form Completed", "Email Opened", "Email Clicked", "Website Visited");
    private static final Map<String, Object> ALL = Map.of("active_test", false);

    /**
     * Every model and field of Odoo 18 this connector reads, writes or calls, with the module that brings it (the x_
     * fields are not here: the connector creates them). Checked against the database by {@link io.odoohub.pardot.PardotConnector#odooRequirements()}.
     */
    public static final List<OdooRequirement> REQUIREMENTS = requirements();

    private static List<OdooRequirement> requirements() {
        List<OdooRequirement> r = new ArrayList<>();
        for (String f : List.of("name", "type", "email_from", "contact_name", "partner_name", "phone", "partner_id", "stage_id", "user_id",
                "team_id", "probability", "active", "lost_reason_id", "write_date")) {
            r.add(OdooRequirement.field("crm", "crm.lead", f, "prospects as leads, the automation and the push"));
        }
        r.add(OdooRequirement.field("crm", "crm.stage", "is_won", "won and lost in the push"));
        r.add(OdooRequirement.model("sales_team", "crm.team", "assignment rules"));
        r.add(OdooRequirement.field("base", "res.partner", "category_id", "list memberships as partner tags"));
        r.add(OdooRequirement.field("base", "res.partner.category", "name", "list memberships as partner tags"));
        for (String f : List.of("res_model_id", "res_model", "res_id", "activity_type_id", "summary", "note", "date_deadline")) {
            r.add(OdooRequirement.field("mail", "mail.activity", f, "visitor activities on leads"));
        }
        for (String f : List.of("name", "res_model", "category")) {
            r.add(OdooRequirement.field("mail", "mail.activity.type", f, "visitor activity types"));
        }
        r.add(OdooRequirement.model("base", "ir.model", "the x_pardot fields on crm.lead"));
        r.add(OdooRequirement.field("base", "ir.model.fields", "selection_ids", "the x_pardot fields on crm.lead"));
        r.add(OdooRequirement.model("base", "ir.model.fields.selection", "the grade picklist"));
        r.add(OdooRequirement.field("base", "ir.model.data", "res_id", "leads and partners bound by external id"));
        return List.copyOf(r);
    }

    static {
        LEAD_FIELDS.put("x_pardot_score", "integer");
        // a picklist of Pardot's grades, best first, as the seed asks
        LEAD_FIELDS.put("x_pardot_grade", "selection");
        LEAD_FIELDS.put("x_pardot_prospect_id", "char");
        LEAD_FIELDS.put("x_pardot_delete_requested", "boolean");
    }

    private final OdooClient odoo;
    private final ExternalIds bindings;
    private final MappingProfile profile;
    private volatile boolean fieldsReady;
    private final Map<String, Integer> activityTypes = new ConcurrentHashMap<>();
    private volatile Integer leadModelId;

    public PardotOdoo(OdooClient odoo, MappingProfile profile) {
        this.odoo = odoo;
        this.bindings = new ExternalIds(odoo, LeadMapper.MODULE);
        this.profile = profile;
    }

    public OdooClient client() {
        return odoo;
    }

    /** The connector's external ids in Odoo (module {@value LeadMapper#MODULE}). */
    public ExternalIds bindings() {
        return bindings;
    }

    /** Creates the x_ fields on crm.lead that are missing (once per process): one read, at most one create. */
    public void ensureLeadFields() {
        if (fieldsReady) {
            return;
        }
        synchronized (this) {
            if (fieldsReady) {
                return;
            }
            Map<String, String> wanted = new LinkedHashMap<>(LEAD_FIELDS);
            profile.prospectToLead().values().stream().filter(f -> f.startsWith("x_")).forEach(f -> wanted.putIfAbsent(f, "char"));
            List<Map<String, Object>> existing = odoo.searchRead("ir.model.fields",
                    List.of(List.of("model", "=", "crm.lead"), List.of("name", "in", new ArrayList<>(wanted.keySet()))), List.of("name"), null, 0, 0, null);
            existing.forEach(r -> wanted.remove((String) r.get("name")));
            if (!wanted.isEmpty()) {
                int modelId = leadModelId();
                List<Map<String, Object>> rows = new ArrayList<>();
                wanted.forEach((name, type) -> {
                    Map<String, Object> row = new LinkedHashMap<>(Map.of("name", name, "model_id", modelId, "ttype", type, "state", "manual",
                            "field_description", label(name)));
                    if (type.equals("selection")) {
                        List<Object> options = new ArrayList<>();
                        for (int i = 0; i < Grades.ALL.size(); i++) {
                            options.add(List.of(0, 0, Map.of("value", Grades.ALL.get(i), "name", Grades.ALL.get(i), "sequence", i + 1)));
                        }
                        row.put("selection_ids", options);
                    }
                    rows.add(row);
                });
                odoo.create("ir.model.fields", rows, null);
            }
            fieldsReady = true;
        }
    }

    public int leadModelId() {
        if (leadModelId == null) {
            List<Map<String, Object>> m = odoo.searchRead("ir.model", List.of(List.of("model", "=", "crm.lead")), List.of("id"), null, 0, 1, null);
            if (m.isEmpty()) {
                throw new IllegalStateException("Odoo has no crm.lead model: install the CRM app");
            }
            leadModelId = (Integer) m.get(0).get("id");
        }
        return leadModelId;
    }

    /** Activity type name -> id, creating the missing ones (for crm.lead) in one call. */
    public Map<String, Integer> activityTypes() {
        if (activityTypes.size() == ACTIVITY_TYPES.size()) {
            return activityTypes;
        }
        synchronized (this) {
            List<Map<String, Object>> found = odoo.searchRead("mail.activity.type", List.of(List.of("name", "in", ACTIVITY_TYPES)),
                    List.of("id", "name"), "id", 0, 0, ALL);
            found.forEach(r -> activityTypes.putIfAbsent((String) r.get("name"), (Integer) r.get("id")));
            List<String> missing = ACTIVITY_TYPES.stream().filter(t -> !activityTypes.containsKey(t)).toList();
            if (!missing.isEmpty()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                missing.forEach(t -> rows.add(Map.of("name", t, "res_model", "crm.lead", "category", "default")));
                List<Integer> ids = odoo.create("mail.activity.type", rows, null);
                for (int i = 0; i < missing.size(); i++) {
                    activityTypes.put(missing.get(i), ids.get(i));
                }
            }
            return activityTypes;
        }
    }

    /** External ids ({@code module.name}) -> database ids, for those that exist. */
    public Map<String, Integer> resolve(String model, Collection<String> xmlIds) {
        Map<String, Integer> out = new HashMap<>();
        List<String> names = xmlIds.stream().map(x -> x.substring(x.indexOf('.') + 1)).toList();
        bindings.find(model, names).forEach((name, id) -> out.put(bindings.xmlid(name), id));
        return out;
    }

    /** The ids of the stages marked {@code is_won}: in Odoo 18, an active lead at one of them is won. One call. */
    public Set<Integer> wonStageIds() {
        Set<Integer> out = new HashSet<>();
        for (Map<String, Object> r : odoo.searchRead("crm.stage", List.of(List.of("is_won", "=", true)), List.of("id"), null, 0, 0, null)) {
            out.add((Integer) r.get("id"));
        }
        return out;
    }

    public List<Map<String, Object>> readLeads(Collection<Integer> ids, List<String> fields) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return odoo.searchRead("crm.lead", List.of(List.of("id", "in", new ArrayList<>(ids))), fields, null, 0, 0, ALL);
    }

    public List<Map<String, Object>> leadsOfProspects(Collection<String> prospectIds, List<String> fields) {
        if (prospectIds.isEmpty()) {
            return List.of();
        }
        return odoo.searchRead("crm.lead", List.of(List.of("x_pardot_prospect_id", "in", new ArrayList<>(prospectIds))), fields, null, 0, 0, ALL);
    }

    /** Partner tag name -> id, creating the missing tags in one call. */
    public Map<String, Integer> tags(Set<String> names) {
        Map<String, Integer> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        for (Map<String, Object> r : odoo.searchRead("res.partner.category", List.of(List.of("name", "in", new ArrayList<>(names))),
                List.of("id", "name"), "id", 0, 0, ALL)) {
            out.putIfAbsent((String) r.get("name"), (Integer) r.get("id"));
        }
        List<String> missing = names.stream().filter(n -> !out.containsKey(n)).sorted().toList();
        if (!missing.isEmpty()) {
            List<Map<String, Object>> rows = missing.stream().map(n -> Map.<String, Object>of("name", n)).toList();
            List<Integer> ids = odoo.create("res.partner.category", rows, null);
            for (int i = 0; i < missing.size(); i++) {
                out.put(missing.get(i), ids.get(i));
            }
        }
        return out;
    }

    public static String tagName(String listName) {
        return "Pardot: " + listName;
    }

    private static String label(String field) {
        String s = field.replaceFirst("^x_", "").replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
