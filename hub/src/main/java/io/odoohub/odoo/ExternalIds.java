package io.odoohub.odoo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The binder between a source's keys and Odoo records: Odoo's external ids ({@code ir.model.data}) in one namespace,
 * the module part of {@code module.name} ({@code shopify}, {@code catalog}, {@code pardot}, ...). Every connector
 * finds, binds and unbinds through it, many records at once: one call per {@value #CHUNK} names or ids, never one
 * per record. {@link #encode} makes a source key into the name part.
 */
public final class ExternalIds {

    /** Names or ids per call: each is one element of an {@code in} domain or one row of a create. */
    public static final int CHUNK = 5000;
    static final String MODEL = "ir.model.data";

    /** One external id: {@code module.name} of record {@code resId}. */
    public record Binding(String name, int resId) {
    }

    private final OdooClient odoo;
    private final String module;

    public ExternalIds(OdooClient odoo, String module) {
        if (module == null || module.isEmpty() || module.contains(".")) {
            throw new IllegalArgumentException("an external id namespace is a module name without '.': " + module);
        }
        this.odoo = odoo;
        this.module = module;
    }

    /**
     * Source keys as the name part of an Odoo external id. Letters, digits and '-' stay as they are; any other
     * character becomes {@code _<hex>_}, so the encoding is injective and readable for ordinary SKUs.
     */
    public static String encode(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an external id needs a non-empty key");
        }
        StringBuilder sb = new StringBuilder(key.length() + 8);
        key.codePoints().forEach(cp -> {
            if (cp < 128 && (Character.isLetterOrDigit(cp) || cp == '-')) {
                sb.append((char) cp);
            } else {
                sb.append('_').append(Integer.toHexString(cp)).append('_');
            }
        });
        return sb.toString();
    }

    /** {@code module.name}, as {@code load}'s {@code id} and {@code .../id} columns take it. */
    public static String xmlid(String module, String name) {
        return module + "." + name;
    }

    public String module() {
        return module;
    }

    public String xmlid(String name) {
        return xmlid(module, name);
    }

    /** name -> Odoo id of the records of {@code model} bound under {@code names} (bare names, without the module). */
    public Map<String, Integer> find(String model, Collection<String> names) {
        Map<String, Integer> out = new HashMap<>();
        for (List<?> part : chunks(new LinkedHashSet<>(names))) {
            for (Map<String, Object> r : search(model, "name", part, List.of("name", "res_id"))) {
                out.put((String) r.get("name"), (Integer) r.get("res_id"));
            }
        }
        return out;
    }

    /** The external ids of these records of {@code model}, in this namespace; a record may have several, or none. */
    public List<Binding> bindingsOf(String model, Collection<Integer> resIds) {
        List<Binding> out = new ArrayList<>();
        for (List<?> part : chunks(new LinkedHashSet<>(resIds))) {
            for (Map<String, Object> r : search(model, "res_id", part, List.of("name", "res_id"))) {
                out.add(new Binding((String) r.get("name"), (Integer) r.get("res_id")));
            }
        }
        return out;
    }

    /** Binds records the hub did not create (matched by email, SKU, ...): name -> Odoo id, one create per chunk. */
    public void bind(String model, Map<String, Integer> names) {
        List<Map<String, Object>> rows = new ArrayList<>(names.size());
        names.forEach((name, id) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("module", module);
            row.put("name", name);
            row.put("model", model);
            row.put("res_id", id);
            rows.add(row);
        });
        for (List<Map<String, Object>> part : chunks(rows)) {
            odoo.create(MODEL, part, null);
        }
    }

    /** Removes the external ids of these records (the records stay); returns how many went. */
    public int unbind(String model, Collection<Integer> resIds) {
        return unbindWhere(model, "res_id", resIds);
    }

    /** Removes these external ids (the records stay); returns how many went. */
    public int unbindNames(String model, Collection<String> names) {
        return unbindWhere(model, "name", names);
    }

    private int unbindWhere(String model, String field, Collection<?> values) {
        List<Integer> ids = new ArrayList<>();
        for (List<?> part : chunks(new LinkedHashSet<>(values))) {
            search(model, field, part, List.of("id")).forEach(r -> ids.add((Integer) r.get("id")));
        }
        for (List<Integer> part : chunks(ids)) {
            odoo.unlink(MODEL, part, null);
        }
        return ids.size();
    }

    private List<Map<String, Object>> search(String model, String field, List<?> values, List<String> fields) {
        return odoo.searchRead(MODEL, List.of(List.of("module", "=", module), List.of("model", "=", model), List.of(field, "in", values)),
                fields, null, 0, 0, null);
    }

    private static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return out;
    }
}
