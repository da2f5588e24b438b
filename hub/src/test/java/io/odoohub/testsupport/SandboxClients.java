package io.odoohub.testsupport;

import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooConfiguration;
import io.odoohub.odoo.transport.OdooTransport;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import io.odoohub.sandbox.OdooSandbox;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** A sandbox as a database without these modules (see {@link OdooSandbox#OPTIONAL_MODULE}). */
    public static OdooSandbox startWithout(java.util.Set<String> modules) {
        return OdooSandbox.start("127.0.0.1", 0, DB, LOGIN, KEY, modules);
    }

    /**
     * The settings that point a {@link HubRuntime} at the sandbox, with the console off; a mutable map the caller adds
     * its connector's settings to.
     */
    public static Map<String, String> hubSettings(OdooSandbox sandbox) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hub.odoo.url", sandbox.url());
        settings.put("hub.odoo.db", DB);
        settings.put("hub.odoo.username", LOGIN);
        settings.put("hub.odoo.api-key", KEY);
        settings.put("hub.console.enabled", "false");
        return settings;
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
