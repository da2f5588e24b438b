package io.odoohub.opspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.Role;
import io.odoohub.catalog.flow.CatalogSchedules;
import io.odoohub.catalog.model.MappingStore;
import io.odoohub.catalog.model.Schedule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Catalog: field, category and tax mappings and sync schedules. Admins change them through the same editors as the API,
 * so the same checks apply (a field against Odoo's fields_get, a cron expression, a category that must exist in Odoo),
 * and a refusal is shown next to the field it names; operators run a schedule now.
 */
final class CatalogView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NUMBERS = Set.of("priority", "batch_size", "odoo_category_id", "odoo_tax_id");
    /** Fields the forms show a message beside; a refusal about another one is shown above its form. */
    private static final Set<String> SHOWN = Set.of("local_field", "odoo_field", "mapping_type", "transform", "priority", "local_category",
            "odoo_category_id", "local_tax", "odoo_tax_id", "name", "cron_expression", "sync_direction", "batch_size", "filters");
    private static final Set<String> FLAGS = Set.of("is_active", "is_required", "is_bidirectional", "create_odoo_field", "is_enabled");

    private static final Set<String> SCHEDULE_FIELDS = Set.of("name", "description", "cron_expression", "sync_direction", "sync_type",
            "batch_size", "is_enabled", "filters");
    /** The form value naming the record a form edits (absent: the form creates one). */
    private static final String EDIT = "_id";

    private final OpsServices hub;

    CatalogView(OpsServices hub) {
        this.hub = hub;
    }

    void routes(OpsPage.Routes r) {
        r.get("/catalog", Role.VIEWER, c -> {
            String edit = c.param("edit");
            if (edit == null || !c.user.isAdmin()) {
                c.render("catalog", model(null, Map.of(), Map.of()));
                return;
            }
            // an existing schedule's values in the schedule form, saved back to it
            Schedule s = hub.schedules().get(parseId(edit)).orElseThrow(() -> new PageException(404, "no schedule " + edit));
            Map<String, String> values = new LinkedHashMap<>();
            values.put(EDIT, String.valueOf(s.id()));
            values.put("name", s.name());
            values.put("description", s.description() == null ? "" : s.description());
            values.put("cron_expression", s.cronExpression());
            values.put("sync_direction", s.syncDirection());
            values.put("sync_type", s.syncType());
            values.put("batch_size", String.valueOf(s.batchSize()));
            values.put("filters", s.filters() == null ? "" : s.filters());
            values.put("is_enabled", String.valueOf(s.enabled()));
            c.render("catalog", model("schedule", Map.of(), values));
        });
        r.post("/catalog/field-mappings", Role.ADMIN, c -> save(c, "field", Set.of("local_field", "odoo_field", "mapping_type", "transform",
                "owner", "priority", "is_active", "is_required", "is_bidirectional", "create_odoo_field"),
                b -> "Field mapping " + hub.mappings().saveField(b).localField() + " saved."));
        r.post("/catalog/category-mappings", Role.ADMIN, c -> save(c, "category", Set.of("local_category", "odoo_category_id"),
                b -> "Category mapping " + hub.mappings().saveCategory(b).localCategory() + " saved."));
        r.post("/catalog/tax-mappings", Role.ADMIN, c -> save(c, "tax", Set.of("local_tax", "odoo_tax_id"),
                b -> "Tax mapping " + hub.mappings().saveTax(b).localTax() + " saved."));
        r.post("/catalog/field-mappings/(\\d+)/delete", Role.ADMIN, c -> deleted(c, hub.mappings().store().deleteFieldMapping(c.idPart(1))));
        r.post("/catalog/category-mappings/(\\d+)/delete", Role.ADMIN, c -> deleted(c, hub.mappings().store().deleteCategory(c.idPart(1))));
        r.post("/catalog/tax-mappings/(\\d+)/delete", Role.ADMIN, c -> deleted(c, hub.mappings().store().deleteTax(c.idPart(1))));
        r.post("/catalog/schedules", Role.ADMIN, c -> save(c, "schedule", SCHEDULE_FIELDS,
                b -> "Schedule '" + hub.schedules().create(b).name() + "' saved."));
        r.post("/catalog/schedules/(\\d+)", Role.ADMIN, c -> {
            long id = c.idPart(1);
            save(c, "schedule", SCHEDULE_FIELDS, b -> "Schedule '" + hub.schedules().update(id, b).name() + "' saved.", id);
        });
        r.post("/catalog/schedules/(\\d+)/toggle", Role.ADMIN, c -> {
            var s = hub.schedules().toggle(c.idPart(1));
            c.redirect("/catalog", "Schedule '" + s.name() + "' is " + (s.enabled() ? "on" : "off") + ".");
        });
        r.post("/catalog/schedules/(\\d+)/delete", Role.ADMIN, c -> {
            hub.schedules().delete(c.idPart(1));
            c.redirect("/catalog", "Schedule deleted.");
        });
        r.post("/catalog/schedules/(\\d+)/run", Role.OPERATOR, c -> {
            CatalogSchedules.Run run = hub.schedules().run(c.idPart(1), "page");
            c.redirect("/catalog", "Schedule run now: batch " + run.batchId() + ", " + run.productsQueued() + " product(s) queued.");
        });
    }

    @FunctionalInterface
    private interface Save {
        String save(JsonNode body);
    }

    private void save(Call c, String form, Set<String> fields, Save save) throws Exception {
        save(c, form, fields, save, null);
    }

    /**
     * Saves the form through the editor; a refusal re-shows the page with the message beside the field it names (and,
     * for an existing record, still saving to it).
     */
    private void save(Call c, String form, Set<String> fields, Save save, Long editing) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        Map<String, String> values = new LinkedHashMap<>();
        if (editing != null) {
            values.put(EDIT, String.valueOf(editing));
        }
        for (String f : fields) {
            String v = c.param(f);
            if (FLAGS.contains(f)) {
                body.put(f, c.checked(f));
                values.put(f, String.valueOf(c.checked(f)));
                continue;
            }
            if (v == null) {
                continue;
            }
            values.put(f, v);
            if (f.equals("filters")) {
                try {
                    body.set(f, JSON.readTree(v));
                } catch (Exception notJson) {
                    c.render(400, "catalog", null, model(form, Map.of("filters", "filters must be a JSON object such as {\"has_ean\": true}"), values));
                    return;
                }
            } else if (NUMBERS.contains(f) && v.matches("-?\\d{1,9}")) {
                body.put(f, Integer.parseInt(v));
            } else {
                body.put(f, v);
            }
        }
        try {
            String message = save.save(body);
            c.redirect("/catalog", message);
        } catch (ApiException refused) {
            String field = refused.field() != null && SHOWN.contains(refused.field()) ? refused.field() : "_form";
            c.render(refused.status() >= 500 ? 502 : 400, "catalog", null, model(form, Map.of(field, refused.getMessage()), values));
        } catch (io.odoohub.odoo.fault.OdooException odoo) {
            c.render(502, "catalog", null, model(form, Map.of("_form", "Odoo: " + odoo.getMessage()), values));
        }
    }

    private static long parseId(String id) {
        if (!id.matches("\\d{1,18}")) {
            throw new PageException(400, "not a schedule id: " + id);
        }
        return Long.parseLong(id);
    }

    private void deleted(Call c, boolean done) throws Exception {
        c.redirect("/catalog", done ? "Mapping deleted." : "That mapping was already gone.");
    }

    private Map<String, Object> model(String form, Map<String, String> errors, Map<String, String> values) {
        MappingStore store = hub.mappings().store();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "catalog");
        m.put("fieldMappings", store.fieldMappings());
        m.put("categories", store.categories());
        m.put("taxes", store.taxes());
        m.put("schedules", hub.schedules().list());
        m.put("form", form == null ? "" : form);
        m.put("errors", errors);
        m.put("values", values);
        return m;
    }
}
