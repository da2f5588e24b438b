package io.odoohub.shopify.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.ShopifySettings;
import io.odoohub.shopify.model.ShopifyProduct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shopify products -> product.template ({@code shopify.product_<id>}) with one product.product per variant
 * ({@code shopify.variant_<id>}, also bound as {@code shopify.inventory_item_<id>} for stock). Options become
 * attributes and values (created when missing) on the template's attribute lines; Odoo then makes the variants,
 * which are matched to Shopify's by external id, else SKU, else their combination of values. Fields Odoo owns
 * (description, price by default) are written only when the product is new. Every step is one call for the batch.
 */
public final class ProductWriter {

    private final OdooClient odoo;
    private final ShopifyBinder binder;
    private final ShopifySettings settings;

    public ProductWriter(OdooClient odoo, ShopifyBinder binder, ShopifySettings settings) {
        this.odoo = odoo;
        this.binder = binder;
        this.settings = settings;
    }

    /**
     * What a write left in Odoo: Shopify product id -> product.template id, and Shopify variant id -> the variant's
     * price in Odoo afterwards (the push's baseline).
     */
    public record Written(Map<Long, Integer> templates, Map<Long, Double> odooPrices) {
    }

    /** Upserts the products. */
    public Written write(Collection<ShopifyProduct> products) {
        Map<Long, Integer> out = new LinkedHashMap<>();
        if (products.isEmpty()) {
            return new Written(out, Map.of());
        }
        List<String> names = products.stream().map(p -> "product_" + p.id()).toList();
        Map<String, Integer> bound = binder.find("product.template", names);
        Map<String, Integer> categories = categoryIds(products);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ShopifyProduct p : products) {
            rows.add(templateRow(p, !bound.containsKey("product_" + p.id()), categories));
        }
        List<Integer> ids = Loads.load(odoo, "product.template", rows, null);
        int i = 0;
        for (ShopifyProduct p : products) {
            out.put(p.id(), ids.get(i++));
        }
        Map<String, Integer> values = attributeValues(products);
        attributeLines(products, out, values);
        return new Written(out, variants(products, out, values));
    }

    private Map<String, Object> templateRow(ShopifyProduct p, boolean isNew, Map<String, Integer> categories) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", ShopifyBinder.xmlid("product_" + p.id()));
        row.put("name", p.title() == null ? "Shopify product " + p.id() : p.title());
        if (isNew) {
            row.put("type", "consu");
            row.put("is_storable", true);
        }
        if (isNew || !settings.odooOwns("description")) {
            row.put("description_sale", Html.toText(p.bodyHtml()));
        }
        if ((isNew || !settings.odooOwns("price")) && !p.variants().isEmpty()) {
            row.put("list_price", p.variants().get(0).price());
        }
        Integer categ = p.productType() == null ? null : categories.get(p.productType());
        if (categ != null) {
            row.put("categ_id/.id", categ);
        }
        settings.metafields().forEach((key, field) -> {
            if (p.metafields().containsKey(key)) {
                row.put(field, p.metafields().get(key));
            }
        });
        return row;
    }

    /** Product type -> category: the mapped category (by full name or name), else a category named like the type. */
    private Map<String, Integer> categoryIds(Collection<ShopifyProduct> products) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (ShopifyProduct p : products) {
            if (p.productType() != null) {
                wanted.put(p.productType(), settings.categories().getOrDefault(p.productType(), p.productType()));
            }
        }
        Map<String, Integer> out = new HashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        List<Object> targets = new ArrayList<>(new LinkedHashSet<>(wanted.values()));
        Map<String, Integer> byName = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("product.category",
                List.of("|", List.of("complete_name", "in", targets), List.of("name", "in", targets)),
                List.of("name", "complete_name"), "id", 0, 0, null)) {
            byName.putIfAbsent((String) r.get("complete_name"), (Integer) r.get("id"));
            byName.putIfAbsent((String) r.get("name"), (Integer) r.get("id"));
        }
        wanted.forEach((type, target) -> {
            if (byName.containsKey(target)) {
                out.put(type, byName.get(target));
            }
        });
        return out;
    }

    /** Key prefix of attribute ids in the map of {@link #attributeValues}. */
    private static final String ATTRIBUTE = "\u0001";

    /**
     * "Option\u0000Value" -> product.attribute.value id and "\u0001Option" -> product.attribute id, creating missing
     * attributes and values (one call each).
     */
    private Map<String, Integer> attributeValues(Collection<ShopifyProduct> products) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (ShopifyProduct p : products) {
            if (p.hasRealOptions()) {
                for (ShopifyProduct.Option o : p.options()) {
                    wanted.computeIfAbsent(o.name(), k -> new LinkedHashSet<>()).addAll(o.values());
                }
            }
        }
        Map<String, Integer> out = new HashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        Map<String, Integer> attributes = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("product.attribute", List.of(List.of("name", "in", new ArrayList<>(wanted.keySet()))),
                List.of("name"), "id", 0, 0, null)) {
            attributes.putIfAbsent((String) r.get("name"), (Integer) r.get("id"));
        }
        List<String> newAttributes = wanted.keySet().stream().filter(n -> !attributes.containsKey(n)).toList();
        if (!newAttributes.isEmpty()) {
            List<Integer> ids = odoo.create("product.attribute",
                    newAttributes.stream().map(n -> Map.<String, Object>of("name", n, "create_variant", "always")).toList(), null);
            for (int i = 0; i < ids.size(); i++) {
                attributes.put(newAttributes.get(i), ids.get(i));
            }
        }
        attributes.forEach((n, id) -> out.put(ATTRIBUTE + n, id));
        Map<Integer, String> attributeNames = new HashMap<>();
        attributes.forEach((n, id) -> attributeNames.put(id, n));
        for (Map<String, Object> r : odoo.searchRead("product.attribute.value",
                List.of(List.of("attribute_id", "in", new ArrayList<>(attributes.values()))), List.of("name", "attribute_id"), "id", 0, 0, null)) {
            String attr = attributeNames.get(refId(r.get("attribute_id")));
            out.putIfAbsent(attr + "\u0000" + r.get("name"), (Integer) r.get("id"));
        }
        List<String> newValues = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        wanted.forEach((attr, values) -> {
            int seq = 0;
            for (String v : values) {
                seq++;
                if (!out.containsKey(attr + "\u0000" + v)) {
                    newValues.add(attr + "\u0000" + v);
                    rows.add(Map.of("name", v, "attribute_id", attributes.get(attr), "sequence", seq));
                }
            }
        });
        if (!rows.isEmpty()) {
            List<Integer> ids = odoo.create("product.attribute.value", rows, null);
            for (int i = 0; i < ids.size(); i++) {
                out.put(newValues.get(i), ids.get(i));
            }
        }
        return out;
    }

    /** One attribute line per option; a value Shopify added to an existing option is added to its line. */
    private void attributeLines(Collection<ShopifyProduct> products, Map<Long, Integer> templates, Map<String, Integer> values) {
        List<Integer> tmplIds = products.stream().filter(ShopifyProduct::hasRealOptions).map(p -> templates.get(p.id())).toList();
        if (tmplIds.isEmpty()) {
            return;
        }
        Map<String, Map<String, Object>> existing = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("product.template.attribute.line",
                List.of(List.of("product_tmpl_id", "in", tmplIds)), List.of("product_tmpl_id", "attribute_id", "value_ids"), "id", 0, 0, null)) {
            existing.put(refId(r.get("product_tmpl_id")) + ":" + refId(r.get("attribute_id")), r);
        }
        List<Map<String, Object>> create = new ArrayList<>();
        for (ShopifyProduct p : products) {
            if (!p.hasRealOptions()) {
                continue;
            }
            int tmpl = templates.get(p.id());
            for (ShopifyProduct.Option o : p.options()) {
                List<Integer> valueIds = o.values().stream().map(v -> values.get(o.name() + "\u0000" + v)).toList();
                int attribute = values.get(ATTRIBUTE + o.name());
                Map<String, Object> line = existing.get(tmpl + ":" + attribute);
                if (line == null) {
                    create.add(Map.of("product_tmpl_id", tmpl, "attribute_id", attribute, "value_ids", List.of(List.of(6, 0, valueIds))));
                } else {
                    Set<Integer> has = new HashSet<>();
                    for (Object id : (List<?>) line.get("value_ids")) {
                        has.add((Integer) id);
                    }
                    List<Object> add = new ArrayList<>();
                    valueIds.stream().filter(id -> !has.contains(id)).forEach(id -> add.add(List.of(4, id)));
                    if (!add.isEmpty()) {
                        // rare (a value added in Shopify): one write per changed line
                        odoo.write("product.template.attribute.line", List.of((Integer) line.get("id")), Map.of("value_ids", add), null);
                    }
                }
            }
        }
        if (!create.isEmpty()) {
            odoo.create("product.template.attribute.line", create, null);
        }
    }

    /** Binds each Shopify variant to its Odoo variant and writes SKU and barcode, in one load; answers Odoo's prices. */
    private Map<Long, Double> variants(Collection<ShopifyProduct> products, Map<Long, Integer> templates, Map<String, Integer> values) {
        List<Integer> tmplIds = new ArrayList<>(templates.values());
        List<Map<String, Object>> odooVariants = odoo.searchRead("product.product", List.of(List.of("product_tmpl_id", "in", tmplIds)),
                List.of("product_tmpl_id", "default_code", "product_template_attribute_value_ids"), "id", 0, 0, Map.of("active_test", false));
        Map<Integer, Integer> valueOfPtav = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("product.template.attribute.value", List.of(List.of("product_tmpl_id", "in", tmplIds)),
                List.of("product_attribute_value_id"), "id", 0, 0, null)) {
            valueOfPtav.put((Integer) r.get("id"), refId(r.get("product_attribute_value_id")));
        }
        Map<Integer, List<Map<String, Object>>> byTemplate = new HashMap<>();
        for (Map<String, Object> v : odooVariants) {
            byTemplate.computeIfAbsent(refId(v.get("product_tmpl_id")), k -> new ArrayList<>()).add(v);
        }
        Set<String> names = new LinkedHashSet<>();
        for (ShopifyProduct p : products) {
            for (ShopifyProduct.Variant v : p.variants()) {
                names.add("variant_" + v.id());
                if (v.inventoryItemId() != null) {
                    names.add("inventory_item_" + v.inventoryItemId());
                }
            }
        }
        Map<String, Integer> bound = binder.find("product.product", names);
        Map<String, Integer> toBind = new LinkedHashMap<>();
        Map<Long, Integer> odooIdOf = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ShopifyProduct p : products) {
            List<Map<String, Object>> candidates = byTemplate.getOrDefault(templates.get(p.id()), List.of());
            for (ShopifyProduct.Variant v : p.variants()) {
                Integer id = bound.get("variant_" + v.id());
                if (id == null) {
                    id = match(p, v, candidates, values, valueOfPtav);
                    if (id == null) {
                        throw new IllegalStateException("Odoo has no variant of product " + p.id() + " for Shopify variant " + v.id()
                                + " (" + String.join(" / ", v.optionValues()) + ")");
                    }
                    toBind.put("variant_" + v.id(), id);
                }
                odooIdOf.put(v.id(), id);
                if (v.inventoryItemId() != null && !bound.containsKey("inventory_item_" + v.inventoryItemId())) {
                    toBind.put("inventory_item_" + v.inventoryItemId(), id);
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", ShopifyBinder.xmlid("variant_" + v.id()));
                row.put("default_code", v.sku());
                row.put("barcode", v.barcode());
                rows.add(row);
            }
        }
        binder.bind("product.product", toBind);
        Loads.load(odoo, "product.product", rows, null);
        Map<Integer, Double> prices = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("product.product", List.of(List.of("id", "in", new ArrayList<>(odooIdOf.values()))),
                List.of("lst_price"), null, 0, 0, Map.of("active_test", false))) {
            prices.put((Integer) r.get("id"), ((Number) r.get("lst_price")).doubleValue());
        }
        Map<Long, Double> out = new HashMap<>();
        odooIdOf.forEach((variant, id) -> out.put(variant, prices.get(id)));
        return out;
    }

    private static Integer match(ShopifyProduct p, ShopifyProduct.Variant v, List<Map<String, Object>> candidates,
                                 Map<String, Integer> values, Map<Integer, Integer> valueOfPtav) {
        if (v.sku() != null) {
            for (Map<String, Object> c : candidates) {
                if (v.sku().equals(c.get("default_code"))) {
                    return (Integer) c.get("id");
                }
            }
        }
        if (!p.hasRealOptions()) {
            return candidates.size() == 1 ? (Integer) candidates.get(0).get("id") : null;
        }
        Set<Integer> wanted = new HashSet<>();
        for (int i = 0; i < v.optionValues().size() && i < p.options().size(); i++) {
            wanted.add(values.get(p.options().get(i).name() + "\u0000" + v.optionValues().get(i)));
        }
        for (Map<String, Object> c : candidates) {
            Set<Integer> has = new HashSet<>();
            for (Object ptav : (List<?>) c.get("product_template_attribute_value_ids")) {
                has.add(valueOfPtav.get((Integer) ptav));
            }
            if (has.equals(wanted)) {
                return (Integer) c.get("id");
            }
        }
        return null;
    }

    /** products/delete: the templates are archived (orders may still refer to them). One write. */
    public List<Integer> archive(Collection<Long> productIds) {
        Map<String, Integer> bound = binder.find("product.template", productIds.stream().map(id -> "product_" + id).toList());
        List<Integer> ids = new ArrayList<>(bound.values());
        if (!ids.isEmpty()) {
            odoo.write("product.template", ids, Map.of("active", false), null);
        }
        return ids;
    }

    /**
     * Placeholders for SKUs Odoo does not know, so an order still lands: a product named "[Shopify placeholder] ..."
     * whose description says why, bound as {@code shopify.placeholder_<sku>}. Answers SKU -> product.product id.
     */
    public Map<String, Integer> placeholders(Map<String, String> titleBySku) {
        Map<String, Integer> out = new HashMap<>();
        if (titleBySku.isEmpty()) {
            return out;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> skus = new ArrayList<>(titleBySku.keySet());
        for (String sku : skus) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", ShopifyBinder.xmlid("placeholder_" + ExternalIds.encode(sku)));
            row.put("name", "[Shopify placeholder] " + titleBySku.get(sku));
            row.put("default_code", sku);
            row.put("description_sale", "Created by the Shopify connector: an order sold SKU " + sku
                    + ", which no Odoo product had. Replace it with the real product.");
            rows.add(row);
        }
        List<Integer> tmplIds = Loads.load(odoo, "product.template", rows, null);
        for (Map<String, Object> r : odoo.searchRead("product.product", List.of(List.of("product_tmpl_id", "in", tmplIds)),
                List.of("default_code"), "id", 0, 0, null)) {
            out.putIfAbsent((String) r.get("default_code"), (Integer) r.get("id"));
        }
        return out;
    }

    static Integer refId(Object many2one) {
        if (many2one instanceof List<?> l && !l.isEmpty()) {
            return (Integer) l.get(0);
        }
        return many2one instanceof Integer i ? i : null;
    }
}
