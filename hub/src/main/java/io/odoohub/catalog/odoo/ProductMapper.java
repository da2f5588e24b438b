package io.odoohub.catalog.odoo;

import io.odoohub.catalog.client.ImageFetcher;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.FieldMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.odoohub.odoo.ExternalIds;
import io.odoohub.support.Hashes;
import io.odoohub.support.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Catalog product <-> product.template values, by the field mappings. Each mapped value also has a canonical text
 * (prices without trailing zeros, ...): the hash of those texts tells whether a product changed since its last sync,
 * and comparing them field by field finds conflicts. The record is bound by external id {@code catalog.product_<key>}.
 */
public final class ProductMapper {

    /** Namespace of catalog products' external ids in Odoo's ir.model.data. */
    public static final String MODULE = "catalog";

    /** What the mapper needs besides the product: mappings, category and tax ids, and the image fetcher (null: no images). */
    public record Rules(List<FieldMapping> mappings, Map<String, Integer> categoryIds, Map<String, Integer> taxIds, ImageFetcher images) {

        /** A signature of the mappings: a changed mapping makes every product differ from its last sync. */
        String signature() {
            StringBuilder sb = new StringBuilder();
            for (FieldMapping m : mappings) {
                sb.append(m.localField()).append('>').append(m.odooField()).append(':').append(m.transform()).append(';');
            }
            return sb.toString();
        }
    }

    /** A required mapped field is empty: the product cannot be written. */
    public static final class MissingField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String field;

        MissingField(String field, String odooField) {
            super("Required field missing: " + field + " (Odoo " + odooField + ")");
            this.field = odooField;
        }
    }

    /** Local field -> canonical text of every mapped, non-empty value. */
    public Map<String, String> canonical(CatalogProduct p, Rules rules) {
        Map<String, String> out = new TreeMap<>();
        for (FieldMapping m : rules.mappings()) {
            Object v = p.get(m.localField());
            if (v == null && m.required()) {
                throw new MissingField(m.localField(), m.odooField());
            }
            if (v != null) {
                out.put(m.localField(), canonical(v));
            }
        }
        return out;
    }

    public String hash(Map<String, String> canonical, Rules rules) {
        return Hashes.sha256Hex(toJson(canonical) + "|" + rules.signature());
    }

    /** The load values of a product: {@code id} (external id) and one column per mapped, non-empty field. */
    public Map<String, Object> loadValues(CatalogProduct p, Rules rules) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", externalId(p.externalKey()));
        for (FieldMapping m : rules.mappings()) {
            Object v = p.get(m.localField());
            if (v == null) {
                continue;
            }
            switch (m.transform() == null ? "" : m.transform()) {
                case "category" -> {
                    Integer id = rules.categoryIds().get(v.toString());
                    // an unmapped category goes by name: Odoo matches it or says it found none
                    values.put(id != null ? m.loadColumn(true) : m.odooField(), id != null ? id : v.toString());
                }
                case "tax" -> {
                    Integer id = rules.taxIds().get(v.toString());
                    if (id == null) {
                        throw new IllegalArgumentException("no tax mapping for tax code '" + v + "'");
                    }
                    values.put(m.loadColumn(true), id);
                }
                case "image" -> {
                    if (rules.images() != null) {
                        values.put(m.odooField(), rules.images().fetchBase64(v.toString()));
                    }
                }
                default -> values.put(m.odooField(), v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            }
        }
        return values;
    }

    /** The Odoo fields a product's load writes, for the history. */
    public static List<String> odooFields(Map<String, Object> loadValues) {
        List<String> out = new ArrayList<>();
        for (String k : loadValues.keySet()) {
            if (!k.equals("id")) {
                out.add(k.endsWith("/.id") ? k.substring(0, k.length() - 4) : k);
            }
        }
        return out;
    }

    /**
     * An Odoo record read back -> local field -> canonical text, for the bidirectional mappings (images are not
     * read back). Many2one values come as [id, name]: a category by its mapping, else by its last name segment.
     */
    public Map<String, String> fromOdoo(Map<String, Object> record, Rules rules) {
        Map<String, String> out = new TreeMap<>();
        for (FieldMapping m : rules.mappings()) {
            if (!m.bidirectional() || "image".equals(m.transform())) {
                continue;
            }
            Object v = record.get(m.odooField());
            if (v == null || Boolean.FALSE.equals(v) && !"boolean".equals(m.transform())) {
                continue;
            }
            if (v instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Integer id) {
                String local = null;
                for (Map.Entry<String, Integer> e : ("tax".equals(m.transform()) ? rules.taxIds() : rules.categoryIds()).entrySet()) {
                    if (e.getValue().equals(id)) {
                        local = e.getKey();
                    }
                }
                if (local == null) {
                    String name = String.valueOf(pair.get(1));
                    local = name.contains(" / ") ? name.substring(name.lastIndexOf(" / ") + 3) : name;
                }
                out.put(m.localField(), local);
            } else {
                String text = canonical(v);
                if (!text.isEmpty()) {
                    out.put(m.localField(), text);
                }
            }
        }
        return out;
    }

    /** The Odoo fields to read back for the bidirectional mappings. */
    public static List<String> readFields(Rules rules) {
        List<String> out = new ArrayList<>(List.of("id", "write_date"));
        for (FieldMapping m : rules.mappings()) {
            if (m.bidirectional() && !"image".equals(m.transform()) && !out.contains(m.odooField())) {
                out.add(m.odooField());
            }
        }
        return out;
    }

    static String canonical(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        return v.toString().trim();
    }

    /** The external id of a catalog key; injective, so two keys never share one Odoo record. */
    public static String externalId(String key) {
        return ExternalIds.xmlid(MODULE, externalName(key));
    }

    /** The name part of the external id (ir.model.data.name). */
    public static String externalName(String key) {
        return "product_" + ExternalIds.encode(key);
    }

    static String toJson(Map<String, String> m) {
        try {
            return Json.INTERNAL.writeValueAsString(new TreeMap<>(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(Json.INTERNAL.readValue(json, Map.class));
        } catch (JsonProcessingException e) {
            return new TreeMap<>();
        }
    }
}
