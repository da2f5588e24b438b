package io.odoohub.catalog.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One product of the local catalog (the seed's "Products Manager" side) with its sync state.
 *
 * @param externalKey  the key its Odoo external id is made of ({@code catalog.product_<key>}): supplier_reference,
 *                     else ean, else the id; fixed when the product is created so the binding never moves
 * @param odooId       the bound product.template id, null before the first sync
 * @param syncedHash   hash of the Odoo values last written or read, to skip unchanged products
 * @param syncedValues those values as JSON (local field -> value), the base of conflict detection
 */
public record CatalogProduct(String id, String externalKey, String title, String ean, String description, BigDecimal price,
                             BigDecimal weight, String brandName, String category, String imageUrl, String supplierReference,
                             Long supplierId, String taxCode, Instant createdAt, Instant modifiedAt, Integer odooId,
                             String syncedHash, String syncedValues, Instant syncedAt) {

    /** The local fields a mapping can name. */
    public static final List<String> FIELDS = List.of("title", "ean", "description", "price", "weight", "brand_name", "category",
            "image_url", "supplier_reference", "supplier_id", "tax_code");

    /** A local field's value by its API name; null when empty. */
    public Object get(String field) {
        return switch (field) {
            case "title" -> title;
            case "ean" -> ean;
            case "description" -> description;
            case "price" -> price;
            case "weight" -> weight;
            case "brand_name" -> brandName;
            case "category" -> category;
            case "image_url" -> imageUrl;
            case "supplier_reference" -> supplierReference;
            case "supplier_id" -> supplierId;
            case "tax_code" -> taxCode;
            default -> throw new IllegalArgumentException("unknown catalog field '" + field + "'");
        };
    }

    /** The product's fields in the API's names (for JSON answers). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        for (String f : FIELDS) {
            m.put(f, get(f));
        }
        m.put("odoo_product_id", odooId);
        m.put("created_at", createdAt == null ? null : createdAt.toString());
        m.put("modified_at", modifiedAt == null ? null : modifiedAt.toString());
        m.put("last_synced_at", syncedAt == null ? null : syncedAt.toString());
        return m;
    }

    public CatalogProduct withSync(Integer odooId, String hash, String values, Instant at) {
        return new CatalogProduct(id, externalKey, title, ean, description, price, weight, brandName, category, imageUrl,
                supplierReference, supplierId, taxCode, createdAt, modifiedAt, odooId, hash, values, at);
    }
}
