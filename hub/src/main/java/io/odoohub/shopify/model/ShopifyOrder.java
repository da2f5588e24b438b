package io.odoohub.shopify.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A Shopify order (orders/create|updated|paid|cancelled). Money amounts are strings in Shopify; here they are
 * BigDecimal.
 *
 * @param name          Shopify's order name, e.g. #1001
 * @param taxesIncluded whether line prices include tax
 */
public record ShopifyOrder(long id, String name, String email, String currency, Instant createdAt, Instant updatedAt,
                           String financialStatus, Instant cancelledAt, boolean taxesIncluded, ShopifyCustomer customer,
                           ShopifyAddress billingAddress, ShopifyAddress shippingAddress, List<Line> lines,
                           List<ShippingLine> shippingLines, List<String> gateways, BigDecimal totalPrice) {

    /**
     * A line item. Shopify keeps every line item an order ever had: an order edit changes {@code currentQuantity}
     * (0 for a removed line) and appends added items as new line items with new ids.
     *
     * @param quantity        the quantity as first ordered (Shopify's {@code quantity})
     * @param currentQuantity the quantity after order edits (Shopify's {@code current_quantity}; payloads of older API
     *                        versions lack it, then it is {@code quantity}): what Odoo's line should have
     * @param discount        the line's total discount (all units as first ordered)
     */
    public record Line(long id, Long variantId, Long productId, String sku, String title, String variantTitle,
                       BigDecimal quantity, BigDecimal currentQuantity, BigDecimal price, BigDecimal discount, List<TaxLine> taxLines) {

        /** Removed by an order edit (or all its units were). */
        public boolean removed() {
            return currentQuantity.signum() == 0;
        }
    }

    public record ShippingLine(String title, String code, BigDecimal price, BigDecimal discount, List<TaxLine> taxLines) {
    }

    /** @param rate a fraction, 0.2 for 20% */
    public record TaxLine(String title, BigDecimal rate, BigDecimal price) {
    }

    public boolean paid() {
        return "paid".equals(financialStatus);
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }
}
