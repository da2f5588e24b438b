package io.odoohub.shopify;

import io.odoohub.odoo.OdooClient;
import java.util.List;
import java.util.Map;

/**
 * What a shop's Odoo has before the hub is connected, made over XML-RPC as a user makes it in Odoo (the same calls on
 * the sandbox and on the real Odoo): a delivery method, a payment method, a sale tax, a product category, a
 * Studio-style custom field. Each finds what is there first (the real Odoo's {@code delivery} module brings its own
 * "Standard delivery"), so a fixture never depends on which Odoo it runs against.
 */
public final class OdooShop {

    private final OdooClient rpc;

    public OdooShop(OdooClient rpc) {
        this.rpc = rpc;
    }

    /** The delivery.carrier of that name, created with a service product of its own when missing. */
    public int carrier(String name) {
        Integer found = find("delivery.carrier", List.of(List.of("name", "=", name)));
        if (found != null) {
            return found;
        }
        int product = rpc.create("product.product", List.of(Map.of("name", name, "type", "service")), null).get(0);
        return rpc.create("delivery.carrier", List.of(Map.of("name", name, "product_id", product)), null).get(0);
    }

    public int paymentMethod(String name, String code) {
        Integer found = find("payment.method", List.of(List.of("name", "=", name)));
        return found != null ? found : rpc.create("payment.method", List.of(Map.of("name", name, "code", code)), null).get(0);
    }

    /** A sale tax of {@code percent} %, excluded from prices. */
    public int saleTax(String name, double percent) {
        return rpc.create("account.tax", List.of(Map.of("name", name, "amount", percent, "type_tax_use", "sale")), null).get(0);
    }

    /**
     * A product category under a top-level one (a shop's products/categories page); {@code TestOdoo.rootCategory()} is
     * one every fresh database has ("All" up to Odoo 18, "Goods" in 19).
     */
    public int categoryUnder(int parent, String name) {
        return rpc.create("product.category", List.of(Map.of("name", name, "parent_id", parent)), null).get(0);
    }

    /** A custom char field on a model, as Odoo Studio makes it ({@code x_...}, state manual). */
    void customCharField(String model, String name, String label) {
        Integer modelId = find("ir.model", List.of(List.of("model", "=", model)));
        rpc.create("ir.model.fields", List.of(Map.of("name", name, "model_id", modelId, "ttype", "char", "field_description", label,
                "state", "manual")), null);
    }

    /**
     * The currency (ISO code) the shop sells in, made active as a person does it in Accounting's currencies: a new
     * Odoo has only its company's currency active (USD on the real Odoo 18, EUR in the sandbox).
     */
    public OdooShop currency(String code) {
        List<Map<String, Object>> found = rpc.searchRead("res.currency", List.of(List.of("name", "=", code)), List.of("active"), "id", 0, 1,
                Map.of("active_test", false));
        if (!Boolean.TRUE.equals(found.get(0).get("active"))) {
            rpc.write("res.currency", List.of((Integer) found.get(0).get("id")), Map.of("active", true), null);
        }
        return this;
    }

    /** A child location of {@code parent} (full name, e.g. WH/Stock); answers its id. */
    int location(String parent, String name) {
        Integer parentId = find("stock.location", List.of(List.of("complete_name", "=", parent)));
        return rpc.create("stock.location", List.of(Map.of("name", name, "location_id", parentId)), null).get(0);
    }

    /** Undoes a {@link #reserve}. */
    interface Reservation {
        void release();
    }

    /**
     * Reserves {@code quantity} of a product under a location as a shop's Odoo does: on an Odoo with Inventory, a
     * delivery order for it, confirmed and reserved ({@code action_confirm}, {@code action_assign}); {@link
     * Reservation#release} cancels it. A reservation written on the quant alone would not hold on a real Odoo: its
     * scheduler's quant clean-up drops a reservation no delivery backs, at a moment no test chooses. The sandbox has no
     * delivery orders (a known difference): there the quant's {@code reserved_quantity} is written, as before.
     */
    Reservation reserve(String sku, String locationName, double quantity) {
        int product = find("product.product", List.of(List.of("default_code", "=", sku)));
        int location = find("stock.location", List.of(List.of("complete_name", "=", locationName)));
        if (rpc.capabilities().hasModel("stock.picking")) {
            Map<String, Object> type = rpc.searchRead("stock.picking.type", List.of(List.of("code", "=", "outgoing")),
                    List.of("default_location_dest_id"), "id", 0, 1, null).get(0);
            int dest = (Integer) ((List<?>) type.get("default_location_dest_id")).get(0);
            Map<String, Object> move = new java.util.HashMap<>(Map.of("product_id", product, "product_uom_qty", quantity,
                    "location_id", location, "location_dest_id", dest));
            if (rpc.capabilities().hasField("stock.move", "name")) {
                move.put("name", "test reservation " + sku); // required up to Odoo 18; Odoo 19 has no stock.move.name
            }
            int picking = rpc.create("stock.picking", List.of(Map.of("picking_type_id", type.get("id"), "location_id", location,
                    "location_dest_id", dest, "move_ids", List.of(List.of(0, 0, move)))), null).get(0);
            rpc.call("stock.picking", "action_confirm", List.of(List.of(picking)), Map.of());
            rpc.call("stock.picking", "action_assign", List.of(List.of(picking)), Map.of());
            Object state = rpc.searchRead("stock.picking", List.of(List.of("id", "=", picking)), List.of("state"), null, 0, 0, null).get(0).get("state");
            if (!"assigned".equals(state)) {
                throw new AssertionError("the delivery order reserving " + quantity + " of " + sku + " is " + state + ", not reserved");
            }
            return () -> rpc.call("stock.picking", "action_cancel", List.of(List.of(picking)), Map.of());
        }
        int quant = find("stock.quant", List.of(List.of("product_id", "=", product), List.of("location_id", "=", location)));
        rpc.write("stock.quant", List.of(quant), Map.of("reserved_quantity", quantity), null);
        return () -> rpc.write("stock.quant", List.of(quant), Map.of("reserved_quantity", 0.0), null);
    }

    private Integer find(String model, List<?> domain) {
        List<Map<String, Object>> rows = rpc.searchRead(model, domain, List.of("id"), "id", 0, 1, null);
        return rows.isEmpty() ? null : (Integer) rows.get(0).get("id");
    }
}
