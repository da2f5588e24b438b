package io.odoohub.catalog.api;

import io.odoohub.catalog.client.OdooConnection;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.MappingStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to the field, category and tax mappings, checked as the API has always checked them (a field mapping
 * against the server's {@code fields_get}, an Odoo category or tax id against Odoo). The API and the operator's page
 * both save through here; a refusal is an {@link ApiException} naming the field that is wrong.
 */
public final class MappingEditor {

    private static final Set<String> TYPES = Set.of("direct", "transform", "custom");
    private static final Set<String> TRANSFORMS = Set.of("price", "category", "image", "tax");
    private static final Map<String, String> FIELD_TYPES = Map.of("title", "char", "ean", "char", "description", "text", "price", "float",
            "weight", "float", "brand_name", "char", "category", "char", "image_url", "char", "supplier_reference", "char", "tax_code", "char");

    private final MappingStore mappings;
    private final OdooConnection odoo;

    public MappingEditor(MappingStore mappings, OdooConnection odoo) {
        this.mappings = mappings;
        this.odoo = odoo;
    }

    public MappingStore store() {
        return mappings;
    }

    /** Creates or updates the mapping of a local field, checked against the server's fields_get. */
    public FieldMapping saveField(JsonNode b) {
        String local = ApiResponses.requiredText(b, "local_field");
        String field = ApiResponses.requiredText(b, "odoo_field");
        String model = b.hasNonNull("odoo_model") ? b.get("odoo_model").asText() : FieldMapping.MODEL;
        String type = b.hasNonNull("mapping_type") ? b.get("mapping_type").asText() : "direct";
        String transform = CatalogApiSupport.textField(b, "transform");
        String owner = b.hasNonNull("owner") ? b.get("owner").asText() : "hub";
        if (!CatalogProduct.FIELDS.contains(local)) {
            throw ApiException.invalid("local_field", "local_field '" + local + "' is not a catalog field; fields are " + CatalogProduct.FIELDS);
        }
        if (!FieldMapping.MODEL.equals(model)) {
            throw ApiException.invalid("odoo_model", "odoo_model must be " + FieldMapping.MODEL + " (variants are not synced)");
        }
        if (!TYPES.contains(type)) {
            throw ApiException.invalid("mapping_type", "mapping_type must be direct, transform or custom");
        }
        if (transform != null && !TRANSFORMS.contains(transform)) {
            throw ApiException.invalid("transform", "transform must be one of " + TRANSFORMS);
        }
        if (!owner.equals("hub") && !owner.equals("odoo")) {
            throw ApiException.invalid("owner", "owner must be hub or odoo");
        }
        Map<String, Map<String, Object>> fields = odoo.client().fieldsGet(model, List.of("string", "type", "required", "readonly", "relation"));
        if (!fields.containsKey(field)) {
            if (!field.startsWith("x_") || !CatalogApiSupport.boolField(b, "create_odoo_field", false)) {
                throw ApiException.invalid("odoo_field", "Odoo model " + model + " has no field '" + field + "'"
                        + (field.startsWith("x_") ? " (send create_odoo_field: true to create it)" : ""));
            }
            createCustomField(model, field, local, b);
        } else {
            Map<String, Object> f = fields.get(field);
            if (Boolean.TRUE.equals(f.get("readonly"))) {
                throw ApiException.invalid("odoo_field", "Odoo field " + model + "." + field + " is read-only");
            }
        }
        return mappings.save(new FieldMapping(0, local, field, model, type, transform, CatalogApiSupport.boolField(b, "is_bidirectional", false),
                CatalogApiSupport.boolField(b, "is_required", false), CatalogApiSupport.boolField(b, "is_active", true),
                CatalogApiSupport.intField(b, "priority", 10, 0, 10_000), owner));
    }

    /** Creates {@code x_...} on the model as Odoo Studio does: an ir.model.fields row in state manual. */
    private void createCustomField(String model, String field, String local, JsonNode b) {
        List<Map<String, Object>> ids = odoo.client().searchRead("ir.model", List.of(List.of("model", "=", model)), List.of("id"), null, 0, 1, null);
        if (ids.isEmpty()) {
            throw ApiException.invalid("odoo_model", "Odoo has no model " + model);
        }
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("name", field);
        vals.put("model_id", ids.get(0).get("id"));
        vals.put("field_description", b.hasNonNull("odoo_field_label") ? b.get("odoo_field_label").asText() : local.replace('_', ' '));
        vals.put("ttype", FIELD_TYPES.getOrDefault(local, "char"));
        vals.put("state", "manual");
        odoo.client().create("ir.model.fields", List.of(vals), null);
    }

    /** Maps a local category to an Odoo product category id, which must exist in Odoo. */
    public MappingStore.CategoryMapping saveCategory(JsonNode b) {
        String local = ApiResponses.requiredText(b, "local_category");
        int id = CatalogApiSupport.intField(b, "odoo_category_id", -1, 1, Integer.MAX_VALUE);
        if (id < 1) {
            throw ApiException.invalid("odoo_category_id", "odoo_category_id is required");
        }
        List<Map<String, Object>> found = odoo.client().searchRead("product.category", List.of(List.of("id", "=", id)),
                List.of("complete_name"), null, 0, 1, null);
        if (found.isEmpty()) {
            throw ApiException.invalid("odoo_category_id", "Odoo has no product category " + id);
        }
        return mappings.saveCategory(local, id, String.valueOf(found.get(0).get("complete_name")));
    }

    /** Maps a local tax code to an Odoo tax id, which must exist in Odoo. */
    public MappingStore.TaxMapping saveTax(JsonNode b) {
        String local = ApiResponses.requiredText(b, "local_tax");
        int id = CatalogApiSupport.intField(b, "odoo_tax_id", -1, 1, Integer.MAX_VALUE);
        if (id < 1) {
            throw ApiException.invalid("odoo_tax_id", "odoo_tax_id is required");
        }
        List<Map<String, Object>> found = odoo.client().searchRead("account.tax", List.of(List.of("id", "=", id)), List.of("name"), null, 0, 1, null);
        if (found.isEmpty()) {
            throw ApiException.invalid("odoo_tax_id", "Odoo has no tax " + id);
        }
        return mappings.saveTax(local, id, String.valueOf(found.get(0).get("name")));
    }
}
