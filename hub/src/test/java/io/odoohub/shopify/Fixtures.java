package io.odoohub.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Shopify-shaped payloads under src/test/resources/shopify/, as text or as a tree to vary. */
public final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/shopify/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode tree(String name) {
        try {
            return (ObjectNode) JSON.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * product.json as another product with Size (Small, Large) x Color (Red, Blue): variant and inventory item ids
     * {@code id*10+1..4}, SKUs {@code <prefix>-S-RED, -S-BLUE, -L-RED, -L-BLUE}, priced in that order.
     */
    public static ObjectNode pricedProduct(long id, String title, String skuPrefix, String... prices) {
        ObjectNode product = tree("product.json");
        product.put("id", id).put("title", title).put("product_type", (String) null);
        String[][] combos = {{"Small", "Red"}, {"Small", "Blue"}, {"Large", "Red"}, {"Large", "Blue"}};
        ArrayNode variants = product.putArray("variants");
        for (int i = 0; i < combos.length; i++) {
            variants.addObject().put("id", id * 10 + i + 1).put("product_id", id).put("price", prices[i])
                    .put("sku", skuPrefix + "-" + combos[i][0].charAt(0) + "-" + combos[i][1].toUpperCase())
                    .put("option1", combos[i][0]).put("option2", combos[i][1]).put("inventory_item_id", id * 10 + i + 1);
        }
        return product;
    }

    public static String json(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
