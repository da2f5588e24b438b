package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.LogCapture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ODOO_URL with http:// to another machine is allowed (trusted networks exist) but said at start. */
class CleartextOdooUrlIT {

    private static final String KEY = "cleartext-it-odoo-api-key-0123456789";

    @TempDir
    Path dir;

    @Test
    void plainHttpToAnotherMachineStartsWithAWarning() throws Exception {
        // 192.0.2.10 (TEST-NET-1) is never contacted at start
        try (LogCapture logs = LogCapture.attach(); HubRuntime hub = HubRuntime.start(dir.resolve("data"), Map.of(
                "hub.odoo.url", "http://192.0.2.10:8069", "hub.odoo.db", "prod", "hub.odoo.username", "hub@example.com", "hub.odoo.api-key", KEY,
                "hub.console.enabled", "false", "hub.admin-token", "cleartext-it-admin-token-0123456789"))) {

            assertThat(hub.context().isStarted()).isTrue();
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("ODOO_URL is plain http:// to 192.0.2.10")
                    .contains("the API key crosses the network in clear"));
            assertThat(logs.text()).doesNotContain(KEY);
        }
    }
}
