package io.odoohub.opspage;

import io.odoohub.api.Role;
import io.odoohub.catalog.OdooConnection;
import io.odoohub.odoo.OdooConfiguration;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.runtime.Connector;
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

/**
 * Connections: Odoo and each connector, configured or not; a connection test with its answer (version, user, what the
 * database lacks; operator); credentials set and replaced write-only (admin): a value goes in and is never shown again,
 * the page says only whether it is set and since when.
 */
final class ConnectionsView {

    /** A credential as the page shows it: its name, and when it was set (null: not set). Never its value. */
    public record Credential(String name, Instant updatedAt) {
    }

    /** A connector as the page shows it. */
    public record ConnectorRow(String name, boolean on, List<String> flows, List<Credential> credentials, OdooNeeds.Report needs) {
    }

    private final OpsServices hub;

    ConnectionsView(OpsServices hub) {
        this.hub = hub;
    }

    void routes(OpsPage.Routes r) {
        r.get("/connections", Role.VIEWER, c -> c.render("connections", model(null)));
        r.post("/connections/odoo/test", Role.OPERATOR, c -> {
            OdooNeeds needs = hub.odooNeeds();
            OdooConnection.TestResult result = hub.odoo().test(needs == null ? List.of() : needs.needs(), Clock.systemUTC());
            c.render("connections", model(result));
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
                    + " at its next call, as its section of the README says.");
        });
    }

    private Map<String, Object> model(OdooConnection.TestResult test) {
        OdooConfiguration odoo = hub.odoo().configuration();
        OdooNeeds needs = hub.odooNeeds();
        OdooNeeds.Report report = needs == null ? null : needs.current();
        List<ConnectorRow> connectors = new ArrayList<>();
        for (Connector connector : hub.connectors()) {
            connectors.add(new ConnectorRow(connector.name(), connector.switchedOn(), connector.flows(),
                    connector.credentialNames().stream().map(this::credential).toList(), report == null ? null : report.of(connector.name())));
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
