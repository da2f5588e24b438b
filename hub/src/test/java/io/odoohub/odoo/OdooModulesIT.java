package io.odoohub.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.TestOdoo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Installed modules as the real Odoo reports them, and a module uninstalled from a running database (what a shop
 * without {@code delivery} has). Real Odoo only: the sandbox does not install or uninstall modules.
 */
@Tag(TestOdoo.REAL_ONLY)
class OdooModulesIT {

    private TestOdoo odoo;
    private OdooClient client;

    @BeforeEach
    void setUp() {
        odoo = TestOdoo.start();
        // as the hub asks: through the proxy, on the transport it chooses (JSON-2 on Odoo 19)
        client = new OdooClient(odoo.hubTransport(), odoo.db(), odoo.login(), odoo.key());
    }

    @AfterEach
    void tearDown() {
        client.close();
        odoo.close();
    }

    @Test
    void installedModulesAreReadForAnAdministrator() {
        assertThat(client.capabilities().installedModules()).hasValueSatisfying(modules ->
                assertThat(modules).contains("base", "product", "sale", "crm", "stock"));
    }

    @Test
    void aModuleUninstalledIsSeenAfterARefresh() {
        OdooCapabilities caps = client.capabilities();
        assertThat(caps.hasModel("delivery.carrier")).isTrue();
        assertThat(caps.hasField("sale.order", "carrier_id")).isTrue();
        uninstall("delivery");
        caps.refresh();
        assertThat(caps.hasModel("delivery.carrier")).isFalse();
        assertThat(caps.hasField("sale.order", "carrier_id")).isFalse();
        assertThat(caps.installedModules()).hasValueSatisfying(modules -> assertThat(modules).doesNotContain("delivery"));
    }

    private void uninstall(String module) {
        List<Map<String, Object>> found = client.searchRead("ir.module.module", List.of(List.of("name", "=", module)),
                List.of("id"), null, 0, 0, null);
        assertThat(found).hasSize(1);
        client.call("ir.module.module", "button_immediate_uninstall", List.of(List.of(found.get(0).get("id"))), Map.of());
    }
}
