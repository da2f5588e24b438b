package io.odoohub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.api.ApiClient;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With hub.odoo.api-key empty, the runtime takes the Odoo API key from the credential store (credential odoo.api-key). */
@Tag(TestOdoo.TAG)
class OdooKeyFromCredentialsIT {

    private static final String ADMIN_TOKEN = "it-odoo-key-admin-token-0123456789-q";

    @TempDir
    Path dir;

    @Test
    void theStoredKeyIsUsedWhenOdooApiKeyIsEmptyAndTheSettingWinsOverIt() throws Exception {
        try (TestOdoo odoo = TestOdoo.start()) {
            Path data = dir.resolve("data");
            try (HubRuntime first = HubRuntime.start(data, Map.of("hub.admin-token", ADMIN_TOKEN, "hub.console.enabled", "false"))) {
                ApiClient api = new ApiClient(first.httpPort());
                assertThat(api.send("PUT", "/api/v1/credentials/" + CredentialStore.ODOO_API_KEY, ADMIN_TOKEN,
                        "{\"value\": \"" + odoo.key() + "\"}").statusCode()).isEqualTo(200);
            }
            Map<String, String> keyFromStore = odoo.hubSettings();
            keyFromStore.put("hub.odoo.api-key", "");
            int uid = odoo.client().uid();
            try (HubRuntime hub = HubRuntime.start(data, keyFromStore)) {
                ProducerTemplate template = hub.context().createProducerTemplate();
                assertThat(template.requestBody("odoo:common?operation=authenticate", null, Integer.class)).isEqualTo(uid);
            }
            Map<String, String> explicitWrongKey = odoo.hubSettings();
            explicitWrongKey.put("hub.odoo.api-key", "explicit-wrong-key");
            try (HubRuntime hub = HubRuntime.start(data, explicitWrongKey)) {
                ProducerTemplate template = hub.context().createProducerTemplate();
                assertThatThrownBy(() -> template.requestBody("odoo:common?operation=authenticate", null, Integer.class))
                        .hasStackTraceContaining("Access");
            }
        }
    }
}
