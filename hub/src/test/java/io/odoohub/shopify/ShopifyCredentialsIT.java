package io.odoohub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.api.ApiClient;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.LogCapture;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With SHOPIFY_CLIENT_SECRET empty, the client secret stored (encrypted) as credential shopify.client-secret
 * verifies the webhooks after a restart; the secret never reaches the log.
 */
@Tag(TestOdoo.TAG)
class ShopifyCredentialsIT {

    private static final String ADMIN = "shopify-credentials-it-admin-token-0123456789";
    private static final String SECRET = "fake-shopify-secret-from_the_credential_store";

    @TempDir
    Path dataDir;

    @Test
    void theClientSecretComesFromTheCredentialStore() throws Exception {
        try (TestOdoo odoo = TestOdoo.start(); LogCapture log = LogCapture.attach()) {
            Map<String, String> settings = odoo.hubSettings();
            settings.put("hub.admin-token", ADMIN);
            String body = Fixtures.text("customer.json");
            try (HubRuntime hub = HubRuntime.start(dataDir, settings)) {
                // not configured yet: refused, and nothing stored
                assertThat(new ShopifySender(hub.httpPort(), SECRET).send("customers/create", body).statusCode()).isEqualTo(503);
                HttpResponse<String> put = new ApiClient(hub.httpPort()).send("PUT", "/api/v1/credentials/shopify.client-secret", ADMIN,
                        "{\"value\":\"" + SECRET + "\"}");
                assertThat(put.statusCode()).as(put.body()).isLessThan(300);
            }
            try (HubRuntime hub = HubRuntime.start(dataDir, settings)) {
                ShopifySender shopify = new ShopifySender(hub.httpPort(), SECRET);
                assertThat(shopify.send("customers/create", body).statusCode()).isEqualTo(200);
                assertThat(new ShopifySender(hub.httpPort(), "another").send("customers/create", body).statusCode()).isEqualTo(401);
            }
            assertThat(log.text()).doesNotContain(SECRET);
        }
    }
}
