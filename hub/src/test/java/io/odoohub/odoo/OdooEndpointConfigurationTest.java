package io.odoohub.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** URI -> configuration: component defaults are copied, URI options override them, mistakes are named. */
class OdooEndpointConfigurationTest {

    private CamelContext context;
    private OdooComponent component;

    @BeforeEach
    void setUp() {
        context = new DefaultCamelContext();
        component = new OdooComponent();
        OdooConfiguration defaults = new OdooConfiguration();
        defaults.setUrl("http://127.0.0.1:1");
        defaults.setDatabase("db");
        defaults.setUsername("admin");
        defaults.setApiKey("s3cr3t-key");
        defaults.setBatchSize(250);
        component.setConfiguration(defaults);
        context.addComponent("odoo", component);
    }

    @AfterEach
    void tearDown() throws Exception {
        context.close();
    }

    @Test
    void uriOptionsOverrideComponentDefaultsOnACopy() {
        OdooEndpoint e = context.getEndpoint("odoo:product.template?operation=load&batchSize=100&pageSize=50&callDeadline=5000",
                OdooEndpoint.class);
        assertThat(e.getModel()).isEqualTo("product.template");
        assertThat(e.getConfiguration().getOperation()).isEqualTo(OdooOperation.load);
        assertThat(e.getConfiguration().getBatchSize()).isEqualTo(100);
        assertThat(e.getConfiguration().getPageSize()).isEqualTo(50);
        assertThat(e.getConfiguration().getCallDeadline()).isEqualTo(5000);
        assertThat(e.getConfiguration().getDatabase()).isEqualTo("db");
        assertThat(component.getConfiguration().getBatchSize()).isEqualTo(250);

        OdooEndpoint other = context.getEndpoint("odoo:res.partner?operation=search_read&fields=name,email&order=name",
                OdooEndpoint.class);
        assertThat(other.getConfiguration().getBatchSize()).isEqualTo(250);
        assertThat(other.getConfiguration().getFields()).isEqualTo("name,email");
        assertThat(other.getConfiguration().getOperation()).isEqualTo(OdooOperation.search_read);
    }

    @Test
    void aMissingOperationIsAClearError() {
        assertThatThrownBy(() -> context.getEndpoint("odoo:res.partner"))
                .rootCause().hasMessageContaining("needs an operation option");
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint("odoo:res.partner?operation=create&bogusOption=1"))
                .hasMessageContaining("bogusOption");
    }

    @Test
    void aModelIsRequiredExceptForConnectionLevelOperations() {
        assertThatThrownBy(() -> context.getEndpoint("odoo:?operation=create")).rootCause().hasMessageContaining("needs a model");
        assertThat(context.getEndpoint("odoo:common?operation=version")).isNotNull();
    }

    @Test
    void theApiKeyNeverShowsInToStringOrTheEndpointUri() {
        OdooEndpoint e = context.getEndpoint("odoo:res.partner?operation=create", OdooEndpoint.class);
        assertThat(e.getConfiguration().toString()).doesNotContain("s3cr3t-key");
        assertThat(e.getEndpointUri()).doesNotContain("s3cr3t-key");
    }

    @Test
    void missingConnectionSettingsAreNamed() {
        OdooConfiguration empty = new OdooConfiguration();
        assertThatThrownBy(empty::validateConnection)
                .hasMessageContaining("ODOO_URL").hasMessageContaining("ODOO_DB")
                .hasMessageContaining("ODOO_USERNAME").hasMessageContaining("ODOO_API_KEY");
    }
}
