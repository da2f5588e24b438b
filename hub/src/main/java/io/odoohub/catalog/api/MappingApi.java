package io.odoohub.catalog.api;

import io.odoohub.catalog.client.OdooConnection;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.MappingStore;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Field, category and tax mappings (changes: admin). A field mapping is checked against the server's
 * {@code fields_get} when saved; {@code create_odoo_field: true} creates a missing custom {@code x_} field first,
 * through {@code ir.model.fields} as Odoo Studio does.
 */
public final class MappingApi extends CatalogApiSupport {

    private final MappingEditor editor;
    private final MappingStore mappings;
    private final OdooConnection odoo;

    public MappingApi(ApiGuard guard, MappingEditor editor, OdooConnection odoo) {
        super(guard);
        this.editor = editor;
        this.mappings = editor.store();
        this.odoo = odoo;
    }

    @Override
    protected void endpoints() {
        endpoint("GET", "/odoo/field-mappings", "api-odoo-field-mappings-list", Role.VIEWER, "Lists field mappings",
                e -> ApiResponses.json(e, 200, Map.of("items", mappings.fieldMappings().stream().map(FieldMapping::toJson).toList())));
        endpoint("POST", "/odoo/field-mappings", "api-odoo-field-mappings-save", Role.ADMIN,
                "Creates or updates the mapping of a local field (checked against fields_get)",
                e -> ApiResponses.json(e, 200, editor.saveField(ApiResponses.readObject(e)).toJson()));
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
                "Maps a local category to an Odoo category id (checked in Odoo)",
                e -> ApiResponses.json(e, 200, editor.saveCategory(ApiResponses.readObject(e)).toJson()));
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
                e -> ApiResponses.json(e, 200, editor.saveTax(ApiResponses.readObject(e)).toJson()));
        endpoint("DELETE", "/odoo/tax-mappings/{id}", "api-odoo-tax-mappings-delete", Role.ADMIN, "Deletes a tax mapping", e -> {
            if (!mappings.deleteTax(longPath(e, "id"))) {
                throw ApiException.notFound("no tax mapping " + ApiResponses.pathParam(e, "id"));
            }
            ApiResponses.noContent(e);
        });
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

}
