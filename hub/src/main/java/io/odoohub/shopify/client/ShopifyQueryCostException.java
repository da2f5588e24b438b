package io.odoohub.shopify.client;

/**
 * Shopify refused a query before running it because its requested cost is over the single-query maximum
 * ({@code MAX_COST_EXCEEDED}). The same query will be refused again; a smaller one (fewer records a page) will not,
 * so the pager asks for less ({@link ShopifyPages}).
 */
public final class ShopifyQueryCostException extends ShopifyApiException {

    private final int cost;
    private final int maxCost;

    public ShopifyQueryCostException(String message, int cost, int maxCost) {
        super(message, 200, false, null);
        this.cost = cost;
        this.maxCost = maxCost;
    }

    /** The requested cost Shopify computed for the refused query. */
    public int cost() {
        return cost;
    }

    /** The most a single query may cost. */
    public int maxCost() {
        return maxCost;
    }
}
