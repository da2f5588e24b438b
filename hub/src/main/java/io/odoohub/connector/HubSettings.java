package io.odoohub.connector;

import static io.odoohub.support.SettingsReader.read;

import io.odoohub.error.RetryModel;
import io.odoohub.error.RetrySettings;
import io.odoohub.odoo.transport.TransportMode;
import io.odoohub.store.HubDatabase;
import io.odoohub.support.Setting;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The hub's own settings, declared in {@link #DECLARED} and read once at start from {@code application.properties}
 * (each value there names the environment variable that overrides it). Checked here so that a bad value stops the
 * start with its name.
 *
 * @param dataDir              data directory (H2 file, drop folders, console work folder)
 * @param db                   the state store
 * @param quartzCheckinIntervalMs how often this runtime's Quartz scheduler checks in to the cluster (ms)
 * @param odoo                 the Odoo server and how it is called
 * @param sandbox              the built-in Odoo used when no Odoo URL is set
 * @param productDropDir       the watched folder for product files
 * @param retry                the retry model (redelivery and inbox; scheduled pulls)
 * @param inbox                how the inbox is drained
 * @param historyRetentionDays sync history older than this is deleted
 * @param webhooks             the webhooks' size cap and the catalog webhook's secrets
 */
public record HubSettings(
        Path dataDir,
        Database db,
        int quartzCheckinIntervalMs,
        Odoo odoo,
        Sandbox sandbox,
        Path productDropDir,
        RetryModel retry,
        Inbox inbox,
        int historyRetentionDays,
        Webhooks webhooks) {

    public static final String SANDBOX_DB = "sandbox";
    public static final String SANDBOX_LOGIN = "admin";
    public static final String SANDBOX_KEY = "admin";

    static final Setting<String> DATA_DIR = Setting.text("hub.data.dir", "HUB_DATA_DIR", "./data",
            "data directory (H2 file, drop folders)");
    static final Setting<String> DB_URL = Setting.text("hub.db.url", "HUB_DB_URL", "",
            "`jdbc:h2:file:...` or `jdbc:postgresql://...` (the whole runtime, with `hub.db.user` and `hub.db.password`);"
                    + " empty = an H2 file"
                    + " `hub` in the data directory, which never starts a console or a TCP server");
    static final Setting<String> DB_USER = Setting.text("hub.db.user", "HUB_DB_USER", "sa",
            "database user (`sa` is H2's: PostgreSQL needs its own)");
    static final Setting<String> DB_PASSWORD = Setting.text("hub.db.password", "HUB_DB_PASSWORD", "", "database password").secret();
    static final Setting<Integer> DB_POOL_SIZE = Setting.positive("hub.db.pool-size", "HUB_DB_POOL_SIZE", "8", "JDBC pool size");
    static final Setting<Integer> QUARTZ_CHECKIN_INTERVAL_MS = Setting.positive("hub.quartz.checkin-interval-ms",
            "HUB_QUARTZ_CHECKIN_INTERVAL_MS", "7500", "how often each runtime's Quartz scheduler records in the database that it is"
                    + " alive; one silent for about this plus 7.5 s is taken for dead, and the firings it held run again on another"
                    + " runtime: see [Schedules in a cluster](operations.md#schedules-in-a-cluster) (ms)");
    static final Setting<String> ODOO_URL = Setting.text("hub.odoo.url", "ODOO_URL", "",
            "Odoo base URL; empty = the built-in sandbox");
    static final Setting<String> ODOO_DB = Setting.text("hub.odoo.db", "ODOO_DB", "", "Odoo database");
    static final Setting<String> ODOO_USERNAME = Setting.text("hub.odoo.username", "ODOO_USERNAME", "",
            "login of the user the hub acts as");
    static final Setting<String> ODOO_API_KEY = Setting.text("hub.odoo.api-key", "ODOO_API_KEY", "",
            "that user's API key (or password); empty = the credential `odoo.api-key`").secret();
    static final Setting<Integer> ODOO_BATCH_SIZE = Setting.positive("hub.odoo.batch-size", "ODOO_BATCH_SIZE", "500",
            "records per `create`/`load` call");
    static final Setting<Integer> ODOO_PAGE_SIZE = Setting.positive("hub.odoo.page-size", "ODOO_PAGE_SIZE", "500",
            "records per `search_read` call");
    static final Setting<Integer> ODOO_CONNECT_TIMEOUT_MS = Setting.positive("hub.odoo.connect-timeout-ms", "ODOO_CONNECT_TIMEOUT_MS",
            "10000", "TCP/TLS connect timeout (ms)");
    static final Setting<Integer> ODOO_READ_TIMEOUT_MS = Setting.positive("hub.odoo.read-timeout-ms", "ODOO_READ_TIMEOUT_MS", "60000",
            "longest silence while reading an answer (ms)");
    static final Setting<Integer> ODOO_CALL_DEADLINE_MS = Setting.positive("hub.odoo.call-deadline-ms", "ODOO_CALL_DEADLINE_MS", "120000",
            "hard limit on a whole call: connect, send, full answer (ms)");
    static final Setting<Integer> ODOO_REQUIREMENTS_CHECK_MS = Setting.positive("hub.odoo.requirements-check-ms",
            "ODOO_REQUIREMENTS_CHECK_MS", "600000",
            "how often Odoo is asked again what modules, models and fields it has (read at start; shown in health) (ms)");
    static final Setting<TransportMode> ODOO_TRANSPORT = Setting.oneOf(TransportMode.SETTING, "ODOO_TRANSPORT", "auto",
            "`auto`: JSON-2 on Odoo 19 and later, XML-RPC before (asks `GET /web/version`); `xmlrpc` or `json2` force one",
            "auto", "xmlrpc", "json2").map(TransportMode::parse);
    static final Setting<String> SANDBOX_HOST = Setting.text("hub.sandbox.host", "HUB_SANDBOX_HOST", "127.0.0.1",
            "address the sandbox binds (only when `ODOO_URL` is empty)");
    static final Setting<Integer> SANDBOX_PORT = Setting.integer("hub.sandbox.port", "HUB_SANDBOX_PORT", "8069",
            "sandbox port (only when `ODOO_URL` is empty)").check(v -> v >= 0 && v <= 65535, "must be a port number")
            .type("port");
    static final Setting<String> SANDBOX_DEMO_FILE = Setting.text("hub.sandbox.demo-file", "HUB_SANDBOX_DEMO_FILE",
            "samples/products.csv", "file dropped into the product folder at start in sandbox mode; empty = none");
    static final Setting<String> DROP_PRODUCTS = Setting.text("hub.catalog.drop-dir", "HUB_CATALOG_DROP_DIR",
            "{{hub.data.dir}}/drop/products", "watched folder for product files");
    static final Setting<Integer> RETRY_MAX_REDELIVERIES = Setting.integer("hub.retry.max-redeliveries", "HUB_RETRY_MAX_REDELIVERIES",
            "6", "retries of a retryable failure (source routes, inbox events) before it becomes a dead letter")
            .check(v -> v >= 0, "must be 0 or more").type("whole number ≥ 0");
    static final Setting<Integer> RETRY_INITIAL_DELAY_MS = Setting.integer("hub.retry.initial-delay-ms", "HUB_RETRY_INITIAL_DELAY_MS",
            "1000", "first retry delay (ms)").check(v -> v >= 0, "must be 0 or more").type("whole number ≥ 0");
    static final Setting<Double> RETRY_MULTIPLIER = Setting.decimal("hub.retry.multiplier", "HUB_RETRY_MULTIPLIER", "2",
            "backoff multiplier").check(v -> v >= 1, "must be at least 1").type("number ≥ 1");
    static final Setting<Integer> RETRY_MAX_DELAY_MS = Setting.integer("hub.retry.max-delay-ms", "HUB_RETRY_MAX_DELAY_MS", "60000",
            "longest retry delay (ms)").check(v -> v >= 0, "must be 0 or more").type("whole number ≥ 0");
    static final Setting<Integer> RETRY_PULL_INITIAL_DELAY_MS = Setting.positive("hub.retry.pull.initial-delay-ms",
            "HUB_RETRY_PULL_INITIAL_DELAY_MS", "60000", "first wait of a scheduled pull or push after a retryable failure (ms)");
    static final Setting<Double> RETRY_PULL_MULTIPLIER = Setting.decimal("hub.retry.pull.multiplier", "HUB_RETRY_PULL_MULTIPLIER", "2",
            "its multiplier").check(v -> v >= 1, "must be at least 1").type("number ≥ 1");
    public static final Setting<Integer> RETRY_PULL_MAX_DELAY_MS = Setting.positive("hub.retry.pull.max-delay-ms",
            "HUB_RETRY_PULL_MAX_DELAY_MS", "3600000", "its longest wait, never past the job's period (ms)");
    static final Setting<Integer> INBOX_BATCH_SIZE = Setting.positive("hub.inbox.batch-size", "HUB_INBOX_BATCH_SIZE", "200",
            "events per claim, so per Odoo write");
    static final Setting<Integer> INBOX_LEASE_SECONDS = Setting.positive("hub.inbox.lease-seconds", "HUB_INBOX_LEASE_SECONDS", "60",
            "how long a claim holds; a crashed node's events are taken again after it");
    static final Setting<Integer> INBOX_POLL_MS = Setting.positive("hub.inbox.poll-ms", "HUB_INBOX_POLL_MS", "200",
            "how often each flow's drain looks for due events (ms)");
    static final Setting<Integer> INBOX_OUTAGE_PROBE_MAX_MS = Setting.positive("hub.inbox.outage-probe-max-ms",
            "HUB_INBOX_OUTAGE_PROBE_MAX_MS", "5000",
            "while Odoo is unreachable, events wait (no attempt counted) and the drain tries again at most this often (ms)");
    static final Setting<Integer> HISTORY_RETENTION_DAYS = Setting.positive("hub.history.retention-days", "HUB_HISTORY_RETENTION_DAYS",
            "90", "sync history older than this is deleted (hourly)");
    static final Setting<Integer> HISTORY_PURGE_PERIOD_MS = Setting.positive("hub.history.purge-period-ms", "HUB_HISTORY_PURGE_PERIOD_MS",
            "3600000", "how often the old sync history is deleted, on one node of the cluster (ms; read by routes/hub-housekeeping.camel.yaml)");
    static final Setting<String> CATALOG_WEBHOOK_SECRET = Setting.text("hub.catalog.webhook-secret", "HUB_CATALOG_WEBHOOK_SECRET", "",
            "HMAC secret of `POST /webhooks/catalog/products`; two, comma-separated, while rotating; empty = endpoint off").secret();
    static final Setting<Integer> WEBHOOK_MAX_BODY_BYTES = Setting.positive("hub.webhooks.max-body-bytes", "HUB_WEBHOOK_MAX_BODY_BYTES",
            "2097152", "larger webhook bodies are refused with 413 before they are buffered: from their `Content-Length`, or as"
                    + " soon as a chunked body passes it (bytes)");

    /** Every setting of this record, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(DATA_DIR, DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE,
            QUARTZ_CHECKIN_INTERVAL_MS, ODOO_URL, ODOO_DB, ODOO_USERNAME, ODOO_API_KEY, ODOO_BATCH_SIZE, ODOO_PAGE_SIZE, ODOO_CONNECT_TIMEOUT_MS,
            ODOO_READ_TIMEOUT_MS, ODOO_CALL_DEADLINE_MS, ODOO_REQUIREMENTS_CHECK_MS, ODOO_TRANSPORT,
            SANDBOX_HOST, SANDBOX_PORT, SANDBOX_DEMO_FILE,
            RETRY_MAX_REDELIVERIES, RETRY_INITIAL_DELAY_MS, RETRY_MULTIPLIER, RETRY_MAX_DELAY_MS,
            RETRY_PULL_INITIAL_DELAY_MS, RETRY_PULL_MULTIPLIER, RETRY_PULL_MAX_DELAY_MS,
            INBOX_BATCH_SIZE, INBOX_LEASE_SECONDS, INBOX_POLL_MS, INBOX_OUTAGE_PROBE_MAX_MS, HISTORY_RETENTION_DAYS, HISTORY_PURGE_PERIOD_MS,
            WEBHOOK_MAX_BODY_BYTES, CATALOG_WEBHOOK_SECRET, DROP_PRODUCTS);

    /** The state store; {@code password} is secret. */
    public record Database(String url, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Database[" + url + ", user " + user + "]";
        }
    }

    /** The Odoo server; {@code apiKey} is secret. */
    public record Odoo(String url, String db, String username, String apiKey, TransportMode transport, Calls calls) {
        @Override
        public String toString() {
            return "Odoo[" + (url.isBlank() ? "(sandbox)" : url) + ", db " + db + ", user " + username + ", " + transport + "]";
        }
    }

    /** How Odoo is called: records per call, timeouts, how often its requirements are read again. */
    public record Calls(int batchSize, int pageSize, int connectTimeoutMs, int readTimeoutMs, int callDeadlineMs,
            int requirementsCheckMs) {
    }

    /** The built-in Odoo, used when no Odoo URL is set. */
    public record Sandbox(String host, int port, String demoFile) {
    }

    /** How each flow's inbox is drained. */
    public record Inbox(int batchSize, int leaseSeconds, int pollMs, int outageProbeMaxMs) {
    }

    /** The webhooks' size cap and the catalog webhook's secrets (secret). */
    public record Webhooks(int maxBodyBytes, String catalogSecrets) {
        @Override
        public String toString() {
            return "Webhooks[maxBodyBytes=" + maxBodyBytes + "]";
        }
    }

    public static HubSettings from(PropertiesComponent p) {
        read(p, HISTORY_PURGE_PERIOD_MS); // read by routes/hub-housekeeping.camel.yaml: checked here, with the others
        Path dataDir = Path.of(read(p, DATA_DIR));
        String dbUrl = read(p, DB_URL);
        if (dbUrl.isBlank()) {
            dbUrl = HubDatabase.h2Url(dataDir);
        }
        return new HubSettings(
                dataDir,
                new Database(dbUrl, read(p, DB_USER), read(p, DB_PASSWORD), read(p, DB_POOL_SIZE)),
                read(p, QUARTZ_CHECKIN_INTERVAL_MS),
                new Odoo(read(p, ODOO_URL), read(p, ODOO_DB), read(p, ODOO_USERNAME), read(p, ODOO_API_KEY), read(p, ODOO_TRANSPORT),
                        new Calls(read(p, ODOO_BATCH_SIZE), read(p, ODOO_PAGE_SIZE), read(p, ODOO_CONNECT_TIMEOUT_MS),
                                read(p, ODOO_READ_TIMEOUT_MS), read(p, ODOO_CALL_DEADLINE_MS), read(p, ODOO_REQUIREMENTS_CHECK_MS))),
                new Sandbox(read(p, SANDBOX_HOST), read(p, SANDBOX_PORT), read(p, SANDBOX_DEMO_FILE)),
                Path.of(read(p, DROP_PRODUCTS)),
                new RetryModel(new RetrySettings(read(p, RETRY_MAX_REDELIVERIES), read(p, RETRY_INITIAL_DELAY_MS),
                        read(p, RETRY_MULTIPLIER), read(p, RETRY_MAX_DELAY_MS)),
                        new RetrySettings(0, read(p, RETRY_PULL_INITIAL_DELAY_MS), read(p, RETRY_PULL_MULTIPLIER),
                                read(p, RETRY_PULL_MAX_DELAY_MS))),
                new Inbox(read(p, INBOX_BATCH_SIZE), read(p, INBOX_LEASE_SECONDS), read(p, INBOX_POLL_MS), read(p, INBOX_OUTAGE_PROBE_MAX_MS)),
                read(p, HISTORY_RETENTION_DAYS),
                new Webhooks(read(p, WEBHOOK_MAX_BODY_BYTES), read(p, CATALOG_WEBHOOK_SECRET)));
    }

    /** No Odoo URL configured: the runtime starts the built-in sandbox and writes there. */
    public boolean useSandbox() {
        return odoo.url().isBlank();
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
        // never the key, the webhook secret or the database password (the nested records leave them out)
        return "HubSettings[dataDir=" + dataDir + ", " + odoo + ", productDropDir=" + productDropDir + "]";
    }
}
