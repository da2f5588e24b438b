package io.odoohub.shopify.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.model.ShopifyInventoryLevel;
import io.odoohub.shopify.model.ShopifyRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * inventory_levels/update -> the quantity on hand of the variant (bound as {@code shopify.inventory_item_<id>})
 * at the Odoo location mapped from the Shopify location, set in inventory mode and applied: one load and one
 * {@code action_apply_inventory} for the batch. Shopify's {@code available} is what can still be sold, so on hand
 * becomes that plus what Odoo has reserved at the location (the quant's {@code reserved_quantity}); Odoo's available
 * quantity there then equals Shopify's. When Odoo owns stock (the default), a level only sets the first
 * quantity of a variant at a location; after that Odoo's count wins and the push sends it to Shopify.
 */
public final class StockWriter {

    /** What became of one level. */
    public record Result(Integer quantId, String skipped, boolean waitForProduct) {
    }

    private static final Map<String, Object> INVENTORY_MODE = Map.of("inventory_mode", true);

    private final OdooClient odoo;
    private final ExternalIds binder;
    private final ShopifyRules settings;

    public StockWriter(OdooClient odoo, ExternalIds binder, ShopifyRules settings) {
        this.odoo = odoo;
        this.binder = binder;
        this.settings = settings;
    }

    public List<Result> write(List<ShopifyInventoryLevel> levels) {
        List<Result> out = new ArrayList<>();
        if (levels.isEmpty()) {
            return out;
        }
        Set<String> items = new LinkedHashSet<>();
        levels.forEach(l -> items.add("inventory_item_" + l.inventoryItemId()));
        Map<String, Integer> products = binder.find("product.product", items);
        Map<String, Integer> locations = OdooStock.locationIds(odoo, settings.mappings().locations().values());
        Map<String, Map<String, Object>> quants = quants(products.values(), locations.values());
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (ShopifyInventoryLevel l : levels) {
            Integer product = products.get("inventory_item_" + l.inventoryItemId());
            String locationName = settings.mappings().locations().get(String.valueOf(l.locationId()));
            Integer location = locationName == null ? null : locations.get(locationName);
            if (locationName == null) {
                out.add(new Result(null, "Shopify location " + l.locationId() + " is not mapped (hub.shopify.location-map)", false));
                rowOf.add(-1);
                continue;
            }
            if (location == null) {
                throw new IllegalStateException("hub.shopify.location-map names Odoo location '" + locationName + "', which does not exist");
            }
            if (product == null) {
                out.add(new Result(null, "inventory item " + l.inventoryItemId() + " is not bound to an Odoo variant yet", true));
                rowOf.add(-1);
                continue;
            }
            Map<String, Object> quant = quants.get(product + ":" + location);
            if (quant != null && settings.odooOwns("stock")) {
                out.add(new Result((Integer) quant.get("id"), "Odoo owns stock: Shopify's level " + l.available() + " is not applied", false));
                rowOf.add(-1);
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            if (quant != null) {
                row.put(".id", quant.get("id"));
            } else {
                row.put("product_id/.id", product);
                row.put("location_id/.id", location);
            }
            // Shopify's "available" is what can still be sold: on hand is that plus what Odoo has reserved here
            row.put("inventory_quantity", l.available() + OdooStock.reserved(quant));
            rowOf.add(rows.size());
            rows.add(row);
            out.add(null);
        }
        List<Integer> ids = OdooBatchWriter.loadAll(odoo, "stock.quant", rows, INVENTORY_MODE);
        if (!ids.isEmpty()) {
            odoo.call("stock.quant", "action_apply_inventory", List.of(ids), Map.of("context", INVENTORY_MODE));
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, new Result(ids.get(rowOf.get(i)), null, false));
            }
        }
        return out;
    }

    private Map<String, Map<String, Object>> quants(Collection<Integer> products, Collection<Integer> locations) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (products.isEmpty() || locations.isEmpty()) {
            return out;
        }
        for (Map<String, Object> q : odoo.searchRead("stock.quant", List.of(List.of("product_id", "in", new ArrayList<>(new LinkedHashSet<>(products))),
                List.of("location_id", "in", new ArrayList<>(new LinkedHashSet<>(locations)))), List.of("product_id", "location_id", "quantity", "reserved_quantity"),
                "id", 0, 0, null)) {
            out.putIfAbsent(ProductWriter.refId(q.get("product_id")) + ":" + ProductWriter.refId(q.get("location_id")), q);
        }
        return out;
    }
}
