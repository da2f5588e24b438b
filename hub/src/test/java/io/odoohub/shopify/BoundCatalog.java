package io.odoohub.shopify;

import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.flow.ShopifyState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds Odoo with products already bound to Shopify (as a finished import leaves them): template
 * {@code shopify.product_<id>}, its variant {@code shopify.variant_<id>} and {@code shopify.inventory_item_<id>},
 * and a counted quantity at a location. Batched calls over XML-RPC.
 */
public final class BoundCatalog {

    private BoundCatalog() {
    }

    /**
     * Creates {@code n} products with Shopify ids {@code firstId..} (product, variant and inventory item share the
     * id), priced 10.00 in both systems as the hub's state records; answers Shopify id -> product.product id.
     */
    public static Map<Long, Integer> create(OdooClient rpc, ShopifyState state, long firstId, int n, String location, int quantity) {
        List<Map<String, Object>> templates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            templates.add(Map.of("name", "Bound product " + (firstId + i), "list_price", 10.0, "is_storable", true));
        }
        List<Integer> tmplIds = new ArrayList<>();
        for (int from = 0; from < n; from += 1000) {
            tmplIds.addAll(rpc.create("product.template", templates.subList(from, Math.min(n, from + 1000)), null));
        }
        Map<Integer, Integer> variantOfTemplate = new HashMap<>();
        for (int from = 0; from < n; from += 1000) {
            for (Map<String, Object> r : rpc.searchRead("product.product",
                    List.of(List.of("product_tmpl_id", "in", tmplIds.subList(from, Math.min(n, from + 1000)))), List.of("product_tmpl_id"),
                    null, 0, 0, null)) {
                variantOfTemplate.put((Integer) ((List<?>) r.get("product_tmpl_id")).get(0), (Integer) r.get("id"));
            }
        }
        Map<Long, Integer> out = new HashMap<>();
        List<Map<String, Object>> xmlids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = firstId + i;
            int variant = variantOfTemplate.get(tmplIds.get(i));
            out.put(id, variant);
            xmlids.add(Map.of("module", "shopify", "name", "product_" + id, "model", "product.template", "res_id", tmplIds.get(i)));
            xmlids.add(Map.of("module", "shopify", "name", "variant_" + id, "model", "product.product", "res_id", variant));
            xmlids.add(Map.of("module", "shopify", "name", "inventory_item_" + id, "model", "product.product", "res_id", variant));
        }
        for (int from = 0; from < xmlids.size(); from += 3000) {
            rpc.create("ir.model.data", xmlids.subList(from, Math.min(xmlids.size(), from + 3000)), null);
        }
        List<ShopifyState.Variant> known = new ArrayList<>();
        Map<Long, String> descriptions = new HashMap<>();
        for (long id : out.keySet()) {
            known.add(new ShopifyState.Variant(id, id, id, "10.00", null, "10.00"));
            descriptions.put(id, "");
        }
        state.recordVariants(known);
        state.recordDescriptions(descriptions);
        if (location != null) {
            setQuantities(rpc, new ArrayList<>(out.values()), location, quantity);
        }
        return out;
    }

    /** Counts {@code quantity} of each product at the location (inventory mode, then applied). */
    public static void setQuantities(OdooClient rpc, List<Integer> products, String location, int quantity) {
        int loc = (Integer) rpc.searchRead("stock.location", List.of(List.of("complete_name", "=", location)), List.of("id"), null, 0, 1, null)
                .get(0).get("id");
        Map<Integer, Integer> quantOf = new HashMap<>();
        for (Map<String, Object> q : rpc.searchRead("stock.quant", List.of(List.of("product_id", "in", products), List.of("location_id", "=", loc)),
                List.of("product_id"), null, 0, 0, null)) {
            quantOf.put((Integer) ((List<?>) q.get("product_id")).get(0), (Integer) q.get("id"));
        }
        List<List<String>> existing = new ArrayList<>();
        List<List<String>> fresh = new ArrayList<>();
        for (Integer p : products) {
            Integer quant = quantOf.get(p);
            if (quant != null) {
                existing.add(List.of(String.valueOf(quant), String.valueOf(quantity)));
            } else {
                fresh.add(List.of(String.valueOf(p), String.valueOf(loc), String.valueOf(quantity)));
            }
        }
        Map<String, Object> ctx = Map.of("inventory_mode", true);
        List<Integer> ids = new ArrayList<>();
        if (!existing.isEmpty()) {
            ids.addAll(load(rpc, List.of(".id", "inventory_quantity"), existing, ctx));
        }
        if (!fresh.isEmpty()) {
            ids.addAll(load(rpc, List.of("product_id/.id", "location_id/.id", "inventory_quantity"), fresh, ctx));
        }
        rpc.call("stock.quant", "action_apply_inventory", List.of(ids), Map.of("context", ctx));
    }

    private static List<Integer> load(OdooClient rpc, List<String> fields, List<List<String>> rows, Map<String, Object> ctx) {
        OdooClient.LoadResponse r = rpc.load("stock.quant", fields, rows, ctx);
        if (r.rejected()) {
            throw new IllegalStateException("quants refused: " + r.messages());
        }
        return r.ids();
    }
}
