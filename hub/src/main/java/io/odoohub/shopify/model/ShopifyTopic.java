package io.odoohub.shopify.model;

import java.util.Arrays;
import java.util.Optional;

/** The webhook topics the connector subscribes to, and the kind of entity each one changes. */
public enum ShopifyTopic {
    ORDERS_CREATE("orders/create", Entity.ORDER),
    ORDERS_UPDATED("orders/updated", Entity.ORDER),
    ORDERS_CANCELLED("orders/cancelled", Entity.ORDER),
    ORDERS_PAID("orders/paid", Entity.ORDER),
    PRODUCTS_CREATE("products/create", Entity.PRODUCT),
    PRODUCTS_UPDATE("products/update", Entity.PRODUCT),
    PRODUCTS_DELETE("products/delete", Entity.PRODUCT),
    CUSTOMERS_CREATE("customers/create", Entity.CUSTOMER),
    CUSTOMERS_UPDATE("customers/update", Entity.CUSTOMER),
    INVENTORY_LEVELS_UPDATE("inventory_levels/update", Entity.INVENTORY),
    APP_UNINSTALLED("app/uninstalled", Entity.NONE),
    CUSTOMERS_DATA_REQUEST("customers/data_request", Entity.NONE),
    CUSTOMERS_REDACT("customers/redact", Entity.CUSTOMER),
    SHOP_REDACT("shop/redact", Entity.NONE);

    /** The inbox flow of everything Shopify sends (the topics above, the import's and the reconciliation's events). */
    public static final String FLOW = "shopify";

    public enum Entity { ORDER, PRODUCT, CUSTOMER, INVENTORY, NONE }

    private final String topic;
    private final Entity entity;

    ShopifyTopic(String topic, Entity entity) {
        this.topic = topic;
        this.entity = entity;
    }

    public String topic() {
        return topic;
    }

    public Entity entity() {
        return entity;
    }

    public static Optional<ShopifyTopic> of(String topic) {
        return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).findFirst();
    }
}
