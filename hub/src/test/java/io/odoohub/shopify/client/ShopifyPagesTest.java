package io.odoohub.shopify.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.shopify.FakeShopifyAdmin;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pages under the single-query limit, nested lists completed by follow-ups, MAX_COST_EXCEEDED answered by asking for less. */
class ShopifyPagesTest {

    private static final String TOKEN = "fake-shopify-token-pages_token";

    private static ShopifyAdminClient client(FakeShopifyAdmin fake) {
        return new ShopifyAdminClient(fake.baseUrl() + "/admin/api/" + FakeShopifyAdmin.VERSION + "/graphql.json", TOKEN, Clock.systemUTC(),
                Thread::sleep);
    }

    @Test
    void aMaxCostExceededAnswerIsClassifiedAndNotSentAgainByTheClient() throws Exception {
        try (FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 10_000, 10_000)) {
            int calls = fake.calls.get();
            assertThatThrownBy(() -> client(fake).execute("products", ShopifyGraphql.PRODUCTS.document(), Map.of("first", 16), 16))
                    .isInstanceOfSatisfying(ShopifyQueryCostException.class, e -> {
                        assertThat(e.cost()).isEqualTo(2 + 16 * 65);
                        assertThat(e.maxCost()).isEqualTo(1000);
                        assertThat(e.retryable()).isFalse();
                    });
            assertThat(fake.calls.get() - calls).isEqualTo(1);
            assertThat(fake.costRefusals.get()).isEqualTo(1);
        }
    }

    @Test
    void aProductOfAHundredVariantsComesWholeAndARefusalMakesThePagesSmaller() throws Exception {
        try (FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 10_000, 10_000)) {
            List<String> ten = IntStream.range(0, 10).mapToObj(i -> "V" + i).toList();
            fake.productNodes.add(ShopifyNodes.product(1, "Big", "<p>b</p>", "BIG", ten, ten, (s, c) -> "1.00"));
            for (int i = 2; i <= 40; i++) {
                fake.productNodes.add(ShopifyNodes.product(i, "P" + i, "", "P" + i, List.of("One"), List.of(), (s, c) -> "1.00"));
            }
            fake.maxQueryCost = 500; // Shopify counting more than the calculation: 15 products (977 points) are refused
            ShopifyPages pages = new ShopifyPages(client(fake), ShopifyGraphql.PRODUCTS, Map.of(), 100);
            assertThat(pages.pageSize()).isEqualTo(15);
            ShopifyPages.Page first = pages.page(null);
            // the page (977 > 500) refused once; the follow-up of 250 variants (753) once or twice (in proportion, then 1 less)
            int refusals = fake.costRefusals.get();
            assertThat(refusals).isBetween(2, 3);
            assertThat(pages.pageSize()).isEqualTo(15 * 500 / 977);
            assertThat(pages.followUpSize(ShopifyGraphql.PRODUCT_VARIANTS)).isBetween(150, (500 - 3) / 3);
            JsonNode big = first.nodes().get(0);
            assertThat(big.path("variants").path("nodes")).hasSize(100);
            assertThat(big.path("variants").path("nodes").get(99).path("sku").asText()).isEqualTo("BIG-V9-V9");
            assertThat(big.path("variants").path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
            int seen = first.nodes().size();
            String after = first.endCursor();
            boolean more = first.hasNextPage();
            while (more) {
                ShopifyPages.Page p = pages.page(after);
                seen += p.nodes().size();
                after = p.endCursor();
                more = p.hasNextPage();
            }
            assertThat(seen).isEqualTo(40);
            assertThat(fake.costRefusals.get()).as("the smaller size is kept").isEqualTo(refusals);
            assertThat(fake.maxRequestedCost.get()).isLessThanOrEqualTo(500);
        }
    }

    @Test
    void aQueryStillRefusedForOneRecordFails() throws Exception {
        try (FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 10_000, 10_000)) {
            fake.maxQueryCost = 100; // one order asks for 131
            ShopifyPages pages = new ShopifyPages(client(fake), ShopifyGraphql.ORDERS, Map.of("query", ""), 100);
            assertThatThrownBy(() -> pages.page(null)).isInstanceOf(ShopifyQueryCostException.class);
            assertThat(pages.pageSize()).isEqualTo(1);
        }
    }
}
