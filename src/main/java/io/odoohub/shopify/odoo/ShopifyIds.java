package io.odoohub.shopify.odoo;

import io.odoohub.odoo.OdooClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * External ids of Shopify records in Odoo (ir.model.data, module {@value #MODULE}): {@code shopify.customer_7},
 * {@code shopify.product_632910392}, {@code shopify.variant_808950810}, {@code shopify.order_450789469}. Looks up and
 * binds many at once: one call each.
 */
public final class ShopifyBinder {

    public static final String MODULE = "shopify";

    private final OdooClient odoo;

    public ShopifyBinder(OdooClient odoo) {
        this.odoo = odoo;
    }

    public static String xmlid(String name) {
        return MODULE + "." + name;
    }

    /** name -> Odoo id of the bound records of {@code model} among {@code names} (bare names, without the module). */
    public Map<String, Integer> find(String model, Collection<String> names) {
        Map<String, Integer> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        List<Map<String, Object>> rows = odoo.searchRead("ir.model.data",
                List.of(List.of("module", "=", MODULE), List.of("model", "=", model), List.of("name", "in", new ArrayList<>(names))),
                List.of("name", "res_id"), null, 0, 0, null);
        for (Map<String, Object> r : rows) {
            out.put((String) r.get("name"), (Integer) r.get("res_id"));
        }
        return out;
    }

    /** Binds records the hub did not create (matched by email, SKU, ...): name -> Odoo id, in one create. */
    public void bind(String model, Map<String, Integer> names) {
        if (names.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        names.forEach((name, id) -> rows.add(Map.of("module", MODULE, "name", name, "model", model, "res_id", id)));
        odoo.create("ir.model.data", rows, null);
    }
}
