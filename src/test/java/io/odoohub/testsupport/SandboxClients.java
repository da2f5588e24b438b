package io.odoohub.testsupport;

import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooConfiguration;
import io.odoohub.odoo.transport.OdooTransport;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import io.odoohub.sandbox.OdooSandbox;
import java.net.URI;

/** Clients and components pointed at a sandbox, over real XML-RPC. */
public final class SandboxClients {

    public static final String DB = "test";
    public static final String LOGIN = "admin";
    public static final String KEY = "test-api-key";

    private SandboxClients() {
    }

    public static OdooSandbox start() {
        return OdooSandbox.start("127.0.0.1", 0, DB, LOGIN, KEY);
    }

    public static OdooTransport transport(OdooSandbox sandbox) {
        return new XmlRpcTransport(URI.create(sandbox.url()), TransportSettings.defaults());
    }

    public static OdooClient client(OdooSandbox sandbox) {
        return new OdooClient(transport(sandbox), DB, LOGIN, KEY);
    }

    public static OdooConfiguration configuration(OdooSandbox sandbox) {
        OdooConfiguration c = new OdooConfiguration();
        c.setUrl(sandbox.url());
        c.setDatabase(DB);
        c.setUsername(LOGIN);
        c.setApiKey(KEY);
        return c;
    }

    public static OdooComponent component(OdooSandbox sandbox) {
        OdooComponent component = new OdooComponent();
        component.setConfiguration(configuration(sandbox));
        return component;
    }
}
