package io.odoohub.catalog;

import java.util.Map;

/**
 * One product as a supplier file gives it, in the catalog's vocabulary (title, ean, description, price, weight,
 * brand_name, category, image_url, supplier_reference, supplier_id).
 *
 * @param key    the product's key in the hub: supplier_reference, else ean
 * @param fields every column as read, trimmed; empty cells absent
 */
public record ProductRow(String key, Map<String, String> fields) {

    public String get(String field) {
        return fields.get(field);
    }
}
