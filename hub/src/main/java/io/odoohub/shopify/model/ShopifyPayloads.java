package io.odoohub.shopify.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The normaliser: Shopify's webhook payloads (the REST resource JSON of each topic) -> records. A payload without
 * the resource's id, or with a value of the wrong shape, is refused with the reason.
 */
public final class ShopifyPayloads {

    private ShopifyPayloads() {
    }

    public static ShopifyCustomer customer(JsonNode n) {
        long id = id(n, "customer");
        List<ShopifyAddress> addresses = new ArrayList<>();
        for (JsonNode a : n.path("addresses")) {
            addresses.add(address(a));
        }
        JsonNode def = n.path("default_address");
        ShopifyAddress invoice = def.isObject() ? address(def) : addresses.isEmpty() ? null : addresses.get(0);
        ShopifyAddress delivery = invoice;
        long defId = def.path("id").asLong(-1);
        for (JsonNode a : n.path("addresses")) {
            if (a.path("id").asLong(-2) != defId) {
                delivery = address(a);
                break;
            }
        }
        return new ShopifyCustomer(id, text(n, "email"), text(n, "first_name"), text(n, "last_name"), text(n, "phone"),
                tags(text(n, "tags")), invoice, delivery, instant(n, "updated_at"));
    }

    public static ShopifyProduct product(JsonNode n) {
        long id = id(n, "product");
        List<ShopifyProduct.Option> options = new ArrayList<>();
        for (JsonNode o : n.path("options")) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : o.path("values")) {
                values.add(v.asText());
            }
            options.add(new ShopifyProduct.Option(text(o, "name"), values));
        }
        List<ShopifyProduct.Variant> variants = new ArrayList<>();
        for (JsonNode v : n.path("variants")) {
            List<String> values = new ArrayList<>();
            for (String f : new String[] {"option1", "option2", "option3"}) {
                String s = text(v, f);
                if (s != null) {
                    values.add(s);
                }
            }
            variants.add(new ShopifyProduct.Variant(id(v, "variant"), text(v, "sku"), text(v, "barcode"), money(v, "price").toPlainString(),
                    values, v.hasNonNull("inventory_item_id") ? v.get("inventory_item_id").asLong() : null,
                    v.hasNonNull("inventory_quantity") ? v.get("inventory_quantity").asInt() : null));
        }
        Map<String, String> metafields = new LinkedHashMap<>();
        for (JsonNode m : n.path("metafields")) {
            if (m.hasNonNull("namespace") && m.hasNonNull("key") && m.hasNonNull("value")) {
                metafields.put(m.get("namespace").asText() + "." + m.get("key").asText(), m.get("value").asText());
            }
        }
        return new ShopifyProduct(id, text(n, "title"), text(n, "body_html"), text(n, "vendor"), text(n, "product_type"),
                tags(text(n, "tags")), options, variants, metafields, instant(n, "updated_at"));
    }

    public static ShopifyOrder order(JsonNode n) {
        long id = id(n, "order");
        List<ShopifyOrder.Line> lines = new ArrayList<>();
        for (JsonNode l : n.path("line_items")) {
            BigDecimal discount = BigDecimal.ZERO;
            if (l.path("discount_allocations").isArray() && !l.path("discount_allocations").isEmpty()) {
                for (JsonNode d : l.path("discount_allocations")) {
                    discount = discount.add(money(d, "amount"));
                }
            } else {
                discount = money(l, "total_discount");
            }
            BigDecimal quantity = quantity(l, "quantity");
            BigDecimal current = l.hasNonNull("current_quantity") ? quantity(l, "current_quantity") : quantity;
            lines.add(new ShopifyOrder.Line(id(l, "line item"), longOrNull(l, "variant_id"), longOrNull(l, "product_id"), text(l, "sku"),
                    text(l, "title"), text(l, "variant_title"), quantity, current, money(l, "price"), discount, taxLines(l)));
        }
        List<ShopifyOrder.ShippingLine> shipping = new ArrayList<>();
        for (JsonNode s : n.path("shipping_lines")) {
            BigDecimal discount = BigDecimal.ZERO;
            for (JsonNode d : s.path("discount_allocations")) {
                discount = discount.add(money(d, "amount"));
            }
            shipping.add(new ShopifyOrder.ShippingLine(text(s, "title"), text(s, "code"), money(s, "price"), discount, taxLines(s)));
        }
        List<String> gateways = new ArrayList<>();
        for (JsonNode g : n.path("payment_gateway_names")) {
            gateways.add(g.asText());
        }
        JsonNode customer = n.path("customer");
        return new ShopifyOrder(id, text(n, "name"), text(n, "email"), text(n, "currency"), instant(n, "created_at"),
                instant(n, "updated_at"), text(n, "financial_status"), instant(n, "cancelled_at"), n.path("taxes_included").asBoolean(false),
                customer.isObject() && customer.hasNonNull("id") ? customer(customer) : null,
                n.path("billing_address").isObject() ? address(n.get("billing_address")) : null,
                n.path("shipping_address").isObject() ? address(n.get("shipping_address")) : null,
                lines, shipping, gateways, n.hasNonNull("total_price") ? money(n, "total_price") : null);
    }

    public static ShopifyInventoryLevel inventoryLevel(JsonNode n) {
        if (!n.hasNonNull("inventory_item_id") || !n.hasNonNull("location_id")) {
            throw new IllegalArgumentException("inventory level without inventory_item_id or location_id");
        }
        if (!n.hasNonNull("available")) {
            throw new IllegalArgumentException("inventory level of item " + n.get("inventory_item_id").asText() + " has no 'available' quantity");
        }
        return new ShopifyInventoryLevel(n.get("inventory_item_id").asLong(), n.get("location_id").asLong(), n.get("available").asInt(),
                instant(n, "updated_at"));
    }

    /** The id of a deleted product (products/delete: {@code {"id": ...}}). */
    public static long deletedId(JsonNode n) {
        return id(n, "deleted resource");
    }

    /** customers/redact: the customer to anonymise. */
    public static long redactedCustomer(JsonNode n) {
        return id(n.path("customer"), "redacted customer");
    }

    /** The resource's updated_at (for staleness), or null. */
    public static Instant updatedAt(JsonNode n) {
        return instant(n, "updated_at");
    }

    private static List<ShopifyOrder.TaxLine> taxLines(JsonNode parent) {
        List<ShopifyOrder.TaxLine> out = new ArrayList<>();
        for (JsonNode t : parent.path("tax_lines")) {
            out.add(new ShopifyOrder.TaxLine(text(t, "title"), new BigDecimal(t.path("rate").asText("0")), money(t, "price")));
        }
        return out;
    }

    static ShopifyAddress address(JsonNode a) {
        return new ShopifyAddress(text(a, "first_name"), text(a, "last_name"), text(a, "company"), text(a, "address1"), text(a, "address2"),
                text(a, "city"), text(a, "zip"), text(a, "province_code"), text(a, "country_code"), text(a, "phone"));
    }

    private static long id(JsonNode n, String what) {
        JsonNode id = n.path("id");
        if (!id.canConvertToLong() || id.asLong() <= 0) {
            throw new IllegalArgumentException(what + " without a numeric id");
        }
        return id.asLong();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.canConvertToLong() ? v.asLong() : null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static BigDecimal money(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + s + "' is not an amount");
        }
    }

    /** A line item's quantity: a whole number, not negative (0 when missing). */
    private static BigDecimal quantity(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return BigDecimal.ZERO;
        }
        String s = v.asText();
        if (v.isContainerNode() || !s.matches("\\d{1,9}")) {
            throw new IllegalArgumentException(field + " '" + s + "' is not a quantity");
        }
        return new BigDecimal(s);
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + s + "' is not an ISO-8601 date-time");
        }
    }

    private static List<String> tags(String tags) {
        List<String> out = new ArrayList<>();
        if (tags != null) {
            for (String t : tags.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.trim());
                }
            }
        }
        return out;
    }
}
