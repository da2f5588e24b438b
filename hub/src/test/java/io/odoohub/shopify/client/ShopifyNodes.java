package io.odoohub.shopify.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Records of the fake Admin API's shop as GraphQL nodes (what the import and the reconciliation read), and the same
 * product as the REST JSON of a products/* webhook (the hub's own conversion, so both describe one product).
 */
public final class ShopifyNodes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopifyNodes() {
    }

    /**
     * A product with options Size (and Color when given): variant and inventory item ids {@code id*1000+n} (n from 1,
     * sizes outer), SKUs {@code <sku>-<size>-<color>}, priced by {@code price(sizeIndex, colorIndex)}, each with an
     * inventoryQuantity of 0. One size and no colour: a single variant with Shopify's "Default Title".
     */
    public static ObjectNode product(long id, String title, String descriptionHtml, String sku, List<String> sizes, List<String> colors,
                                     BiFunction<Integer, Integer, String> price) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", gid("Product", id)).put("title", title).put("descriptionHtml", descriptionHtml).put("vendor", "Acme")
                .put("productType", "").put("updatedAt", "2026-10-01T00:00:00Z");
        p.putArray("tags");
        ArrayNode options = p.putArray("options");
        ArrayNode variants = p.putObject("variants").putArray("nodes");
        boolean single = sizes.size() == 1 && colors.isEmpty();
        if (single) {
            options.addObject().put("name", "Title").putArray("optionValues").addObject().put("name", "Default Title");
        } else {
            ArrayNode size = options.addObject().put("name", "Size").putArray("optionValues");
            sizes.forEach(s -> size.addObject().put("name", s));
            if (!colors.isEmpty()) {
                ArrayNode color = options.addObject().put("name", "Color").putArray("optionValues");
                colors.forEach(c -> color.addObject().put("name", c));
            }
        }
        int n = 0;
        for (int i = 0; i < sizes.size(); i++) {
            for (int j = 0; j < Math.max(1, colors.size()); j++) {
                n++;
                ObjectNode v = variants.addObject().put("id", gid("ProductVariant", id * 1000 + n))
                        .put("sku", single ? sku : sku + "-" + sizes.get(i) + (colors.isEmpty() ? "" : "-" + colors.get(j)))
                        .putNull("barcode").put("price", price.apply(i, j)).put("inventoryQuantity", 0);
                ArrayNode selected = v.putArray("selectedOptions");
                if (single) {
                    selected.addObject().put("name", "Title").put("value", "Default Title");
                } else {
                    selected.addObject().put("name", "Size").put("value", sizes.get(i));
                    if (!colors.isEmpty()) {
                        selected.addObject().put("name", "Color").put("value", colors.get(j));
                    }
                }
                v.putObject("inventoryItem").put("id", gid("InventoryItem", id * 1000 + n));
            }
        }
        return p;
    }

    /**
     * An order in {@code currency} created at {@code createdAt} by a customer with this id, its lines the given
     * variants of a product (one unit each, at the variant's price, line ids {@code id*1000+n}), no taxes, no
     * shipping; PENDING, so the hub leaves it a quotation.
     */
    public static ObjectNode order(long id, String currency, String createdAt, long customer, ObjectNode product, List<Integer> variantIndexes) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", gid("Order", id)).put("name", "#" + id).put("email", "buyer" + customer + "@example.com").put("currencyCode", currency)
                .put("createdAt", createdAt).put("updatedAt", createdAt).put("displayFinancialStatus", "PENDING").putNull("cancelledAt")
                .put("taxesIncluded", false);
        o.putArray("paymentGatewayNames").add("manual");
        ObjectNode c = o.putObject("customer");
        c.put("id", gid("Customer", customer)).put("firstName", "Buyer").put("lastName", String.valueOf(customer))
                .put("updatedAt", createdAt);
        c.putArray("tags");
        c.putObject("defaultEmailAddress").put("emailAddress", "buyer" + customer + "@example.com");
        c.putNull("defaultPhoneNumber");
        c.putObject("defaultAddress").put("id", gid("MailingAddress", customer)).put("address1", "Main St 1").put("city", "Austin")
                .put("zip", "73301").put("countryCodeV2", "US");
        c.putObject("addressesV2").putArray("nodes");
        o.putObject("billingAddress").put("firstName", "Buyer").put("address1", "Main St 1").put("city", "Austin").put("countryCodeV2", "US");
        o.putObject("shippingAddress").put("firstName", "Buyer").put("address1", "Main St 1").put("city", "Austin").put("countryCodeV2", "US");
        ArrayNode lines = o.putObject("lineItems").putArray("nodes");
        BigDecimal total = BigDecimal.ZERO;
        int n = 0;
        for (int index : variantIndexes) {
            n++;
            var variant = product.path("variants").path("nodes").get(index);
            ObjectNode line = lines.addObject().put("id", gid("LineItem", id * 1000 + n)).put("sku", variant.path("sku").asText())
                    .put("title", product.path("title").asText()).putNull("variantTitle").put("quantity", 1).put("currentQuantity", 1);
            line.putObject("variant").put("id", variant.path("id").asText());
            line.putObject("product").put("id", product.path("id").asText());
            line.putObject("originalUnitPriceSet").putObject("shopMoney").put("amount", variant.path("price").asText());
            line.putObject("totalDiscountSet").putObject("shopMoney").put("amount", "0.00");
            line.putArray("taxLines");
            total = total.add(new BigDecimal(variant.path("price").asText()));
        }
        o.putObject("totalPriceSet").putObject("shopMoney").put("amount", total.toPlainString());
        o.putObject("shippingLines").putArray("nodes");
        return o;
    }

    /** The product as the REST JSON of a products/create or products/update webhook, updated at {@code updatedAt}. */
    public static String productWebhook(ObjectNode product, String updatedAt) {
        ObjectNode rest = ShopifyGraphql.product(product);
        rest.put("updated_at", updatedAt);
        return rest.toString();
    }

    public static String gid(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }

    /** The number of a gid. */
    public static long id(String gid) {
        return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    }
}
