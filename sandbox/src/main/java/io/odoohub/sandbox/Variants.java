package io.odoohub.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Product variants as Odoo makes them: one product.product per combination of the values on the template's
 * attribute lines (attributes that create variants only), each bound to its product.template.attribute.value rows.
 * Variants whose combination disappeared are removed, or archived when something still uses them.
 */
final class Variants {

    private Variants() {
    }

    static void install(Orm orm) {
        orm.onCreate("product.template", (o, tmpl, vals) -> {
            if ("product.product".equals(o.delegating)) {
                return; // the product.product being created is the variant
            }
            if (!o.model("product.product").refsTo("product_tmpl_id", tmpl.id).isEmpty()) {
                return; // attribute lines created with the template already made the variants
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("product_tmpl_id", tmpl.id);
            for (String f : List.of("default_code", "barcode", "active")) {
                if (vals.containsKey(f)) {
                    v.put(f, vals.get(f));
                }
            }
            o.create(o.model("product.product"), v);
        });
        orm.model("product.template.attribute.line").checks.add((o, line, changed) -> {
            Rec tmpl = o.row("product.template", line.ref("product_tmpl_id"));
            if (tmpl != null) {
                sync(o, tmpl);
            }
        });
        orm.onUnlink("product.template.attribute.line", (o, line) -> o.atEndOfCall(() -> {
            Rec tmpl = o.row("product.template", line.ref("product_tmpl_id"));
            if (tmpl != null) {
                sync(o, tmpl);
            }
        }));
        orm.model("product.template").checks.add((o, tmpl, changed) -> {
            if (changed.contains("active")) {
                Model pp = o.model("product.product");
                for (Integer id : new ArrayList<>(pp.refsTo("product_tmpl_id", tmpl.id))) {
                    o.setRaw(pp.rows.get(id), "active", tmpl.get("active"));
                }
            }
        });
        Model product = orm.model("product.product");
        product.displayName = r -> {
            Rec t = orm.row("product.template", r.ref("product_tmpl_id"));
            String name = t == null ? "" : t.str("name");
            Object ptavs = r.get("product_template_attribute_value_ids");
            if (ptavs instanceof List<?> ids && !ids.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (Object id : ids) {
                    Rec ptav = orm.row("product.template.attribute.value", (Integer) id);
                    Rec value = ptav == null ? null : orm.row("product.attribute.value", ptav.ref("product_attribute_value_id"));
                    if (value != null) {
                        names.add(value.str("name"));
                    }
                }
                name = name + " (" + String.join(", ", names) + ")";
            }
            return r.str("default_code") == null ? name : "[" + r.str("default_code") + "] " + name;
        };
    }

    /** Brings the template's variants in line with its attribute lines. */
    static void sync(Orm o, Rec tmpl) {
        Model lines = o.model("product.template.attribute.line");
        Model ptavModel = o.model("product.template.attribute.value");
        Model products = o.model("product.product");
        List<List<Integer>> axes = new ArrayList<>();
        for (Integer lineId : new TreeSet<>(lines.refsTo("product_tmpl_id", tmpl.id))) {
            Rec line = lines.rows.get(lineId);
            Rec attribute = o.row("product.attribute", line.ref("attribute_id"));
            if (Boolean.FALSE.equals(line.get("active")) || attribute == null || "no_variant".equals(attribute.str("create_variant"))) {
                continue;
            }
            Map<Integer, Integer> byValue = new HashMap<>();
            for (Integer ptavId : ptavModel.refsTo("attribute_line_id", lineId)) {
                byValue.put(ptavModel.rows.get(ptavId).ref("product_attribute_value_id"), ptavId);
            }
            List<Integer> axis = new ArrayList<>();
            for (Object valueId : (List<?>) o.get(line, "value_ids")) {
                Integer ptav = byValue.get((Integer) valueId);
                if (ptav == null) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("product_attribute_value_id", valueId);
                    v.put("attribute_line_id", lineId);
                    v.put("product_tmpl_id", tmpl.id);
                    ptav = o.create(ptavModel, v);
                }
                axis.add(ptav);
            }
            if (!axis.isEmpty()) {
                axes.add(axis);
            }
        }
        List<Set<Integer>> wanted = new ArrayList<>();
        wanted.add(new TreeSet<>());
        for (List<Integer> axis : axes) {
            List<Set<Integer>> next = new ArrayList<>();
            for (Set<Integer> combo : wanted) {
                for (Integer ptav : axis) {
                    Set<Integer> c = new TreeSet<>(combo);
                    c.add(ptav);
                    next.add(c);
                }
            }
            wanted = next;
        }
        Map<Set<Integer>, Rec> existing = new HashMap<>();
        for (Integer id : new ArrayList<>(products.refsTo("product_tmpl_id", tmpl.id))) {
            Rec p = products.rows.get(id);
            Set<Integer> key = new TreeSet<>();
            for (Object x : (List<?>) o.get(p, "product_template_attribute_value_ids")) {
                key.add((Integer) x);
            }
            if (wanted.contains(key) && !existing.containsKey(key)) {
                existing.put(key, p);
                if (Boolean.FALSE.equals(p.get("active")) && !Boolean.FALSE.equals(tmpl.get("active"))) {
                    o.setRaw(p, "active", true);
                }
            } else {
                retire(o, p);
            }
        }
        for (Set<Integer> combo : wanted) {
            if (!existing.containsKey(combo)) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("product_tmpl_id", tmpl.id);
                v.put("product_template_attribute_value_ids", List.of(List.of(6, 0, new ArrayList<>(combo))));
                o.create(products, v);
            }
        }
    }

    /** Odoo's _unlink_or_archive: a variant still used by order lines or quants is archived, else deleted. */
    private static void retire(Orm o, Rec variant) {
        boolean used = !o.model("sale.order.line").refsTo("product_id", variant.id).isEmpty()
                || !o.model("stock.quant").refsTo("product_id", variant.id).isEmpty();
        if (used) {
            o.setRaw(variant, "active", false);
        } else {
            o.unlink(o.model("product.product"), List.of(variant.id));
        }
    }
}
