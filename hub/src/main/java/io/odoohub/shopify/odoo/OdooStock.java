package io.odoohub.shopify.odoo;

import io.odoohub.odoo.OdooClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Odoo's stock as the Shopify connector reads it: locations by full name, and what a quant can still sell. */
public final class OdooStock {

    private OdooStock() {
    }

    /** The ids of the locations with these full names ({@code WH/Stock}), in one read; a name Odoo lacks is absent. */
    public static Map<String, Integer> locationIds(OdooClient odoo, Collection<String> names) {
        Map<String, Integer> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        List<Object> distinct = new ArrayList<>(new LinkedHashSet<>(names));
        for (Map<String, Object> r : odoo.searchRead("stock.location", List.of(List.of("complete_name", "in", distinct)),
                List.of("complete_name"), "id", 0, 0, null)) {
            out.putIfAbsent((String) r.get("complete_name"), (Integer) r.get("id"));
        }
        return out;
    }

    /** A quant's on-hand quantity less its reservations (Odoo's {@code available_quantity}, from stored fields). */
    public static double available(Map<String, Object> quant) {
        return number(quant.get("quantity")) - reserved(quant);
    }

    /** A quant's reserved quantity; 0 for no quant. */
    public static double reserved(Map<String, Object> quant) {
        return quant == null ? 0.0 : number(quant.get("reserved_quantity"));
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }
}
