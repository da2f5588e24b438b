package io.odoohub.shopify.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Shopify product (products/create|update) with its options and variants.
 *
 * @param options    option names with their values, in Shopify's order (option1..3 of each variant)
 * @param metafields namespace.key -> value, when the webhook subscription includes metafields
 */
public record ShopifyProduct(long id, String title, String bodyHtml, String vendor, String productType, List<String> tags,
                             List<Option> options, List<Variant> variants, Map<String, String> metafields, Instant updatedAt) {

    public record Option(String name, List<String> values) {
    }

    /** @param optionValues option1..3, in the order of the product's options */
    public record Variant(long id, String sku, String barcode, String price, List<String> optionValues, Long inventoryItemId,
                          Integer inventoryQuantity) {
    }

    /** Shopify gives a product without options one option "Title" with the value "Default Title": no attributes. */
    public boolean hasRealOptions() {
        return !(options.size() == 1 && "Title".equals(options.get(0).name())
                && options.get(0).values().equals(List.of("Default Title")));
    }
}
