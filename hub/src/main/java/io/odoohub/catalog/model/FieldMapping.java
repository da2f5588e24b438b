package io.odoohub.catalog.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One local field -> Odoo field mapping (the seed's shape) plus which side owns the field: when both sides changed
 * it since the last sync, the owner's value wins.
 *
 * @param mappingType {@code direct} (copied), {@code transform} (through the named transform), {@code custom} (an x_ field)
 * @param transform   {@code price}, {@code category}, {@code image}, {@code tax} or null
 * @param owner       {@code hub} or {@code odoo}
 */
public record FieldMapping(long id, String localField, String odooField, String odooModel, String mappingType, String transform,
                           boolean bidirectional, boolean required, boolean active, int priority, String owner) {

    public static final String MODEL = "product.template";

    /** The load column this mapping writes (a category or tax mapped to an Odoo id goes by database id). */
    public String loadColumn(boolean byDatabaseId) {
        return byDatabaseId ? odooField + "/.id" : odooField;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("local_field", localField);
        m.put("odoo_field", odooField);
        m.put("odoo_model", odooModel);
        m.put("mapping_type", mappingType);
        m.put("transform", transform);
        m.put("is_bidirectional", bidirectional);
        m.put("is_required", required);
        m.put("is_active", active);
        m.put("priority", priority);
        m.put("owner", owner);
        return m;
    }
}
