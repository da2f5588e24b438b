package io.odoohub.shopify.odoo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one sale.order.line should hold for a Shopify line item or shipping line, in the three shapes the writers
 * need: a {@code load} sub-row of a new order, the values of a {@code (0, 0, vals)} command, and the fields of an
 * existing Odoo line that differ from it; each with the field names this database has ({@link SaleOrderFields}).
 *
 * @param product        the product.product id; null only when it was not looked up (never sent then)
 * @param taxes          account.tax ids, empty for an untaxed line
 * @param delivery       a shipping line (marked {@code is_delivery} where the delivery module is installed)
 * @param shopifyLineId  the Shopify line item id ({@value OdooReferences#LINE_FIELD}); null for a shipping line
 */
record LineValues(Integer product, String name, BigDecimal quantity, BigDecimal price, BigDecimal discount, List<Integer> taxes,
                  boolean delivery, String shopifyLineId) {

    /** A sub-row of a sale.order {@code load} (taxes as ".id" list; empty is cleared later, see OrderWriter). */
    Map<String, Object> forLoad(SaleOrderFields fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("product_id/.id", product);
        line.put("name", name);
        line.put("product_uom_qty", quantity);
        line.put("price_unit", price);
        line.put("discount", discount);
        List<String> ids = taxes.stream().map(String::valueOf).toList();
        line.put(fields.taxes() + "/.id", String.join(",", ids));
        if (delivery && fields.delivery()) {
            line.put("is_delivery", true);
        }
        if (shopifyLineId != null) {
            line.put(OdooReferences.LINE_FIELD, shopifyLineId);
        }
        return line;
    }

    /** The values of a {@code (0, 0, vals)} command on sale.order.order_line. */
    Map<String, Object> forCreate(SaleOrderFields fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("product_id", product);
        line.put("name", name);
        line.put("product_uom_qty", quantity);
        line.put("price_unit", price);
        line.put("discount", discount);
        line.put(fields.taxes(), List.of(List.of(6, 0, taxes)));
        if (delivery && fields.delivery()) {
            line.put("is_delivery", true);
        }
        if (shopifyLineId != null) {
            line.put(OdooReferences.LINE_FIELD, shopifyLineId);
        }
        return line;
    }

    /**
     * The fields of {@code line} (as search_read gives it) that differ from these values, for a {@code (1, id, vals)}
     * command; empty when the line already matches. The product and the description are not compared: an edit does
     * not change a line item's variant, and the description is Odoo's to edit.
     */
    Map<String, Object> changes(Map<String, Object> line, SaleOrderFields fields) {
        Map<String, Object> vals = new LinkedHashMap<>();
        if (differs(line.get("product_uom_qty"), quantity)) {
            vals.put("product_uom_qty", quantity);
        }
        if (differs(line.get("price_unit"), price)) {
            vals.put("price_unit", price);
        }
        if (differs(line.get("discount"), discount)) {
            vals.put("discount", discount);
        }
        if (!new HashSet<>(ids(line.get(fields.taxes()))).equals(new HashSet<>(taxes))) {
            vals.put(fields.taxes(), List.of(List.of(6, 0, taxes)));
        }
        return vals;
    }

    /**
     * Compared at two decimals, Odoo's default precision of quantities, prices and discounts: Odoo stores a discount
     * of 10.005 % as 10.01, which must not read as a change on the next delivery.
     */
    static boolean differs(Object odoo, BigDecimal wanted) {
        BigDecimal have = odoo instanceof Number n ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.ZERO;
        return have.setScale(2, RoundingMode.HALF_UP).compareTo(wanted.setScale(2, RoundingMode.HALF_UP)) != 0;
    }

    private static List<Integer> ids(Object x2many) {
        List<Integer> out = new ArrayList<>();
        if (x2many instanceof List<?> list) {
            list.stream().filter(Objects::nonNull).forEach(id -> out.add(((Number) id).intValue()));
        }
        return out;
    }
}
