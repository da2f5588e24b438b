package io.odoohub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.connector.ConnectionTest;
import io.odoohub.security.CredentialStore;
import io.odoohub.security.SecretBox;
import io.odoohub.shopify.client.ShopifyAdminClient;
import io.odoohub.store.HubDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Shopify connector's connection test against the fake Admin API over loopback HTTP: the shop, a refused token, no shop. */
class ShopifyConnectionTestTest {

    private static final String TOKEN = "shpat_connection_test_token_0123456789";

    private FakeShopifyAdmin fake;
    private HubDatabase db;
    private CredentialStore credentials;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeShopifyAdmin(TOKEN, 1000, 50);
        db = HubDatabase.open("jdbc:h2:file:" + dir.resolve("hub"), "sa", "", 2);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        credentials = new CredentialStore(db.dataSource(), new SecretBox(key));
    }

    @AfterEach
    void stop() {
        fake.close();
        db.close();
    }

    private ShopifySettings settings(Map<String, String> values) throws Exception {
        Properties p = new Properties();
        p.put("hub.shopify.client-secret", "webhook-secret");
        p.putAll(values);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(p);
            return ShopifySettings.from(context.getPropertiesComponent(), credentials);
        }
    }

    private static Supplier<ShopifyAdminClient> admin(ShopifySettings settings) {
        return () -> new ShopifyAdminClient(settings.graphqlUrl(), settings.api().accessToken(), Clock.systemUTC(), Thread::sleep);
    }

    @Test
    void theShopAnswersWithItsNameCurrencyAndTimeZone() throws Exception {
        ShopifySettings settings = settings(Map.of("hub.shopify.shop", "hub-test.myshopify.com", "hub.shopify.admin-url", fake.baseUrl(),
                "hub.shopify.access-token", TOKEN));
        fake.shopName = "Linen & Co";
        ConnectionTest test = ShopifyConnector.test(settings, admin(settings));
        assertThat(test.ok()).as(test.message()).isTrue();
        assertThat(test.message()).contains("Linen & Co").contains("EUR").contains("Europe/Brussels");
        assertThat(test.details()).containsEntry("shop", "Linen & Co").containsEntry("domain", "hub-test.myshopify.com");
        assertThat(fake.calls.get()).isEqualTo(1);
        assertThat(test.toJson().toString()).doesNotContain(TOKEN);
    }

    @Test
    void aRefusedTokenIsSaidWithoutTheToken() throws Exception {
        ShopifySettings settings = settings(Map.of("hub.shopify.shop", "hub-test.myshopify.com", "hub.shopify.admin-url", fake.baseUrl(),
                "hub.shopify.access-token", "shpat_wrong_token_987654321"));
        ConnectionTest test = ShopifyConnector.test(settings, admin(settings));
        assertThat(test.ok()).isFalse();
        assertThat(test.message()).contains("refused the access token (401)").doesNotContain("shpat_wrong");
    }

    @Test
    void withoutAShopOrATokenNothingIsAskedAndTheMessageSaysWhatToSet() throws Exception {
        ConnectionTest noShop = ShopifyConnector.test(settings(Map.of()), () -> {
            throw new AssertionError("no client without a shop");
        });
        assertThat(noShop.ok()).isFalse();
        assertThat(noShop.message()).contains("SHOPIFY_SHOP");
        ConnectionTest noToken = ShopifyConnector.test(settings(Map.of("hub.shopify.shop", "hub-test.myshopify.com")), () -> {
            throw new AssertionError("no client without a token");
        });
        assertThat(noToken.ok()).isFalse();
        assertThat(noToken.message()).contains(ShopifySettings.TOKEN_CREDENTIAL);
        assertThat(fake.calls.get()).isZero();
    }
}
