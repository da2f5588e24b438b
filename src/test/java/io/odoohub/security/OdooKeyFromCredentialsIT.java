package io.odoohub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.api.ApiClient;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With odoo.api-key empty, the runtime takes the Odoo API key from the credential store (credential odoo.api-key). */
class OdooKeyFromCredentialsIT {

    private static final String ADMIN_TOKEN = "it-odoo-key-admin-token-0123456789-q";

    @TempDir
    Path dir;

    @Test
    void theStoredKeyIsUsedWhenOdooApiKeyIsEmptyAndTheSettingWinsOverIt() throws Exception {
        Path data = dir.resolve("data");
        try (HubRuntime first = HubRuntime.start(data, Map.of("hub.admin-token", ADMIN_TOKEN, "hub.console.enabled", "false"))) {
            ApiClient api = new ApiClient(first.httpPort());
            assertThat(api.send("PUT", "/api/v1/credentials/" + CredentialStore.ODOO_API_KEY, ADMIN_TOKEN,
                    "{\"value\": \"" + SandboxClients.KEY + "\"}").statusCode()).isEqualTo(200);
        }
        try (OdooSandbox odoo = SandboxClients.start()) {
            Map<String, String> realOdoo = Map.of("hub.console.enabled", "false", "odoo.url", odoo.url(),
                    "odoo.db", SandboxClients.DB, "odoo.username", SandboxClients.LOGIN, "odoo.api-key", "");
            try (HubRuntime hub = HubRuntime.start(data, realOdoo)) {
                ProducerTemplate template = hub.context().createProducerTemplate();
                assertThat(template.requestBody("odoo:common?operation=authenticate", null, Integer.class)).isEqualTo(2);
            }
            Map<String, String> explicitWrongKey = new java.util.HashMap<>(realOdoo);
            explicitWrongKey.put("odoo.api-key", "explicit-wrong-key");
            try (HubRuntime hub = HubRuntime.start(data, explicitWrongKey)) {
                ProducerTemplate template = hub.context().createProducerTemplate();
                assertThatThrownBy(() -> template.requestBody("odoo:common?operation=authenticate", null, Integer.class))
                        .hasStackTraceContaining("Access");
            }
        }
    }
}
