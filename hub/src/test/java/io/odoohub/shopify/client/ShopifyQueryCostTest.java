package io.odoohub.shopify.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shopify's documented cost rules, the figures of the queries the hub used to send, and those it sends now. */
class ShopifyQueryCostTest {

    @Test
    void objectsCostOneScalarsNothingConnectionsTwoPlusFirstTimesANodeAndNestedConnectionsMultiply() {
        assertThat(ShopifyQueryCost.requested("{ shop { id name timezoneOffsetMinutes customerAccounts } }", Map.of())).isEqualTo(1);
        assertThat(ShopifyQueryCost.requested("query { products(first: 10) { edges { node { title } } } }", Map.of())).isEqualTo(12);
        assertThat(ShopifyQueryCost.requested("query { products(first: 10) { nodes { title variants(first: 5) { nodes { price } } } } }",
                Map.of())).isEqualTo(2 + 10 * (1 + 2 + 5));
        // pageInfo and cursors are part of the connection's 2; an object in a node adds 1 per node
        assertThat(ShopifyQueryCost.requested("query q($n: Int!) { orders(last: $n) { edges { cursor node { id customer { id } } }"
                + " pageInfo { hasNextPage endCursor } } }", Map.of("n", 4))).isEqualTo(2 + 4 * 2);
        // aliases, comments, arguments of every kind, directives and inline fragments (the dearest alternative counts)
        assertThat(ShopifyQueryCost.requested("""
                query one($id: ID!) { # a comment
                  thing: node(id: $id) @include(if: true) {
                    id
                    ... on Product { title featuredImage { url } }
                    ... on Order { customer { id defaultAddress { id } } }
                  }
                  products(first: 3, query: "title:'a, b' {x}", sortKey: TITLE, reverse: false) { nodes { id } }
                }""", Map.of("id", "gid://shopify/Product/1"))).isEqualTo((1 + 2) + (2 + 3));
        assertThat(ShopifyQueryCost.requested("mutation m($i: ProductUpdateInput!) { productUpdate(product: $i) { product { id } } }",
                Map.of())).isEqualTo(10);
        assertThatThrownBy(() -> ShopifyQueryCost.requested("{ products { nodes { id } } }", Map.of()))
                .hasMessageContaining("you must provide one of first or last");
    }

    /** The pages the hub asked for before: a page of 100 products, of 100 orders, even of 2 orders, was over 1,000. */
    @Test
    void theFormerImportQueriesCostMoreThanShopifyAllows() {
        String money = "shopMoney { amount }";
        String address = "firstName lastName company address1 address2 city zip provinceCode countryCodeV2 phone";
        String customer = "id firstName lastName tags updatedAt defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber }"
                + " defaultAddress { id " + address + " } addressesV2(first: 10) { nodes { id " + address + " } }";
        String products = "query products($first: Int!, $after: String) { products(first: $first, after: $after) {"
                + " nodes { id title descriptionHtml vendor productType tags updatedAt options { name optionValues { name } }"
                + " variants(first: 100) { nodes { id sku barcode price inventoryQuantity selectedOptions { name value } inventoryItem { id } } } }"
                + " pageInfo { hasNextPage endCursor } } }";
        String orders = "query orders($first: Int!, $after: String, $query: String) { orders(first: $first, after: $after, query: $query) {"
                + " nodes { id name email currencyCode createdAt updatedAt displayFinancialStatus cancelledAt taxesIncluded paymentGatewayNames"
                + " totalPriceSet { " + money + " } customer { " + customer + " } billingAddress { " + address + " } shippingAddress { " + address + " }"
                + " lineItems(first: 100) { nodes { id sku title variantTitle quantity currentQuantity variant { id } product { id }"
                + " originalUnitPriceSet { " + money + " } totalDiscountSet { " + money + " } taxLines { title rate priceSet { " + money + " } } } }"
                + " shippingLines(first: 10) { nodes { title code originalPriceSet { " + money + " } taxLines { title rate priceSet { " + money + " } } } } }"
                + " pageInfo { hasNextPage endCursor } } }";
        assertThat(ShopifyQueryCost.requested(products, Map.of("first", 100))).isEqualTo(30_502);
        assertThat(ShopifyQueryCost.requested(orders, Map.of("first", 100))).isEqualTo(108_502);
        assertThat(ShopifyQueryCost.requested(orders, Map.of("first", 2))).isEqualTo(2_172);
        assertThat(ShopifyQueryCost.largestFirst(orders, Map.of(), "first", 1000)).isZero();
    }

    /** Per record: customer 8, product 5 + 3 per variant asked for, order 17 + 10 per line + 6 per shipping line. */
    @Test
    void theHubsPagesAndFollowUpsFitUnderOneThousandPoints() {
        assertThat(ShopifyGraphql.VARIANTS_PER_PRODUCT).isEqualTo(20);
        assertThat(ShopifyGraphql.LINES_PER_ORDER).isEqualTo(10);
        assertThat(ShopifyGraphql.SHIPPING_LINES_PER_ORDER).isEqualTo(2);
        assertFits(ShopifyGraphql.CUSTOMERS.document(), 124, 2 + 124 * 8);
        assertFits(ShopifyGraphql.PRODUCTS.document(), 15, 2 + 15 * (5 + 3 * 20));
        assertFits(ShopifyGraphql.ORDERS.document(), 7, 2 + 7 * (17 + 10 * 10 + 6 * 2));
        // follow-ups: the record (1) and its list; variants reach Shopify's 250 a page first
        assertFits(ShopifyGraphql.PRODUCT_VARIANTS.followUp(), 250, 1 + 2 + 250 * 3);
        assertFits(ShopifyGraphql.ORDER_LINES.followUp(), 99, 1 + 2 + 99 * 10);
        assertFits(ShopifyGraphql.ORDER_SHIPPING_LINES.followUp(), 166, 1 + 2 + 166 * 6);
        for (String count : new String[] {ShopifyGraphql.CUSTOMERS_COUNT, ShopifyGraphql.PRODUCTS_COUNT, ShopifyGraphql.ORDERS_COUNT}) {
            assertThat(ShopifyQueryCost.requested(count, Map.of())).isEqualTo(1);
        }
    }

    private static void assertFits(String document, int first, int cost) {
        Map<String, Object> v = new HashMap<>();
        v.put("id", "gid://shopify/Product/1");
        assertThat(ShopifyQueryCost.largestFirst(document, v, "first", 1000)).as(document).isEqualTo(first);
        v.put("first", first);
        assertThat(ShopifyQueryCost.requested(document, v)).isEqualTo(cost).isLessThanOrEqualTo(1000);
        if (first < ShopifyQueryCost.MAX_PAGE) {
            v.put("first", first + 1);
            assertThat(ShopifyQueryCost.requested(document, v)).isGreaterThan(1000);
        }
    }
}
