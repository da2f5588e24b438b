package io.odoohub.shopify.odoo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shopify prices per variant -> Odoo's model of them: a template price ({@code list_price}) plus one
 * {@code price_extra} per option value (product.template.attribute.value), a variant's price being the base plus the
 * extras of its values. The base is the cheapest variant's price; an option value's extra is the price of the variant
 * that differs from the cheapest only in that option, minus the base. That is exact whenever Shopify's prices are
 * additive across options (always with one option). A value without such a neighbour (Shopify need not have every
 * combination) takes its extra from a variant whose other values are known. Prices that are not additive cannot be
 * met by any extras: the variants left off are answered as misfits, for a person to see. Pure function.
 */
public final class VariantPrices {

    private VariantPrices() {
    }

    /** One variant: its option values in the product's option order, and its Shopify price. */
    public record Combination(List<String> values, BigDecimal price) {
    }

    /**
     * @param base    the template's price (the cheapest variant's)
     * @param extras  per option (by position): value -> price_extra; every value of the variants is present
     * @param misfits positions (in the input) of the variants whose base + extras is not their Shopify price
     */
    public record Solution(BigDecimal base, List<Map<String, BigDecimal>> extras, List<Integer> misfits) {

        /** The price Odoo gives a variant with these values. */
        public BigDecimal priceOf(List<String> values) {
            BigDecimal p = base;
            for (int i = 0; i < extras.size(); i++) {
                p = p.add(extras.get(i).getOrDefault(valueAt(values, i), BigDecimal.ZERO));
            }
            return p;
        }

        public boolean exact() {
            return misfits.isEmpty();
        }
    }

    /** Solves the variants of one product; an empty list gives a zero base and no extras. */
    public static Solution solve(List<Combination> variants) {
        if (variants.isEmpty()) {
            return new Solution(BigDecimal.ZERO, List.of(), List.of());
        }
        int options = 0;
        Combination cheapest = variants.get(0);
        for (Combination c : variants) {
            options = Math.max(options, c.values().size());
            if (c.price().compareTo(cheapest.price()) < 0) {
                cheapest = c;
            }
        }
        BigDecimal base = cheapest.price();
        List<Map<String, BigDecimal>> extras = new ArrayList<>();
        for (int i = 0; i < options; i++) {
            Map<String, BigDecimal> m = new LinkedHashMap<>();
            m.put(valueAt(cheapest.values(), i), BigDecimal.ZERO);
            extras.add(m);
        }
        // the cheapest variant's neighbours: exact for additive prices
        for (Combination c : variants) {
            int differs = onlyDifference(c.values(), cheapest.values(), options);
            if (differs >= 0) {
                extras.get(differs).putIfAbsent(valueAt(c.values(), differs), c.price().subtract(base));
            }
        }
        fillWithoutNeighbours(variants, base, extras, options);
        Solution s = new Solution(base, extras, List.of());
        List<Integer> misfits = new ArrayList<>();
        for (int k = 0; k < variants.size(); k++) {
            if (s.priceOf(variants.get(k).values()).compareTo(variants.get(k).price()) != 0) {
                misfits.add(k);
            }
        }
        return new Solution(base, extras, misfits);
    }

    /**
     * Values the cheapest variant has no neighbour for: from the first variant (in Shopify's order) whose other values
     * are known, round after round; a value no variant settles gets no extra.
     */
    private static void fillWithoutNeighbours(List<Combination> variants, BigDecimal base, List<Map<String, BigDecimal>> extras, int options) {
        boolean progress = true;
        while (progress) {
            progress = false;
            Map<String, BigDecimal> found = new HashMap<>();
            for (Combination c : variants) {
                int unknown = -1;
                int count = 0;
                BigDecimal known = base;
                for (int i = 0; i < options; i++) {
                    BigDecimal e = extras.get(i).get(valueAt(c.values(), i));
                    if (e == null) {
                        unknown = i;
                        count++;
                    } else {
                        known = known.add(e);
                    }
                }
                if (count == 1) {
                    found.putIfAbsent(unknown + "\u0000" + valueAt(c.values(), unknown), c.price().subtract(known));
                }
            }
            for (Map.Entry<String, BigDecimal> e : found.entrySet()) {
                int cut = e.getKey().indexOf('\u0000');
                extras.get(Integer.parseInt(e.getKey().substring(0, cut))).putIfAbsent(e.getKey().substring(cut + 1), e.getValue());
                progress = true;
            }
        }
        for (Combination c : variants) {
            for (int i = 0; i < options; i++) {
                extras.get(i).putIfAbsent(valueAt(c.values(), i), BigDecimal.ZERO);
            }
        }
    }

    /** The one option in which a differs from b, or -1 when they differ in none or several. */
    private static int onlyDifference(List<String> a, List<String> b, int options) {
        int at = -1;
        for (int i = 0; i < options; i++) {
            if (!valueAt(a, i).equals(valueAt(b, i))) {
                if (at >= 0) {
                    return -1;
                }
                at = i;
            }
        }
        return at;
    }

    private static String valueAt(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i) : "";
    }
}
