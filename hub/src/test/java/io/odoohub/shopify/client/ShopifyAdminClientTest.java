package io.odoohub.shopify.client;

import io.odoohub.shopify.FakeShopifyAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GraphQL client against the fake Admin API: pacing by the cost bucket, THROTTLED, 429 Retry-After, bad token. */
class ShopifyAdminClientTest {

    private static final String TOKEN = "fake-shopify-token-test_token";
    private static final String MUTATION = "mutation productVariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {"
            + " productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { id price } userErrors { field message } } }";

    private static ShopifyAdminClient client(FakeShopifyAdmin fake, String token) {
        return new ShopifyAdminClient(fake.baseUrl() + "/admin/api/" + FakeShopifyAdmin.VERSION + "/graphql.json", token,
                Clock.systemUTC(), Thread::sleep);
    }

    private static Map<String, Object> variables(int product, int variants) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < variants; i++) {
            list.add(Map.of("id", "gid://shopify/ProductVariant/" + (product * 100 + i), "price", "1.00"));
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("productId", "gid://shopify/Product/" + product);
        v.put("variants", list);
        return v;
    }

    @Test
    void pacesItselfByTheCostBucketAndIsNeverThrottledTwiceInARow() throws Exception {
        // bucket of 40 points refilling 200/s; each call costs 30: most calls must wait for the bucket
        try (FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 40, 200)) {
            ShopifyAdminClient client = client(fake, TOKEN);
            for (int p = 1; p <= 15; p++) {
                client.execute("productVariantsBulkUpdate", MUTATION, variables(p, 20), 20);
            }
            assertThat(fake.variantPrices).hasSize(15 * 20);
            assertThat(client.maxConsecutiveThrottles()).isLessThanOrEqualTo(1);
            assertThat(fake.throttledAnswers.get()).isLessThanOrEqualTo(1);
            assertThat(client.waitedMillis()).isGreaterThan(1000);
            assertThat(client.lastStatus().maximumAvailable()).isEqualTo(40.0);
        }
    }

    @Test
    void aThrottledCallWaitsAndIsSentAgain() throws Exception {
        // a first call the client cannot predict: more than the bucket has left after another client drained it
        // (cost 50 of 60; the 40 points missing refill in 2 s at 20/s, so a slow machine still sees the throttle)
        try (FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 60, 20)) {
            ShopifyAdminClient other = client(fake, TOKEN);
            other.execute("productVariantsBulkUpdate", MUTATION, variables(1, 40), 40);
            ShopifyAdminClient client = client(fake, TOKEN);
            client.execute("productVariantsBulkUpdate", MUTATION, variables(2, 40), 40);
            assertThat(fake.throttledAnswers.get()).isEqualTo(1);
            assertThat(client.throttled()).isEqualTo(1);
            assertThat(fake.variantPrices).hasSize(80);
        }
    }

    @Test
    void http429WaitsForRetryAfterIncludingFractionalAndMissingValues() throws Exception {
        try (FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 1000, 100)) {
            ShopifyAdminClient client = client(fake, TOKEN);
            fake.answer429(1, "0.25");
            long started = System.nanoTime();
            client.execute("productVariantsBulkUpdate", MUTATION, variables(1, 1), 1);
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(250);
            fake.answer429(1, null);
            client.execute("productVariantsBulkUpdate", MUTATION, variables(2, 1), 1);
            assertThat(fake.tooManyRequests.get()).isEqualTo(2);
            assertThat(client.throttled()).isEqualTo(2);
            assertThat(client.waitedMillis()).isGreaterThanOrEqualTo(1250);
            assertThat(fake.variantPrices).hasSize(2);
        }
    }

    @Test
    void aCallStillRefusedAfterEightSendsIsThrownRetryableWithShopifysWait() throws Exception {
        try (FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 1000, 100)) {
            ShopifyAdminClient client = client(fake, TOKEN);
            fake.answer429(8, "0.02");
            assertThatThrownBy(() -> client.execute("productVariantsBulkUpdate", MUTATION, variables(1, 1), 1))
                    .isInstanceOfSatisfying(ShopifyApiException.class, e -> {
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofMillis(20));
                    });
            assertThat(fake.tooManyRequests.get()).isEqualTo(8);
            assertThat(fake.variantPrices).isEmpty();
        }
    }

    @Test
    void aWrongTokenIsAPermanentCredentialsError() throws Exception {
        try (FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 1000, 100)) {
            assertThatThrownBy(() -> client(fake, "fake-shopify-token-wrong").execute("productVariantsBulkUpdate", MUTATION, variables(1, 1), 1))
                    .isInstanceOfSatisfying(ShopifyApiException.class, e -> {
                        assertThat(e.credentials()).isTrue();
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).doesNotContain("fake-shopify-token-wrong");
                    });
            assertThat(fake.variantPrices).isEmpty();
        }
    }
}
