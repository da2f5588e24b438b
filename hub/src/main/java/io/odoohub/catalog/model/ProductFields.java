package io.odoohub.catalog.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The normaliser: product fields as text (a file row, a webhook body, a REST body, values read from Odoo) -> a
 * {@link CatalogProduct}. A value that is not what its field needs is refused with the field and the value named.
 */
public final class ProductFields {

    private ProductFields() {
    }

    /**
     * A product with these fields applied over {@code base} (null: a new product). Only the named fields change;
     * a field named with an empty value is cleared.
     */
    public static CatalogProduct apply(CatalogProduct base, Map<String, String> fields, Instant now) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String f : CatalogProduct.FIELDS) {
            v.put(f, base == null ? null : base.get(f));
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!v.containsKey(e.getKey())) {
                continue; // other columns (updated_at, ...) are not catalog fields
            }
            String text = e.getValue() == null || e.getValue().isBlank() ? null : e.getValue().trim();
            v.put(e.getKey(), typed(e.getKey(), text));
        }
        String id = base == null ? UUID.randomUUID().toString() : base.id();
        String key = base != null ? base.externalKey() : keyOf((String) v.get("supplier_reference"), (String) v.get("ean"), id);
        if (v.get("title") == null) {
            throw new IllegalArgumentException("title is required");
        }
        return new CatalogProduct(id, key, (String) v.get("title"), (String) v.get("ean"), (String) v.get("description"),
                (BigDecimal) v.get("price"), (BigDecimal) v.get("weight"), (String) v.get("brand_name"), (String) v.get("category"),
                (String) v.get("image_url"), (String) v.get("supplier_reference"), (Long) v.get("supplier_id"), (String) v.get("tax_code"),
                base == null ? now : base.createdAt(), now, base == null ? null : base.odooId(),
                base == null ? null : base.syncedHash(), base == null ? null : base.syncedValues(), base == null ? null : base.syncedAt());
    }

    /** The key of a product in the hub: supplier_reference, else ean, else its id. */
    public static String keyOf(String supplierReference, String ean, String id) {
        return supplierReference != null ? supplierReference : ean != null ? ean : id;
    }

    private static Object typed(String field, String text) {
        if (text == null) {
            return null;
        }
        switch (field) {
            case "price", "weight" -> {
                try {
                    BigDecimal d = new BigDecimal(text);
                    if (d.signum() < 0) {
                        throw new IllegalArgumentException(field + " '" + text + "' must not be negative");
                    }
                    return d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(field + " '" + text + "' is not a number");
                }
            }
            case "supplier_id" -> {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("supplier_id '" + text + "' is not an integer");
                }
            }
            case "ean" -> {
                if (!text.matches("[0-9]{6,14}")) {
                    throw new IllegalArgumentException("ean '" + text + "' must be 6 to 14 digits");
                }
                return text;
            }
            default -> {
                if (text.length() > 2000) {
                    throw new IllegalArgumentException(field + " is longer than 2000 characters");
                }
                return text;
            }
        }
    }
}
