package io.odoohub.catalog.model;

import io.odoohub.store.Jdbc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Field, category and tax mappings in the hub's database; the seed's default field mappings on first use. */
public final class MappingStore {

    /** A local category -> Odoo product.category id. */
    public record CategoryMapping(long id, String localCategory, int odooCategoryId, String odooPath) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("local_category", localCategory);
            m.put("odoo_category_id", odooCategoryId);
            m.put("odoo_path", odooPath);
            return m;
        }
    }

    /** A local tax code (e.g. "VAT20") -> Odoo account.tax id. */
    public record TaxMapping(long id, String localTax, int odooTaxId, String description) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("local_tax", localTax);
            m.put("odoo_tax_id", odooTaxId);
            m.put("description", description);
            return m;
        }
    }

    private final Jdbc jdbc;

    public MappingStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * The seed's default table, plus its custom-mapping example (supplier_reference -> default_code, used to match
     * existing Odoo products). x_brand starts inactive: the field does not exist in a fresh Odoo until an admin
     * creates it (POST a mapping with create_odoo_field).
     */
    public void installDefaults() {
        if (!fieldMappings().isEmpty()) {
            return;
        }
        String m = FieldMapping.MODEL;
        List<FieldMapping> defaults = List.of(
                new FieldMapping(0, "title", "name", m, "direct", null, true, true, true, 1, "hub"),
                new FieldMapping(0, "ean", "barcode", m, "direct", null, true, true, true, 2, "hub"),
                new FieldMapping(0, "description", "description_sale", m, "direct", null, true, false, true, 3, "hub"),
                new FieldMapping(0, "price", "list_price", m, "transform", "price", true, false, true, 4, "odoo"),
                new FieldMapping(0, "weight", "weight", m, "direct", null, true, false, true, 5, "hub"),
                new FieldMapping(0, "brand_name", "x_brand", m, "custom", null, true, false, false, 6, "hub"),
                new FieldMapping(0, "category", "categ_id", m, "transform", "category", false, false, true, 7, "hub"),
                new FieldMapping(0, "image_url", "image_1920", m, "transform", "image", false, false, true, 8, "hub"),
                new FieldMapping(0, "supplier_reference", "default_code", m, "direct", null, true, false, true, 10, "hub"));
        for (FieldMapping f : defaults) {
            save(f);
        }
    }

    public List<FieldMapping> fieldMappings() {
        return jdbc.list("could not read field mappings", "SELECT id, local_field, odoo_field,"
                + " odoo_model, mapping_type, transform, is_bidirectional, is_required, is_active, priority, owner FROM catalog_field_mapping"
                + " ORDER BY priority, id", rs -> new FieldMapping(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getInt(10), rs.getString(11)));
    }

    /** The active mappings of product.template, by priority. */
    public List<FieldMapping> activeProductMappings() {
        return fieldMappings().stream().filter(f -> f.active() && FieldMapping.MODEL.equals(f.odooModel())).toList();
    }

    public Optional<FieldMapping> fieldMapping(long id) {
        return fieldMappings().stream().filter(f -> f.id() == id).findFirst();
    }

    /** Creates, or updates the mapping of the same model and local field (the seed's "create/update"). */
    public FieldMapping save(FieldMapping f) {
        Optional<FieldMapping> existing = fieldMappings().stream()
                .filter(x -> x.odooModel().equals(f.odooModel()) && x.localField().equals(f.localField())).findFirst();
        long id;
        if (existing.isPresent()) {
            id = existing.get().id();
            jdbc.update("could not save a field mapping", "UPDATE catalog_field_mapping SET odoo_field = ?, mapping_type = ?,"
                    + " transform = ?, is_bidirectional = ?, is_required = ?, is_active = ?, priority = ?, owner = ? WHERE id = ?",
                    mappingValues(f, id));
        } else {
            id = jdbc.insert("could not save a field mapping", "INSERT INTO catalog_field_mapping (odoo_field, mapping_type, transform,"
                    + " is_bidirectional, is_required, is_active, priority, owner, local_field, odoo_model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "id", mappingValues(f, f.localField(), f.odooModel()));
        }
        return fieldMapping(id).orElseThrow();
    }

    /** The mapping's eight columns, then {@code more}. */
    private static Object[] mappingValues(FieldMapping f, Object... more) {
        List<Object> v = new ArrayList<>(java.util.Arrays.asList(f.odooField(), f.mappingType(), f.transform(), f.bidirectional(), f.required(),
                f.active(), f.priority(), f.owner()));
        v.addAll(java.util.Arrays.asList(more));
        return v.toArray();
    }

    public boolean deleteFieldMapping(long id) {
        return delete("catalog_field_mapping", id);
    }

    // ------------------------------------------------------------------ categories and taxes

    public List<CategoryMapping> categories() {
        return jdbc.list("could not read category mappings",
                "SELECT id, local_category, odoo_category_id, odoo_path FROM catalog_category_mapping ORDER BY local_category",
                rs -> new CategoryMapping(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
    }

    /** Local category -> Odoo category id. */
    public Map<String, Integer> categoryIds() {
        Map<String, Integer> m = new LinkedHashMap<>();
        categories().forEach(c -> m.put(c.localCategory(), c.odooCategoryId()));
        return m;
    }

    public CategoryMapping saveCategory(String local, int odooId, String path) {
        upsert("catalog_category_mapping", "local_category", "odoo_category_id", "odoo_path", local, odooId, path);
        return categories().stream().filter(c -> c.localCategory().equals(local)).findFirst().orElseThrow();
    }

    public boolean deleteCategory(long id) {
        return delete("catalog_category_mapping", id);
    }

    public List<TaxMapping> taxes() {
        return jdbc.list("could not read tax mappings", "SELECT id, local_tax, odoo_tax_id, description FROM catalog_tax_mapping ORDER BY local_tax",
                rs -> new TaxMapping(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
    }

    public Map<String, Integer> taxIds() {
        Map<String, Integer> m = new LinkedHashMap<>();
        taxes().forEach(t -> m.put(t.localTax(), t.odooTaxId()));
        return m;
    }

    public TaxMapping saveTax(String local, int odooId, String description) {
        upsert("catalog_tax_mapping", "local_tax", "odoo_tax_id", "description", local, odooId, description);
        return taxes().stream().filter(t -> t.localTax().equals(local)).findFirst().orElseThrow();
    }

    public boolean deleteTax(long id) {
        return delete("catalog_tax_mapping", id);
    }

    private void upsert(String table, String keyCol, String idCol, String textCol, String key, int odooId, String text) {
        jdbc.upsert("could not save a mapping", "UPDATE " + table + " SET " + idCol + " = ?, " + textCol + " = ? WHERE " + keyCol + " = ?",
                new Object[] {odooId, text, key}, "INSERT INTO " + table + " (" + keyCol + ", " + idCol + ", " + textCol + ") VALUES (?, ?, ?)",
                new Object[] {key, odooId, text});
    }

    private boolean delete(String table, long id) {
        return jdbc.update("could not delete a mapping", "DELETE FROM " + table + " WHERE id = ?", id) == 1;
    }
}
