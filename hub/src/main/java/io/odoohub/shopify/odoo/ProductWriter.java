package io.odoohub.shopify.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.model.ShopifyProduct;
import io.odoohub.shopify.model.ShopifyRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify products -> product.template ({@code shopify.product_<id>}) with one product.product per variant
 * ({@code shopify.variant_<id>}, also bound as {@code shopify.inventory_item_<id>} for stock). Options become
 * attributes and values (created when missing) on the template's attribute lines; Odoo then makes the variants,
 * which are matched to Shopify's by external id, else SKU, else their combination of values.
 * <p>
 * Prices: Odoo prices a variant at the template's {@code list_price} plus the {@code price_extra} of its attribute
 * values (product.template.attribute.value). The template gets the cheapest variant's price and each option value the
 * extra {@link VariantPrices} solves, so every variant's {@code lst_price} is its Shopify price when Shopify's prices
 * are additive across options; otherwise the variants Odoo prices differently are named in the product's notes (sync
 * history and log). The description (HTML) goes to the template's HTML {@code description}. Fields Odoo owns
 * (description, price by default) are written only when the product is new.
 * <p>
 * Placeholders: a variant whose SKU an earlier order had to stand in for with a placeholder product replaces it on
 * the lines of draft and sent orders; the placeholder is archived and loses the SKU. Lines of confirmed or cancelled
 * orders keep it (their deliveries and invoices refer to it), and the notes say how many.
 * <p>
 * Every step is one call for the batch.
 */
public final class ProductWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ProductWriter.class);
    /** Order states whose lines may change product (Odoo's quotations). */
    private static final Set<String> QUOTATION = Set.of("draft", "sent");

    private final OdooClient odoo;
    private final ExternalIds binder;
    private final ShopifyRules settings;

    public ProductWriter(OdooClient odoo, ExternalIds binder, ShopifyRules settings) {
        this.odoo = odoo;
        this.binder = binder;
        this.settings = settings;
    }

    /**
     * What a write left in Odoo: Shopify product id -> product.template id, Shopify variant id -> the variant's
     * price in Odoo afterwards (the push's baseline), Shopify product id -> the description Odoo holds for the
     * products whose description the hub wrote (Odoo sanitises HTML: the push's baseline too), and Shopify product id
     * -> what a person should know (prices Odoo could not match, placeholders replaced).
     */
    public record Written(Map<Long, Integer> templates, Map<Long, Double> odooPrices, Map<Long, String> odooDescriptions,
                          Map<Long, List<String>> notes) {
    }

    /** Upserts the products. */
    public Written write(Collection<ShopifyProduct> products) {
        Map<Long, Integer> out = new LinkedHashMap<>();
        if (products.isEmpty()) {
            return new Written(out, Map.of(), Map.of(), Map.of());
        }
        List<String> names = products.stream().map(p -> "product_" + p.id()).toList();
        Map<String, Integer> bound = binder.find("product.template", names);
        Map<String, Integer> categories = categoryIds(products);
        Map<Long, VariantPrices.Solution> prices = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<Long> describedHere = new HashSet<>();
        for (ShopifyProduct p : products) {
            boolean isNew = !bound.containsKey("product_" + p.id());
            if (isNew || !settings.odooOwns("description")) {
                describedHere.add(p.id());
            }
            if ((isNew || !settings.odooOwns("price")) && !p.variants().isEmpty()) {
                prices.put(p.id(), VariantPrices.solve(combinations(p)));
            }
            rows.add(templateRow(p, isNew, categories, prices.get(p.id())));
        }
        List<Integer> ids = OdooBatchWriter.loadAll(odoo, "product.template", rows, null);
        int i = 0;
        for (ShopifyProduct p : products) {
            out.put(p.id(), ids.get(i++));
        }
        Map<Long, List<String>> notes = new LinkedHashMap<>();
        products.forEach(p -> notes.put(p.id(), new ArrayList<>()));
        Map<String, Integer> values = attributeValues(products);
        attributeLines(products, out, values);
        Map<Long, Integer> odooVariants = new LinkedHashMap<>();
        Map<Long, Double> odooPrices = variants(products, out, values, prices, odooVariants);
        notePriceMisfits(products, prices, odooPrices, notes);
        replacePlaceholders(products, odooVariants, notes);
        return new Written(out, odooPrices, descriptions(out, describedHere), notes);
    }

    /** Odoo's description of the templates whose description was written here (one read). */
    private Map<Long, String> descriptions(Map<Long, Integer> templates, Set<Long> products) {
        Map<Long, String> out = new HashMap<>();
        if (products.isEmpty()) {
            return out;
        }
        Map<Integer, Long> productOf = new HashMap<>();
        products.forEach(p -> productOf.put(templates.get(p), p));
        for (Map<String, Object> r : odoo.searchRead("product.template", List.of(List.of("id", "in", new ArrayList<>(productOf.keySet()))),
                List.of("description"), null, 0, 0, Map.of("active_test", false))) {
            out.put(productOf.get((Integer) r.get("id")), r.get("description") instanceof String html ? html : "");
        }
        return out;
    }

    /** The variants' option values and prices, as {@link VariantPrices} takes them (no values without real options). */
    private static List<VariantPrices.Combination> combinations(ShopifyProduct p) {
        List<VariantPrices.Combination> out = new ArrayList<>();
        for (ShopifyProduct.Variant v : p.variants()) {
            out.add(new VariantPrices.Combination(p.hasRealOptions() ? v.optionValues() : List.of(), new BigDecimal(v.price())));
        }
        return out;
    }

    private Map<String, Object> templateRow(ShopifyProduct p, boolean isNew, Map<String, Integer> categories, VariantPrices.Solution prices) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", ShopifyIds.xmlid("product_" + p.id()));
        row.put("name", p.title() == null ? "Shopify product " + p.id() : p.title());
        if (isNew) {
            row.put("type", "consu");
            row.put("is_storable", true);
        }
        if (isNew || !settings.odooOwns("description")) {
            // Shopify's descriptionHtml into Odoo's HTML description (product.template.description, fields.Html)
            row.put("description", p.bodyHtml() == null ? "" : p.bodyHtml());
        }
        if (prices != null) {
            row.put("list_price", prices.base());
        }
        Integer categ = p.productType() == null ? null : categories.get(p.productType());
        if (categ != null) {
            row.put("categ_id/.id", categ);
        }
        settings.mappings().metafields().forEach((key, field) -> {
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
                wanted.put(p.productType(), settings.mappings().categories().getOrDefault(p.productType(), p.productType()));
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

    /**
     * Binds each Shopify variant to its Odoo variant and writes SKU and barcode, in one load; writes the price extras
     * of the products whose prices the hub writes; answers Odoo's prices. Fills {@code odooIds}: Shopify variant id ->
     * product.product id.
     */
    private Map<Long, Double> variants(Collection<ShopifyProduct> products, Map<Long, Integer> templates, Map<String, Integer> values,
                                       Map<Long, VariantPrices.Solution> prices, Map<Long, Integer> odooIds) {
        List<Integer> tmplIds = new ArrayList<>(templates.values());
        List<Map<String, Object>> odooVariants = odoo.searchRead("product.product", List.of(List.of("product_tmpl_id", "in", tmplIds)),
                List.of("product_tmpl_id", "default_code", "product_template_attribute_value_ids"), "id", 0, 0, Map.of("active_test", false));
        List<Map<String, Object>> ptavs = odoo.searchRead("product.template.attribute.value", List.of(List.of("product_tmpl_id", "in", tmplIds)),
                List.of("product_attribute_value_id", "product_tmpl_id", "price_extra"), "id", 0, 0, null);
        Map<Integer, Integer> valueOfPtav = new HashMap<>();
        for (Map<String, Object> r : ptavs) {
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
                odooIds.put(v.id(), id);
                if (v.inventoryItemId() != null && !bound.containsKey("inventory_item_" + v.inventoryItemId())) {
                    toBind.put("inventory_item_" + v.inventoryItemId(), id);
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", ShopifyIds.xmlid("variant_" + v.id()));
                row.put("default_code", v.sku());
                row.put("barcode", v.barcode());
                rows.add(row);
            }
        }
        binder.bind("product.product", toBind);
        OdooBatchWriter.loadAll(odoo, "product.product", rows, null);
        priceExtras(products, templates, values, prices, ptavs);
        Map<Integer, Double> odooPrices = new HashMap<>();
        for (Map<String, Object> r : odoo.searchRead("product.product", List.of(List.of("id", "in", new ArrayList<>(odooIds.values()))),
                List.of("lst_price"), null, 0, 0, Map.of("active_test", false))) {
            odooPrices.put((Integer) r.get("id"), ((Number) r.get("lst_price")).doubleValue());
        }
        Map<Long, Double> out = new HashMap<>();
        odooIds.forEach((variant, id) -> out.put(variant, odooPrices.get(id)));
        return out;
    }

    /**
     * The solved {@code price_extra} of each option value, on its product.template.attribute.value: only those that
     * change, in one load ({@code .id} rows) for the batch.
     */
    private void priceExtras(Collection<ShopifyProduct> products, Map<Long, Integer> templates, Map<String, Integer> values,
                             Map<Long, VariantPrices.Solution> prices, List<Map<String, Object>> ptavs) {
        Map<String, Map<String, Object>> ptavOf = new HashMap<>();
        for (Map<String, Object> r : ptavs) {
            ptavOf.put(refId(r.get("product_tmpl_id")) + ":" + refId(r.get("product_attribute_value_id")), r);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ShopifyProduct p : products) {
            VariantPrices.Solution solution = prices.get(p.id());
            if (solution == null || !p.hasRealOptions()) {
                continue;
            }
            for (int i = 0; i < p.options().size() && i < solution.extras().size(); i++) {
                String option = p.options().get(i).name();
                for (Map.Entry<String, BigDecimal> e : solution.extras().get(i).entrySet()) {
                    Map<String, Object> ptav = ptavOf.get(templates.get(p.id()) + ":" + values.get(option + "\u0000" + e.getKey()));
                    if (ptav == null) {
                        continue;
                    }
                    double now = ptav.get("price_extra") instanceof Number n ? n.doubleValue() : 0.0;
                    if (BigDecimal.valueOf(now).compareTo(e.getValue()) != 0) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put(".id", ptav.get("id"));
                        row.put("price_extra", e.getValue());
                        rows.add(row);
                    }
                }
            }
        }
        if (!rows.isEmpty()) {
            OdooBatchWriter.loadAll(odoo, "product.template.attribute.value", rows, null);
        }
    }

    /** Variants whose price in Odoo is not Shopify's although the hub wrote the prices (not additive across options). */
    private static void notePriceMisfits(Collection<ShopifyProduct> products, Map<Long, VariantPrices.Solution> prices,
                                         Map<Long, Double> odooPrices, Map<Long, List<String>> notes) {
        for (ShopifyProduct p : products) {
            if (!prices.containsKey(p.id())) {
                continue;
            }
            List<String> off = new ArrayList<>();
            for (ShopifyProduct.Variant v : p.variants()) {
                Double odoo = odooPrices.get(v.id());
                BigDecimal inOdoo = odoo == null ? null : BigDecimal.valueOf(odoo).setScale(2, RoundingMode.HALF_UP);
                if (inOdoo != null && inOdoo.compareTo(new BigDecimal(v.price())) != 0) {
                    off.add(describe(v) + " is " + inOdoo.toPlainString() + " in Odoo, " + v.price() + " in Shopify");
                }
            }
            if (!off.isEmpty()) {
                String note = "Shopify's variant prices are not additive across options, so Odoo's attribute price extras cannot"
                        + " match them all: " + String.join("; ", off);
                LOG.warn("Shopify product {} ({}): {}", p.id(), p.title(), note);
                notes.get(p.id()).add(note);
            }
        }
    }

    private static String describe(ShopifyProduct.Variant v) {
        String name = v.sku() != null ? "SKU " + v.sku() : "variant " + v.id();
        return v.optionValues().isEmpty() ? name : name + " (" + String.join(" / ", v.optionValues()) + ")";
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
     * whose description says why, bound as {@code shopify.placeholder_<sku>} (an archived one, replaced by a product
     * since deleted, is brought back). Answers SKU -> product.product id.
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
            row.put("id", ShopifyIds.xmlid(placeholderName(sku)));
            row.put("name", "[Shopify placeholder] " + titleBySku.get(sku));
            row.put("default_code", sku);
            row.put("active", true);
            row.put("description_sale", "Created by the Shopify connector: an order sold SKU " + sku
                    + ", which no Odoo product had. Replace it with the real product.");
            rows.add(row);
        }
        List<Integer> tmplIds = OdooBatchWriter.loadAll(odoo, "product.template", rows, null);
        Map<Integer, String> skuOfTemplate = new HashMap<>();
        for (int i = 0; i < tmplIds.size(); i++) {
            skuOfTemplate.put(tmplIds.get(i), skus.get(i));
        }
        for (Map<String, Object> r : odoo.searchRead("product.product", List.of(List.of("product_tmpl_id", "in", tmplIds)),
                List.of("product_tmpl_id"), "id", 0, 0, null)) {
            out.putIfAbsent(skuOfTemplate.get(refId(r.get("product_tmpl_id"))), (Integer) r.get("id"));
        }
        return out;
    }

    /** The external id (without module) of the placeholder standing in for a SKU. */
    static String placeholderName(String sku) {
        return "placeholder_" + ExternalIds.encode(sku);
    }

    /**
     * The batch's variants that earlier orders stood in for with a placeholder (by SKU; a variant without SKU by
     * {@code shopify-variant-<id>}, as {@link OrderWriter} names it): lines of draft and sent orders move to the real
     * variant, keeping their description, price, discount and taxes (Odoo would recompute them from the new product);
     * the placeholders are archived and lose the SKU. One lookup, then for placeholders found one read of their
     * variants, one of their lines, one load of the moved lines and one write of the templates.
     */
    private void replacePlaceholders(Collection<ShopifyProduct> products, Map<Long, Integer> odooIds, Map<Long, List<String>> notes) {
        Map<String, Integer> realByName = new LinkedHashMap<>();
        Map<String, Long> productByName = new HashMap<>();
        Map<String, String> skuByName = new HashMap<>();
        for (ShopifyProduct p : products) {
            for (ShopifyProduct.Variant v : p.variants()) {
                String sku = v.sku() != null ? v.sku() : "shopify-variant-" + v.id();
                String name = placeholderName(sku);
                if (odooIds.containsKey(v.id()) && realByName.putIfAbsent(name, odooIds.get(v.id())) == null) {
                    productByName.put(name, p.id());
                    skuByName.put(name, sku);
                }
            }
        }
        Map<String, Integer> found = binder.find("product.template", realByName.keySet());
        if (found.isEmpty()) {
            return;
        }
        Map<Integer, String> nameOfTemplate = new HashMap<>();
        found.forEach((name, tmpl) -> nameOfTemplate.put(tmpl, name));
        Map<Integer, String> nameOfPlaceholder = new HashMap<>();
        Set<Integer> templates = new LinkedHashSet<>();
        for (Map<String, Object> r : odoo.searchRead("product.product", List.of(List.of("product_tmpl_id", "in", new ArrayList<>(found.values())),
                List.of("active", "=", true)), List.of("product_tmpl_id"), "id", 0, 0, null)) {
            int tmpl = refId(r.get("product_tmpl_id"));
            nameOfPlaceholder.put((Integer) r.get("id"), nameOfTemplate.get(tmpl));
            templates.add(tmpl);
        }
        if (templates.isEmpty()) {
            return; // replaced before
        }
        Map<String, int[]> counts = new LinkedHashMap<>(); // name -> {moved, kept}
        List<Map<String, Object>> moves = new ArrayList<>();
        String taxField = SaleOrderFields.taxes(odoo.capabilities());
        for (Map<String, Object> l : odoo.searchRead("sale.order.line", List.of(List.of("product_id", "in", new ArrayList<>(nameOfPlaceholder.keySet()))),
                List.of("product_id", "state", "name", "price_unit", "discount", taxField), "id", 0, 0, null)) {
            String name = nameOfPlaceholder.get(refId(l.get("product_id")));
            int[] c = counts.computeIfAbsent(name, k -> new int[2]);
            if (QUOTATION.contains(l.get("state"))) {
                c[0]++;
                moves.add(move(l, realByName.get(name), taxField));
            } else {
                c[1]++;
            }
        }
        if (!moves.isEmpty()) {
            OdooBatchWriter.loadAll(odoo, "sale.order.line", moves, null);
        }
        Map<String, Object> archive = new LinkedHashMap<>();
        archive.put("default_code", false);
        archive.put("active", false);
        odoo.write("product.template", new ArrayList<>(templates), archive, null);
        for (Integer tmpl : templates) {
            String name = nameOfTemplate.get(tmpl);
            int[] c = counts.getOrDefault(name, new int[2]);
            String note = "placeholder for SKU " + skuByName.get(name) + " (product.template " + tmpl + ") replaced on " + c[0]
                    + " lines of draft orders and archived" + (c[1] == 0 ? "" : "; " + c[1]
                    + " lines of confirmed or cancelled orders still use it");
            LOG.info("Shopify product {}: {}", productByName.get(name), note);
            notes.get(productByName.get(name)).add(note);
        }
    }

    /** A line moved to the real variant, with what it had written out so Odoo's recomputation keeps Shopify's values. */
    private static Map<String, Object> move(Map<String, Object> line, int product, String taxField) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(".id", line.get("id"));
        row.put("product_id/.id", product);
        row.put("name", line.get("name"));
        row.put("price_unit", line.get("price_unit"));
        row.put("discount", line.get("discount"));
        List<String> taxes = new ArrayList<>();
        if (line.get(taxField) instanceof List<?> ids) {
            ids.forEach(id -> taxes.add(String.valueOf(id)));
        }
        row.put(taxField + "/.id", String.join(",", taxes));
        return row;
    }

    static Integer refId(Object many2one) {
        if (many2one instanceof List<?> l && !l.isEmpty()) {
            return (Integer) l.get(0);
        }
        return many2one instanceof Integer i ? i : null;
    }
}
