package io.odoohub.shopify.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.support.Json;
import java.util.List;
import java.util.Locale;

/**
 * The initial import's GraphQL pages, and their nodes turned into the REST resource JSON of the webhook topics,
 * so that imported records go through the same inbox, normaliser and writers as webhooks.
 */
public final class ShopifyGraphql {

    private ShopifyGraphql() {
    }

    private static final String ADDRESS = "firstName lastName company address1 address2 city zip provinceCode countryCodeV2 phone";
    /**
     * Two addresses are all the customer mapping reads: the default one (invoice) and the first other one (delivery),
     * which is the first or the second of the list.
     */
    private static final String CUSTOMER = "id firstName lastName tags updatedAt defaultEmailAddress { emailAddress }"
            + " defaultPhoneNumber { phoneNumber } defaultAddress { id " + ADDRESS + " } addressesV2(first: 2) { nodes { id " + ADDRESS + " } }";
    private static final String MONEY = "shopMoney { amount }";
    private static final String PAGE_INFO = " pageInfo { hasNextPage endCursor }";

    /**
     * Nested lists asked for with each page, sized so that a page holds many records under Shopify's 1,000 points; a
     * record with more gets the rest by {@link Nested#followUp()} queries (ShopifyPages).
     */
    static final int VARIANTS_PER_PRODUCT = 20;
    static final int LINES_PER_ORDER = 10;
    static final int SHIPPING_LINES_PER_ORDER = 2;

    private static final String VARIANT = "id sku barcode price inventoryQuantity selectedOptions { name value } inventoryItem { id }";
    private static final String LINE_ITEM = "id sku title variantTitle quantity currentQuantity variant { id } product { id }"
            + " originalUnitPriceSet { " + MONEY + " } totalDiscountSet { " + MONEY + " } taxLines { title rate priceSet { " + MONEY + " } }";
    private static final String SHIPPING_LINE = "title code originalPriceSet { " + MONEY + " } taxLines { title rate priceSet { " + MONEY + " } }";

    /** A list nested in each record of a page, and how to ask for the rest of it. */
    record Nested(String owner, String field, String nodeFields) {

        /** The rest of the list of one record: {@code $id}, {@code $first}, {@code $after}. */
        String followUp() {
            return "query " + owner + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "($id: ID!, $first: Int!, $after: String) { "
                    + owner + "(id: $id) { " + field + "(first: $first, after: $after) { nodes { " + nodeFields + " }" + PAGE_INFO + " } } }";
        }
    }

    /** A top-level connection, the document of its pages ({@code $first}, {@code $after}) and its nested lists. */
    public record Query(String connection, String document, List<Nested> nested) {
    }

    static final Nested PRODUCT_VARIANTS = new Nested("product", "variants", VARIANT);
    static final Nested ORDER_LINES = new Nested("order", "lineItems", LINE_ITEM);
    static final Nested ORDER_SHIPPING_LINES = new Nested("order", "shippingLines", SHIPPING_LINE);

    public static final Query CUSTOMERS = new Query("customers", "query customers($first: Int!, $after: String) { customers(first: $first, after: $after) {"
            + " nodes { " + CUSTOMER + " }" + PAGE_INFO + " } }", List.of());
    public static final String CUSTOMERS_COUNT = "query customersCount { customersCount { count } }";

    public static final Query PRODUCTS = new Query("products", "query products($first: Int!, $after: String) { products(first: $first, after: $after) {"
            + " nodes { id title descriptionHtml vendor productType tags updatedAt options { name optionValues { name } }"
            + " variants(first: " + VARIANTS_PER_PRODUCT + ") { nodes { " + VARIANT + " }" + PAGE_INFO + " } }"
            + PAGE_INFO + " } }", List.of(PRODUCT_VARIANTS));
    public static final String PRODUCTS_COUNT = "query productsCount { productsCount { count } }";

    public static final Query ORDERS = new Query("orders", "query orders($first: Int!, $after: String, $query: String) {"
            + " orders(first: $first, after: $after, query: $query) {"
            + " nodes { id name email currencyCode createdAt updatedAt displayFinancialStatus cancelledAt taxesIncluded paymentGatewayNames"
            + " totalPriceSet { " + MONEY + " }"
            + " customer { " + CUSTOMER + " } billingAddress { " + ADDRESS + " } shippingAddress { " + ADDRESS + " }"
            + " lineItems(first: " + LINES_PER_ORDER + ") { nodes { " + LINE_ITEM + " }" + PAGE_INFO + " }"
            + " shippingLines(first: " + SHIPPING_LINES_PER_ORDER + ") { nodes { " + SHIPPING_LINE + " }" + PAGE_INFO + " } }"
            + PAGE_INFO + " } }", List.of(ORDER_LINES, ORDER_SHIPPING_LINES));
    public static final String ORDERS_COUNT = "query ordersCount($query: String) { ordersCount(query: $query) { count } }";

    /** gid://shopify/Order/123 -> 123 */
    static long id(JsonNode gid) {
        String s = gid.asText();
        return Long.parseLong(s.substring(s.lastIndexOf('/') + 1).replaceAll("\\?.*", ""));
    }

    public static ObjectNode customer(JsonNode n) {
        ObjectNode c = Json.INTERNAL.createObjectNode();
        c.put("id", id(n.get("id")));
        c.put("email", n.path("defaultEmailAddress").path("emailAddress").asText(null));
        c.put("phone", n.path("defaultPhoneNumber").path("phoneNumber").asText(null));
        c.put("first_name", n.path("firstName").asText(null));
        c.put("last_name", n.path("lastName").asText(null));
        c.put("tags", String.join(", ", texts(n.path("tags"))));
        c.put("updated_at", n.path("updatedAt").asText(null));
        if (n.path("defaultAddress").isObject()) {
            c.set("default_address", address(n.get("defaultAddress")));
        }
        ArrayNode addresses = c.putArray("addresses");
        for (JsonNode a : n.path("addressesV2").path("nodes")) {
            addresses.add(address(a));
        }
        return c;
    }

    public static ObjectNode product(JsonNode n) {
        ObjectNode p = Json.INTERNAL.createObjectNode();
        p.put("id", id(n.get("id")));
        p.put("title", n.path("title").asText(null));
        p.put("body_html", n.path("descriptionHtml").asText(null));
        p.put("vendor", n.path("vendor").asText(null));
        p.put("product_type", n.path("productType").asText(null));
        p.put("tags", String.join(", ", texts(n.path("tags"))));
        p.put("updated_at", n.path("updatedAt").asText(null));
        ArrayNode options = p.putArray("options");
        java.util.List<String> optionNames = new java.util.ArrayList<>();
        for (JsonNode o : n.path("options")) {
            ObjectNode option = options.addObject().put("name", o.path("name").asText());
            optionNames.add(o.path("name").asText());
            ArrayNode values = option.putArray("values");
            o.path("optionValues").forEach(v -> values.add(v.path("name").asText()));
        }
        ArrayNode variants = p.putArray("variants");
        for (JsonNode v : n.path("variants").path("nodes")) {
            ObjectNode variant = variants.addObject();
            variant.put("id", id(v.get("id")));
            variant.put("sku", v.path("sku").asText(null));
            variant.put("barcode", v.path("barcode").asText(null));
            variant.put("price", v.path("price").asText("0"));
            if (v.hasNonNull("inventoryQuantity")) {
                variant.put("inventory_quantity", v.path("inventoryQuantity").asInt());
            }
            if (v.path("inventoryItem").has("id")) {
                variant.put("inventory_item_id", id(v.path("inventoryItem").get("id")));
            }
            for (JsonNode so : v.path("selectedOptions")) {
                int i = optionNames.indexOf(so.path("name").asText());
                if (i >= 0 && i < 3) {
                    variant.put("option" + (i + 1), so.path("value").asText());
                }
            }
        }
        return p;
    }

    public static ObjectNode order(JsonNode n) {
        ObjectNode o = Json.INTERNAL.createObjectNode();
        o.put("id", id(n.get("id")));
        o.put("name", n.path("name").asText(null));
        o.put("email", n.path("email").asText(null));
        o.put("currency", n.path("currencyCode").asText(null));
        o.put("created_at", n.path("createdAt").asText(null));
        o.put("updated_at", n.path("updatedAt").asText(null));
        o.put("financial_status", n.path("displayFinancialStatus").asText("").toLowerCase(Locale.ROOT));
        o.put("cancelled_at", n.path("cancelledAt").asText(null));
        o.put("taxes_included", n.path("taxesIncluded").asBoolean(false));
        o.put("total_price", money(n.path("totalPriceSet")));
        ArrayNode gateways = o.putArray("payment_gateway_names");
        texts(n.path("paymentGatewayNames")).forEach(gateways::add);
        if (n.path("customer").isObject()) {
            o.set("customer", customer(n.get("customer")));
        }
        if (n.path("billingAddress").isObject()) {
            o.set("billing_address", address(n.get("billingAddress")));
        }
        if (n.path("shippingAddress").isObject()) {
            o.set("shipping_address", address(n.get("shippingAddress")));
        }
        ArrayNode lines = o.putArray("line_items");
        for (JsonNode l : n.path("lineItems").path("nodes")) {
            ObjectNode line = lines.addObject();
            line.put("id", id(l.get("id")));
            if (l.path("variant").has("id")) {
                line.put("variant_id", id(l.path("variant").get("id")));
            }
            if (l.path("product").has("id")) {
                line.put("product_id", id(l.path("product").get("id")));
            }
            line.put("sku", l.path("sku").asText(null));
            line.put("title", l.path("title").asText(null));
            line.put("variant_title", l.path("variantTitle").asText(null));
            line.put("quantity", l.path("quantity").asInt());
            if (l.hasNonNull("currentQuantity")) {
                line.put("current_quantity", l.get("currentQuantity").asInt());
            }
            line.put("price", money(l.path("originalUnitPriceSet")));
            line.put("total_discount", money(l.path("totalDiscountSet")));
            line.set("tax_lines", taxLines(l.path("taxLines")));
        }
        ArrayNode shipping = o.putArray("shipping_lines");
        for (JsonNode s : n.path("shippingLines").path("nodes")) {
            ObjectNode line = shipping.addObject();
            line.put("title", s.path("title").asText(null));
            line.put("code", s.path("code").asText(null));
            line.put("price", money(s.path("originalPriceSet")));
            line.set("tax_lines", taxLines(s.path("taxLines")));
        }
        return o;
    }

    private static ArrayNode taxLines(JsonNode taxLines) {
        ArrayNode out = Json.INTERNAL.createArrayNode();
        for (JsonNode t : taxLines) {
            out.addObject().put("title", t.path("title").asText(null)).put("rate", t.path("rate").asText("0"))
                    .put("price", money(t.path("priceSet")));
        }
        return out;
    }

    private static String money(JsonNode set) {
        return set.path("shopMoney").path("amount").asText("0");
    }

    private static ObjectNode address(JsonNode a) {
        ObjectNode out = Json.INTERNAL.createObjectNode();
        if (a.has("id")) {
            out.put("id", id(a.get("id")));
        }
        out.put("first_name", a.path("firstName").asText(null));
        out.put("last_name", a.path("lastName").asText(null));
        out.put("company", a.path("company").asText(null));
        out.put("address1", a.path("address1").asText(null));
        out.put("address2", a.path("address2").asText(null));
        out.put("city", a.path("city").asText(null));
        out.put("zip", a.path("zip").asText(null));
        out.put("province_code", a.path("provinceCode").asText(null));
        out.put("country_code", a.path("countryCodeV2").asText(null));
        out.put("phone", a.path("phone").asText(null));
        return out;
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }
}
