package io.odoohub.shopify.model;

import java.time.Instant;

/** inventory_levels/update: the available quantity of one inventory item at one location. */
public record ShopifyInventoryLevel(long inventoryItemId, long locationId, int available, Instant updatedAt) {
}
