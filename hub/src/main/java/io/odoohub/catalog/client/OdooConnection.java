package io.odoohub.catalog.client;

import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooConfiguration;
import io.odoohub.odoo.fault.OdooException;
import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.odoo.fault.OdooTransportException;
import io.odoohub.odoo.transport.TransportChoice;
import io.odoohub.security.CredentialStore;
import io.odoohub.store.Jdbc;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The Odoo connection the catalog syncs with: the one saved through {@code PUT /api/v1/odoo/config} (its password
 * or API key in the credential store, encrypted), else the hub's own Odoo settings. Clients come from the
 * {@code odoo:} component, so one connection shares one authentication.
 */
public final class OdooConnection {

    /** Credential name of the saved connection's password or API key. */
    public static final String SECRET = "catalog.odoo-password";

    /** The saved connection (without its secret). */
    public record Saved(String name, String url, String database, String username, Instant updatedAt) {
    }

    /**
     * What a connection test found (the seed's answer), the transport chosen with why (null when none was), and what the
     * database lacks of what the connectors need (null when not asked or when the login failed).
     */
    public record TestResult(boolean success, String message, String odooVersion, Integer userId, String database,
                             TransportChoice transport, OdooNeeds.Report requirements) {

        TestResult(boolean success, String message, String odooVersion, Integer userId, String database, TransportChoice transport) {
            this(success, message, odooVersion, userId, database, transport, null);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("success", success);
            m.put("message", message);
            m.put("odoo_version", odooVersion);
            m.put("user_id", userId);
            m.put("database", database);
            m.put("transport", transport == null ? null : transport.protocol());
            m.put("transport_reason", transport == null ? null : transport.reason());
            if (requirements != null) {
                m.put("odoo_requirements", requirements.toJson());
            }
            return m;
        }

        public TestResult(boolean success, String message, String odooVersion, Integer userId, String database) {
            this(success, message, odooVersion, userId, database, null);
        }
    }

    private final Jdbc jdbc;
    private final CredentialStore credentials;
    private final OdooComponent component;
    private final OdooConfiguration hubDefaults;

    public OdooConnection(DataSource dataSource, CredentialStore credentials, OdooComponent component, OdooConfiguration hubDefaults) {
        this.jdbc = new Jdbc(dataSource);
        this.credentials = credentials;
        this.component = component;
        this.hubDefaults = hubDefaults;
    }

    /** The client for the current connection. */
    public OdooClient client() {
        return component.client(configuration());
    }

    /** The configuration in force: the saved one, else the hub's. */
    public OdooConfiguration configuration() {
        OdooConfiguration c = hubDefaults.copy();
        Optional<Saved> saved = saved();
        if (saved.isPresent()) {
            c.setUrl(saved.get().url());
            c.setDatabase(saved.get().database());
            c.setUsername(saved.get().username());
            c.setApiKey(credentials.get(SECRET).orElse(""));
        }
        return c;
    }

    public Optional<Saved> saved() {
        return jdbc.one("could not read the Odoo configuration",
                "SELECT name, odoo_url, odoo_db, odoo_username, updated_at FROM catalog_odoo_config WHERE id = 1",
                rs -> new Saved(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
    }

    /** Saves the connection; a null secret keeps the stored one. */
    public void save(String name, String url, String database, String username, String secret, Instant now) {
        String problem = urlProblem(url);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (secret == null && credentials.get(SECRET).isEmpty()) {
            throw new IllegalArgumentException("odoo_password is required the first time (the password or API key of the Odoo user)");
        }
        if (secret != null) {
            credentials.put(SECRET, secret);
        }
        jdbc.inTransaction("could not save the Odoo configuration", c -> {
            Jdbc.update(c, "DELETE FROM catalog_odoo_config WHERE id = 1");
            return Jdbc.update(c, "INSERT INTO catalog_odoo_config (id, name, odoo_url, odoo_db, odoo_username,"
                    + " updated_at) VALUES (1, ?, ?, ?, ?, ?)", name, url, database, username, Timestamp.from(now));
        });
    }

    /** Why a URL cannot be used, or null. */
    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "odoo_url is required";
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return "odoo_url must start with http:// or https:// (e.g. https://yourcompany.odoo.com)";
        }
        if (url.endsWith("/")) {
            return "odoo_url must not end with a slash: use " + url.replaceAll("/+$", "");
        }
        return null;
    }

    /** Tests the connection in force: reachable, the database exists, the login is accepted, the API answers. */
    public TestResult test() {
        return test(List.of(), null);
    }

    /** As {@link #test()}, then checks the needs against the database (what it lacks, and what the hub does instead). */
    public TestResult test(List<OdooNeeds.Need> needs, Clock clock) {
        OdooConfiguration c = configuration();
        String problem = urlProblem(c.getUrl());
        if (problem != null) {
            return new TestResult(false, problem, null, null, c.getDatabase());
        }
        String version = null;
        TransportChoice transport = null;
        // a fresh client: a test must not reuse a cached login
        try (OdooClient client = new OdooComponent().client(c)) {
            transport = client.transportChoice(); // asks the server which transport when hub.odoo.transport is auto
            Object v = client.version().get("server_version");
            version = v == null ? null : v.toString();
            int uid = client.authenticate();
            // what an export needs; has_access is Odoo 18's check (check_access_rights is deprecated there)
            for (String operation : List.of("create", "write")) {
                if (!Boolean.TRUE.equals(client.execute(FieldMapping.MODEL, "has_access", List.of(List.of(), operation), Map.of()))) {
                    return new TestResult(false, "Logged in, but user '" + c.getUsername() + "' may not " + operation + " products ("
                            + FieldMapping.MODEL + "): give it product rights (e.g. Sales or Inventory).", version, uid, c.getDatabase(), transport);
                }
            }
            if (needs.isEmpty()) {
                return new TestResult(true, "Connection successful", version, uid, c.getDatabase(), transport);
            }
            // the seed's message stays as it was; what the database lacks is in odoo_requirements
            return new TestResult(true, "Connection successful", version, uid, c.getDatabase(), transport,
                    OdooNeeds.check(client, needs, clock));
        } catch (OdooFaultException e) {
            return new TestResult(false, explain(e, c), version, null, c.getDatabase());
        } catch (OdooTransportException e) {
            if (!e.isRetryable()) {
                // Odoo answered, but not as the transport expects (a wrong hub.odoo.transport, a proxy page)
                return new TestResult(false, e.getMessage(), version, null, c.getDatabase(), transport);
            }
            return new TestResult(false, "Odoo is unreachable at " + c.getUrl() + ": " + e.getMessage()
                    + ". Check the URL (scheme, host, port) and that the server is up.", version, null, c.getDatabase());
        } catch (OdooException | IllegalArgumentException e) {
            return new TestResult(false, e.getMessage(), version, null, c.getDatabase());
        }
    }

    private static String explain(OdooFaultException e, OdooConfiguration c) {
        String text = e.getFaultString() == null ? "" : e.getFaultString();
        if (text.contains("does not exist") && text.contains("database")) {
            return "Database not found: '" + c.getDatabase() + "' does not exist on " + c.getUrl()
                    + ". Verify the exact database name (case-sensitive) and that the URL is correct (no trailing slash).";
        }
        if (e.getKind() == OdooFaultException.Kind.ACCESS_DENIED) {
            return "Access Denied: Odoo refused login '" + c.getUsername() + "'. Verify the username and password/API key,"
                    + " that the user may use the external API and that the user is active. Odoo said: " + e.getOdooMessage();
        }
        if (e.getKind() == OdooFaultException.Kind.ACCESS_ERROR) {
            return "Logged in, but the user lacks access rights: " + e.getOdooMessage();
        }
        return "Odoo answered an error: " + e.getOdooMessage();
    }
}
