package io.odoohub.shopify.flow;

import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.InboxEvent;
import io.odoohub.shopify.model.ShopifyCustomer;
import io.odoohub.shopify.model.ShopifyInventoryLevel;
import io.odoohub.shopify.model.ShopifyOrder;
import io.odoohub.shopify.model.ShopifyProduct;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of Shopify inbox events on its way through the apply route: the normalised records per kind, keyed by
 * the event they came from, and one outcome per event as the steps settle them.
 */
public final class ShopifyBatch {

    final List<InboxEvent> events;
    final Map<Long, ShopifyCustomer> customers = new LinkedHashMap<>();
    final Map<Long, ShopifyProduct> products = new LinkedHashMap<>();
    final Map<Long, Long> deletedProducts = new LinkedHashMap<>();
    final Map<Long, ShopifyOrder> orders = new LinkedHashMap<>();
    final Map<Long, ShopifyInventoryLevel> levels = new LinkedHashMap<>();
    final Map<Long, Long> redactions = new LinkedHashMap<>();
    final Map<Long, InboxEvent> notices = new LinkedHashMap<>();
    private final Map<Long, EventOutcome> outcomes = new LinkedHashMap<>();

    ShopifyBatch(List<InboxEvent> events) {
        this.events = events;
    }

    void settle(EventOutcome outcome) {
        outcomes.put(outcome.eventId(), outcome);
    }

    List<EventOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }
}
