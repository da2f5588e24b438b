package io.odoohub.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.TestOdoo;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the database has is read from the server: models, fields, modules, and a module that is not there. */
@Tag(TestOdoo.TAG)
@Tag(TestOdoo.XMLRPC_ON_19)
class OdooCapabilitiesIT {

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
    void modelsAndFieldsAreReadOnceAndAModelTheDatabaseLacksIsReportedNotThrown() {
        OdooCapabilities caps = client.capabilities();
        client.authenticate();
        long before = client.requestCount();
        assertThat(caps.hasModel("product.template")).isTrue();
        assertThat(caps.hasField("product.template", "barcode")).isTrue();
        assertThat(caps.hasField("crm.lead", "won_status")).as("crm.lead has won_status from Odoo 19 on (Odoo %s)", odoo.majorVersion())
                .isEqualTo(odoo.majorVersion() >= 19);
        assertThat(caps.hasField("crm.lead", "lost_reason_id")).isTrue();
        assertThat(caps.hasModel("no.such.model")).isFalse();
        assertThat(caps.hasField("no.such.model", "name")).isFalse();
        // product.template, crm.lead and no.such.model: one fields_get each, whatever was asked
        assertThat(client.requestCount() - before).isEqualTo(3);

        List<OdooCapabilities.Finding> findings = caps.check(List.of(
                OdooRequirement.model("product", "product.template", "products"),
                OdooRequirement.field("no_such_module", "no.such.model", "x_y", "a test").orElse("it does without")));
        assertThat(findings).extracting(OdooCapabilities.Finding::present).containsExactly(true, false);
        assertThat(findings.get(1).message()).isEqualTo(
                "missing no.such.model.x_y (module no_such_module, for a test): it does without");
        assertThat(client.requestCount() - before).isEqualTo(3);
    }
}
