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
    int carrier(String name) {
        Integer found = find("delivery.carrier", List.of(List.of("name", "=", name)));
        if (found != null) {
            return found;
        }
        int product = rpc.create("product.product", List.of(Map.of("name", name, "type", "service")), null).get(0);
        return rpc.create("delivery.carrier", List.of(Map.of("name", name, "product_id", product)), null).get(0);
    }

    int paymentMethod(String name, String code) {
        Integer found = find("payment.method", List.of(List.of("name", "=", name)));
        return found != null ? found : rpc.create("payment.method", List.of(Map.of("name", name, "code", code)), null).get(0);
    }

    /** A sale tax of {@code percent} %, excluded from prices. */
    public int saleTax(String name, double percent) {
        return rpc.create("account.tax", List.of(Map.of("name", name, "amount", percent, "type_tax_use", "sale")), null).get(0);
    }

    /** A product category under the top-level "All" (a shop's products/categories page). */
    int categoryUnderAll(String name) {
        Integer all = find("product.category", List.of(List.of("name", "=", "All"), List.of("parent_id", "=", false)));
        return rpc.create("product.category", List.of(Map.of("name", name, "parent_id", all)), null).get(0);
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

    private Integer find(String model, List<?> domain) {
        List<Map<String, Object>> rows = rpc.searchRead(model, domain, List.of("id"), "id", 0, 1, null);
        return rows.isEmpty() ? null : (Integer) rows.get(0).get("id");
    }
}
