package io.odoohub.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.odoo.transport.TransportChoice;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.Ports;
import io.odoohub.testsupport.SandboxClients;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * hub.odoo.transport at the component's start, against the sandbox (which answers like Odoo 18: /web/version is 404):
 * auto chooses XML-RPC and says why, json2 stops the start naming the setting, an unreachable Odoo does not.
 */
class OdooComponentTransportTest {

    private OdooSandbox sandbox;

    @BeforeEach
    void setUp() {
        sandbox = SandboxClients.start();
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    private static CamelContext context(OdooConfiguration configuration) {
        CamelContext context = new DefaultCamelContext();
        OdooComponent component = new OdooComponent();
        component.setConfiguration(configuration);
        context.addComponent("odoo", component);
        return context;
    }

    @Test
    void autoChoosesXmlRpcAtStartAndSaysWhy() throws Exception {
        try (CamelContext context = context(SandboxClients.configuration(sandbox))) {
            context.start();
            assertThat(sandbox.requestCount()).as("GET /web/version, once, at start").isEqualTo(1);
            OdooComponent component = context.getComponent("odoo", OdooComponent.class);
            TransportChoice choice = component.client(component.getConfiguration()).transportChoice();
            assertThat(choice.protocol()).isEqualTo(TransportChoice.XMLRPC);
            assertThat(choice.reason()).contains("hub.odoo.transport=auto: GET /web/version answered HTTP 404");
            assertThat(sandbox.requestCount()).as("the choice is kept").isEqualTo(1);
        }
    }

    @Test
    void json2OnAnOdooWithoutItStopsTheStartNamingTheSetting() throws Exception {
        OdooConfiguration c = SandboxClients.configuration(sandbox);
        c.setTransport("json2");
        try (CamelContext context = context(c)) {
            assertThatThrownBy(context::start).hasStackTraceContaining("hub.odoo.transport=json2, but")
                    .hasStackTraceContaining("Set hub.odoo.transport (ODOO_TRANSPORT) to auto or xmlrpc");
        }
    }

    @Test
    void anUnreachableOdooDoesNotStopTheStart() throws Exception {
        OdooConfiguration c = SandboxClients.configuration(sandbox);
        c.setUrl("http://127.0.0.1:" + Ports.free());
        try (CamelContext context = context(c)) {
            context.start();
            assertThat(context.getStatus().isStarted()).isTrue();
        }
    }

    @Test
    void aWrongSettingIsNamed() {
        OdooConfiguration c = SandboxClients.configuration(sandbox);
        c.setTransport("jsonrpc");
        assertThatThrownBy(c::validateConnection).hasMessageContaining("hub.odoo.transport (ODOO_TRANSPORT) must be auto, xmlrpc or json2");
    }
}
