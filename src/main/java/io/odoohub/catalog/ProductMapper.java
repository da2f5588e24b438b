package io.odoohub.catalog;

import io.odoohub.odoo.ExternalIds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Catalog product -> product.template values for {@code load}, by the catalog seed's default field mappings
 * (title->name, ean->barcode, description->description_sale, price->list_price, weight->weight,
 * supplier_reference->default_code, category->categ_id by name). Values go to Odoo as the file gave them, so a bad
 * value is refused with Odoo's own reason. The record is bound by external id {@code catalog.product_<key>}.
 */
public final class ProductMapper {

    /** Namespace of catalog products' external ids in Odoo's ir.model.data. */
    public static final String MODULE = "catalog";

    private static final Map<String, String> DEFAULT_FIELDS = defaults();
    /** The Odoo fields this mapping can write, for the sync history. */
    public static final String FIELDS = String.join(",", DEFAULT_FIELDS.values());

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("title", "name");
        m.put("ean", "barcode");
        m.put("description", "description_sale");
        m.put("price", "list_price");
        m.put("weight", "weight");
        m.put("supplier_reference", "default_code");
        m.put("category", "categ_id");
        return m;
    }

    public Map<String, Object> toOdoo(ProductRow row) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", externalId(row.key()));
        for (Map.Entry<String, String> e : DEFAULT_FIELDS.entrySet()) {
            String v = row.get(e.getKey());
            if (v != null) {
                values.put(e.getValue(), v);
            }
        }
        return values;
    }

    /** The external id of a catalog key; injective, so two keys never share one Odoo record. */
    public static String externalId(String key) {
        return MODULE + ".product_" + ExternalIds.encode(key);
    }
}
