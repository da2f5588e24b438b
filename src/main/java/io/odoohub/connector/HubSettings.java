package io.odoohub.connector;

import io.odoohub.support.SettingsReader;

import static io.odoohub.support.SettingsReader.get;
import static io.odoohub.support.SettingsReader.integer;
import static io.odoohub.support.SettingsReader.positive;
import static io.odoohub.support.SettingsReader.decimal;

import io.odoohub.error.RetryModel;
import io.odoohub.error.RetrySettings;
import io.odoohub.odoo.transport.TransportMode;
import io.odoohub.store.HubDatabase;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The hub's own settings, read once at start from {@code application.properties} (each value there names the
 * environment variable that overrides it). Checked here so that a bad value stops the start with its name.
 */
public record HubSettings(
        Path dataDir,
        String dbUrl, String dbUser, String dbPassword, int dbPoolSize,
        String odooUrl, String odooDb, String odooUsername, String odooApiKey,
        int odooBatchSize, int odooPageSize, int odooConnectTimeoutMs, int odooReadTimeoutMs, int odooCallDeadlineMs,
        int odooRequirementsCheckMs,
        TransportMode odooTransport,
        String sandboxHost, int sandboxPort, String sandboxDemoFile,
        Path productDropDir,
        RetryModel retry,
        int inboxBatchSize, int inboxLeaseSeconds, int inboxPollMs, int inboxOutageProbeMaxMs,
        int historyRetentionDays,
        String catalogWebhookSecrets, int webhookMaxBodyBytes) {

    public static final String SANDBOX_DB = "sandbox";
    public static final String SANDBOX_LOGIN = "admin";
    public static final String SANDBOX_KEY = "admin";

    public static HubSettings from(PropertiesComponent p) {
        Path dataDir = Path.of(get(p, "hub.data.dir", "./data"));
        String dbUrl = get(p, "hub.db.url", "");
        if (dbUrl.isBlank()) {
            dbUrl = HubDatabase.h2Url(dataDir);
        }
        return new HubSettings(
                dataDir,
                dbUrl, get(p, "hub.db.user", "sa"), get(p, "hub.db.password", ""), integer(p, "hub.db.pool-size", 8),
                get(p, "odoo.url", ""), get(p, "odoo.db", ""), get(p, "odoo.username", ""), get(p, "odoo.api-key", ""),
                integer(p, "odoo.batch-size", 500), integer(p, "odoo.page-size", 500),
                integer(p, "odoo.connect-timeout-ms", 10_000), integer(p, "odoo.read-timeout-ms", 60_000),
                integer(p, "odoo.call-deadline-ms", 120_000), positive(p, "odoo.requirements-check-ms", 600_000),
                TransportMode.parse(get(p, TransportMode.SETTING, "auto")),
                get(p, "hub.sandbox.host", "127.0.0.1"), integer(p, "hub.sandbox.port", 8069), get(p, "hub.sandbox.demo-file", ""),
                Path.of(get(p, "hub.drop.products", dataDir.resolve("drop/products").toString())),
                new RetryModel(new RetrySettings(integer(p, "hub.retry.max-redeliveries", 6), integer(p, "hub.retry.initial-delay-ms", 1000),
                        decimal(p, "hub.retry.multiplier", 2.0), integer(p, "hub.retry.max-delay-ms", 60_000)),
                        new RetrySettings(0, positive(p, "hub.retry.pull.initial-delay-ms", 60_000),
                                decimal(p, "hub.retry.pull.multiplier", 2.0), positive(p, "hub.retry.pull.max-delay-ms", 3_600_000))),
                positive(p, "hub.inbox.batch-size", 200), positive(p, "hub.inbox.lease-seconds", 60),
                positive(p, "hub.inbox.poll-ms", 200), positive(p, "hub.inbox.outage-probe-max-ms", 5000),
                positive(p, "hub.history.retention-days", 90),
                get(p, "hub.webhooks.catalog.secret", ""), positive(p, "hub.webhooks.max-body-bytes", 2 * 1024 * 1024));
    }

    /** No Odoo URL configured: the runtime starts the built-in sandbox and writes there. */
    public boolean useSandbox() {
        return odooUrl.isBlank();
    }

    /**
     * The host of an Odoo URL that sends the API key across the network in clear: {@code http://} to a host that is
     * not this machine. Loopback is judged from the URL alone (localhost or a loopback address), without a name lookup.
     */
    public static Optional<String> cleartextOdooHost(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the transport refuses it with its own message
        }
        String host = uri.getHost();
        if (!"http".equalsIgnoreCase(uri.getScheme()) || host == null) {
            return Optional.empty();
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (name.equalsIgnoreCase("localhost") || name.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return Optional.empty();
        }
        boolean literal = name.contains(":") || name.matches("[0-9.]+");
        try {
            if (literal && InetAddress.getByName(name).isLoopbackAddress()) {
                return Optional.empty();
            }
        } catch (UnknownHostException e) {
            return Optional.of(name);
        }
        return Optional.of(name);
    }

    /** This process in inbox leases: host and pid. */
    public static String processName() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
    }

    @Override
    public String toString() {
        // never the key, the webhook secret or the database password
        return "HubSettings[dataDir=" + dataDir + ", odooUrl=" + (useSandbox() ? "(sandbox)" : odooUrl) + ", odooDb=" + odooDb
                + ", odooUsername=" + odooUsername + ", odooTransport=" + odooTransport + ", productDropDir=" + productDropDir + "]";
    }
}
