package io.odoohub.opspage;

import io.odoohub.api.Role;
import io.odoohub.catalog.client.OdooConnection;
import io.odoohub.odoo.OdooConfiguration;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.connector.ConnectionTest;
import io.odoohub.connector.Connector;
import io.odoohub.security.CredentialStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections: Odoo and each connector, configured or not; a connection test with its answer (Odoo: version, user,
 * transport, what the database lacks; a connector: what its remote system answered; operator); credentials set and replaced write-only (admin): a value goes in and is never shown again,
 * the page says only whether it is set and since when.
 */
final class ConnectionsView {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsView.class);

    /** A credential as the page shows it: its name, and when it was set (null: not set). Never its value. */
    public record Credential(String name, Instant updatedAt) {
    }

    /** A connector as the page shows it. */
    public record ConnectorRow(String name, boolean on, List<String> flows, List<Credential> credentials, OdooNeeds.Report needs,
                               boolean testable, ConnectionTest test) {
    }

    private final OpsServices hub;

    ConnectionsView(OpsServices hub) {
        this.hub = hub;
    }

    void routes(OpsPage.Routes r) {
        r.get("/connections", Role.VIEWER, c -> c.render("connections", model(null, null, null)));
        r.post("/connections/odoo/test", Role.OPERATOR, c -> {
            OdooNeeds needs = hub.odooNeeds();
            OdooConnection.TestResult result = hub.odoo().test(needs == null ? List.of() : needs.needs(), Clock.systemUTC());
            c.render("connections", model(result, null, null));
        });
        r.post("/connections/test", Role.OPERATOR, c -> {
            String name = c.param("connector");
            Connector connector = hub.connectors().stream().filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> new PageException(400, "no connector named " + name));
            ConnectionTest result = connector.connectionTest()
                    .orElseThrow(() -> new PageException(400, "the " + name + " connector has no remote system to test")).get();
            LOG.info("Connection test of {} by {}: {}", name, c.user.name(), result.ok() ? "answered" : "failed");
            c.render("connections", model(null, name, result));
        });
        r.post("/connections/credentials", Role.ADMIN, c -> {
            String name = c.param("name");
            if (name == null || !credentialNames().contains(name)) {
                throw new PageException(400, "not a credential the hub reads: " + name);
            }
            String value = c.request.getParameter("value");
            if (value == null || value.isEmpty()) {
                throw new PageException(400, "enter the new value of " + name);
            }
            hub.credentials().put(name, value);
            c.redirect("/connections", "Credential " + name + " saved (encrypted; it is never shown). A connector reads it at start or"
                    + " at its next call, as its guide in docs/ says.");
        });
    }

    private Map<String, Object> model(OdooConnection.TestResult test, String tested, ConnectionTest connectorTest) {
        OdooConfiguration odoo = hub.odoo().configuration();
        OdooNeeds needs = hub.odooNeeds();
        OdooNeeds.Report report = needs == null ? null : needs.current();
        List<ConnectorRow> connectors = new ArrayList<>();
        for (Connector connector : hub.connectors()) {
            connectors.add(new ConnectorRow(connector.name(), connector.switchedOn(), connector.flows(),
                    connector.credentialNames().stream().map(this::credential).toList(), report == null ? null : report.of(connector.name()),
                    connector.connectionTest().isPresent(), connector.name().equals(tested) ? connectorTest : null));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "connections");
        m.put("odooUrl", odoo.getUrl());
        m.put("odooDb", odoo.getDatabase());
        m.put("odooUser", odoo.getUsername());
        m.put("odooKey", credential(CredentialStore.ODOO_API_KEY));
        m.put("needs", report);
        m.put("connectors", connectors);
        m.put("test", test);
        m.put("credentialNames", credentialNames());
        return m;
    }

    private Credential credential(String name) {
        Optional<CredentialStore.CredentialInfo> info = hub.credentials().info(name);
        return new Credential(name, info.map(CredentialStore.CredentialInfo::updatedAt).orElse(null));
    }

    private Set<String> credentialNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(CredentialStore.ODOO_API_KEY);
        hub.connectors().forEach(c -> names.addAll(c.credentialNames()));
        return names;
    }
}
