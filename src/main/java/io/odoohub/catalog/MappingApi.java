package io.odoohub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Field, category and tax mappings (changes: admin). A field mapping is checked against the server's
 * {@code fields_get} when saved; {@code create_odoo_field: true} creates a missing custom {@code x_} field first,
 * through {@code ir.model.fields} as Odoo Studio does.
 */
final class MappingApi extends CatalogApiSupport {

    private static final Set<String> TYPES = Set.of("direct", "transform", "custom");
    private static final Set<String> TRANSFORMS = Set.of("price", "category", "image", "tax");
    private static final Map<String, String> FIELD_TYPES = Map.of("title", "char", "ean", "char", "description", "text", "price", "float",
            "weight", "float", "brand_name", "char", "category", "char", "image_url", "char", "supplier_reference", "char", "tax_code", "char");

    private final MappingStore mappings;
    private final OdooConnection odoo;

    MappingApi(ApiGuard guard, MappingStore mappings, OdooConnection odoo) {
        super(guard);
        this.mappings = mappings;
        this.odoo = odoo;
    }

    @Override
    protected void endpoints() {
        endpoint("GET", "/odoo/field-mappings", "api-odoo-field-mappings-list", Role.VIEWER, "Lists field mappings",
                e -> ApiResponses.json(e, 200, Map.of("items", mappings.fieldMappings().stream().map(FieldMapping::toJson).toList())));
        endpoint("POST", "/odoo/field-mappings", "api-odoo-field-mappings-save", Role.ADMIN,
                "Creates or updates the mapping of a local field (checked against fields_get)", this::saveField);
        endpoint("DELETE", "/odoo/field-mappings/{id}", "api-odoo-field-mappings-delete", Role.ADMIN, "Deletes a field mapping", e -> {
            if (!mappings.deleteFieldMapping(longPath(e, "id"))) {
                throw ApiException.notFound("no field mapping " + ApiResponses.pathParam(e, "id"));
            }
            ApiResponses.noContent(e);
        });
        endpoint("GET", "/odoo/odoo-fields", "api-odoo-fields", Role.VIEWER, "The fields of an Odoo model (fields_get)", this::odooFields,
                "model");
        endpoint("GET", "/odoo/category-mappings", "api-odoo-category-mappings-list", Role.VIEWER, "Lists category mappings",
                e -> ApiResponses.json(e, 200, Map.of("items", mappings.categories().stream().map(MappingStore.CategoryMapping::toJson).toList())));
        endpoint("POST", "/odoo/category-mappings", "api-odoo-category-mappings-save", Role.ADMIN,
                "Maps a local category to an Odoo category id (checked in Odoo)", this::saveCategory);
        endpoint("DELETE", "/odoo/category-mappings/{id}", "api-odoo-category-mappings-delete", Role.ADMIN, "Deletes a category mapping",
                e -> {
                    if (!mappings.deleteCategory(longPath(e, "id"))) {
                        throw ApiException.notFound("no category mapping " + ApiResponses.pathParam(e, "id"));
                    }
                    ApiResponses.noContent(e);
                });
        endpoint("GET", "/odoo/tax-mappings", "api-odoo-tax-mappings-list", Role.VIEWER, "Lists tax mappings",
                e -> ApiResponses.json(e, 200, Map.of("items", mappings.taxes().stream().map(MappingStore.TaxMapping::toJson).toList())));
        endpoint("POST", "/odoo/tax-mappings", "api-odoo-tax-mappings-save", Role.ADMIN, "Maps a local tax code to an Odoo tax id",
                this::saveTax);
        endpoint("DELETE", "/odoo/tax-mappings/{id}", "api-odoo-tax-mappings-delete", Role.ADMIN, "Deletes a tax mapping", e -> {
            if (!mappings.deleteTax(longPath(e, "id"))) {
                throw ApiException.notFound("no tax mapping " + ApiResponses.pathParam(e, "id"));
            }
            ApiResponses.noContent(e);
        });
    }

    private void saveField(Exchange e) {
        JsonNode b = ApiResponses.readObject(e);
        String local = ApiResponses.requiredText(b, "local_field");
        String field = ApiResponses.requiredText(b, "odoo_field");
        String model = b.hasNonNull("odoo_model") ? b.get("odoo_model").asText() : FieldMapping.MODEL;
        String type = b.hasNonNull("mapping_type") ? b.get("mapping_type").asText() : "direct";
        String transform = textField(b, "transform");
        String owner = b.hasNonNull("owner") ? b.get("owner").asText() : "hub";
        if (!CatalogProduct.FIELDS.contains(local)) {
            throw ApiException.badRequest("local_field '" + local + "' is not a catalog field; fields are " + CatalogProduct.FIELDS);
        }
        if (!FieldMapping.MODEL.equals(model)) {
            throw ApiException.badRequest("odoo_model must be " + FieldMapping.MODEL + " (variants are not synced)");
        }
        if (!TYPES.contains(type)) {
            throw ApiException.badRequest("mapping_type must be direct, transform or custom");
        }
        if (transform != null && !TRANSFORMS.contains(transform)) {
            throw ApiException.badRequest("transform must be one of " + TRANSFORMS);
        }
        if (!owner.equals("hub") && !owner.equals("odoo")) {
            throw ApiException.badRequest("owner must be hub or odoo");
        }
        Map<String, Map<String, Object>> fields = odoo.client().fieldsGet(model, List.of("string", "type", "required", "readonly", "relation"));
        if (!fields.containsKey(field)) {
            if (!field.startsWith("x_") || !boolField(b, "create_odoo_field", false)) {
                throw ApiException.badRequest("Odoo model " + model + " has no field '" + field + "'"
                        + (field.startsWith("x_") ? " (send create_odoo_field: true to create it)" : ""));
            }
            createCustomField(model, field, local, b);
        } else {
            Map<String, Object> f = fields.get(field);
            if (Boolean.TRUE.equals(f.get("readonly"))) {
                throw ApiException.badRequest("Odoo field " + model + "." + field + " is read-only");
            }
        }
        FieldMapping saved = mappings.save(new FieldMapping(0, local, field, model, type, transform, boolField(b, "is_bidirectional", false),
                boolField(b, "is_required", false), boolField(b, "is_active", true), intField(b, "priority", 10, 0, 10_000), owner));
        ApiResponses.json(e, 200, saved.toJson());
    }

    /** Creates {@code x_...} on the model as Odoo Studio does: an ir.model.fields row in state manual. */
    private void createCustomField(String model, String field, String local, JsonNode b) {
        List<Map<String, Object>> ids = odoo.client().searchRead("ir.model", List.of(List.of("model", "=", model)), List.of("id"), null, 0, 1, null);
        if (ids.isEmpty()) {
            throw ApiException.badRequest("Odoo has no model " + model);
        }
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("name", field);
        vals.put("model_id", ids.get(0).get("id"));
        vals.put("field_description", b.hasNonNull("odoo_field_label") ? b.get("odoo_field_label").asText() : local.replace('_', ' '));
        vals.put("ttype", FIELD_TYPES.getOrDefault(local, "char"));
        vals.put("state", "manual");
        odoo.client().create("ir.model.fields", List.of(vals), null);
    }

    private void odooFields(Exchange e) {
        String model = e.getMessage().getHeader("model", String.class);
        if (model == null || model.isBlank()) {
            model = FieldMapping.MODEL;
        }
        if (!model.matches("[a-z_][a-z0-9_.]{0,100}")) {
            throw ApiException.badRequest("model must be an Odoo model name such as product.template");
        }
        Map<String, Map<String, Object>> fields = odoo.client().fieldsGet(model, List.of("string", "type", "required", "readonly", "relation"));
        List<Map<String, Object>> items = fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.getKey());
            m.putAll(f.getValue());
            return m;
        }).toList();
        ApiResponses.json(e, 200, Map.of("model", model, "fields", items));
    }

    private void saveCategory(Exchange e) {
        JsonNode b = ApiResponses.readObject(e);
        String local = ApiResponses.requiredText(b, "local_category");
        int id = intField(b, "odoo_category_id", -1, 1, Integer.MAX_VALUE);
        if (id < 1) {
            throw ApiException.badRequest("odoo_category_id is required");
        }
        List<Map<String, Object>> found = odoo.client().searchRead("product.category", List.of(List.of("id", "=", id)),
                List.of("complete_name"), null, 0, 1, null);
        if (found.isEmpty()) {
            throw ApiException.badRequest("Odoo has no product category " + id);
        }
        ApiResponses.json(e, 200, mappings.saveCategory(local, id, String.valueOf(found.get(0).get("complete_name"))).toJson());
    }

    private void saveTax(Exchange e) {
        JsonNode b = ApiResponses.readObject(e);
        String local = ApiResponses.requiredText(b, "local_tax");
        int id = intField(b, "odoo_tax_id", -1, 1, Integer.MAX_VALUE);
        if (id < 1) {
            throw ApiException.badRequest("odoo_tax_id is required");
        }
        List<Map<String, Object>> found = odoo.client().searchRead("account.tax", List.of(List.of("id", "=", id)), List.of("name"), null, 0, 1, null);
        if (found.isEmpty()) {
            throw ApiException.badRequest("Odoo has no tax " + id);
        }
        ApiResponses.json(e, 200, mappings.saveTax(local, id, String.valueOf(found.get(0).get("name"))).toJson());
    }
}
