package io.odoohub.shopify.client;

/** The GraphQL documents the push sends (Admin API 2026-10). */
public final class ShopifyMutations {

    private ShopifyMutations() {
    }

    public static final String VARIANTS_BULK_UPDATE = """
            mutation productVariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
              productVariantsBulkUpdate(productId: $productId, variants: $variants) {
                productVariants { id price }
                userErrors { field message }
              }
            }""";

    public static final String PRODUCT_UPDATE = """
            mutation productUpdate($product: ProductUpdateInput!) {
              productUpdate(product: $product) {
                product { id }
                userErrors { field message }
              }
            }""";

    /** changeFromQuantity is required since 2026-04 (null skips the check); the idempotency key makes a retry safe. */
    public static final String INVENTORY_SET_QUANTITIES = """
            mutation inventorySetQuantities($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
              inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
                inventoryAdjustmentGroup { id }
                userErrors { field message code }
              }
            }""";

    public static String gid(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }
}
