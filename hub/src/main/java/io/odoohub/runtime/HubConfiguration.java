package io.odoohub.runtime;


import io.odoohub.connector.HubSettings;

import io.odoohub.connector.HubParts;

import io.odoohub.connector.Connector;

import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiTokens;
import io.odoohub.api.ManagementApi;
import io.odoohub.api.OperationsApi;
import io.odoohub.catalog.CatalogConnector;
import io.odoohub.console.ConsoleSettings;
import io.odoohub.console.ConsoleUsers;
import io.odoohub.console.HubConsole;
import io.odoohub.error.DeadLetterRoute;
import io.odoohub.error.ErrorPolicy;
import io.odoohub.error.RoutePolicies;
import io.odoohub.api.ApiErrorPolicy;
import io.odoohub.history.SyncLog;
import io.odoohub.inbox.DeadLetterReplay;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.FlowReports;
import io.odoohub.observe.FlowActivity;
import io.odoohub.opspage.OpsPage;
import io.odoohub.opspage.OpsServices;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxApplyPolicy;
import io.odoohub.inbox.InboxDrain;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.inbox.InboxRoutes;
import io.odoohub.support.RouteTemplates;
import io.odoohub.history.HistoryRetention;
import io.odoohub.history.JobRuns;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooConfiguration;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.observe.Observability;
import io.odoohub.observe.OdooNeedsHealthCheck;
import io.odoohub.security.CredentialStore;
import io.odoohub.security.SecuritySettings;
import io.odoohub.security.Pbkdf2PasswordHasher;
import io.odoohub.shopify.ShopifyConnector;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.store.ClusteredQuartz;
import io.odoohub.store.HubDatabase;
import io.odoohub.webhook.WebhookBodyLimit;
import io.odoohub.xmlrpc.EmbeddedOdoo;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.odoohub.googleads.GoogleAdsConnector;
import io.odoohub.pardot.PardotConnector;

/**
 * Wires the hub at start: the state store, the Odoo connection (or the sandbox when none is configured), the
 * {@code odoo:} component, the shared error policy and the beans the YAML routes call.
 */
public class HubConfiguration implements CamelConfiguration {

    /**
     * The connectors, in the order they are installed; fresh ones for each hub, since a connector remembers what its
     * settings switched on. Adding one is one line here.
     */
    static List<Connector> connectors() {
        return List.of(
                new CatalogConnector(),
                new ShopifyConnector(),
                new PardotConnector(),
                new GoogleAdsConnector());
    }

    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);
    /** How soon Odoo is asked again what it has after it could not answer. */
    private static final Duration NEEDS_RETRY = Duration.ofSeconds(30);

    @Override
    public void configure(CamelContext context) throws Exception {
        DeclaredSettings.check(context.getPropertiesComponent());
        HubSettings settings = HubSettings.from(context.getPropertiesComponent());
        Files.createDirectories(settings.dataDir());

        HubDatabase database = HubDatabase.open(settings.db().url(), settings.db().user(), settings.db().password(), settings.db().poolSize());
        closeOnStop(context, "state store", database);
        DeadLetterStore deadLetters = new DeadLetterStore(database.dataSource());
        context.getRegistry().bind("hubDatabase", database);
        context.getRegistry().bind("hubDataSource", database.dataSource());
        // Quartz routes fire once per period across the runtimes on this database (its clustered job store)
        ClusteredQuartz.install(context, database, settings.quartzCheckinIntervalMs());
        context.getRegistry().bind("deadLetterStore", deadLetters);
        // management API under /api/v1; other API RouteBuilders take the returned guard (bean "apiGuard")
        CredentialStore credentials = CredentialStore.open(context.getPropertiesComponent(), settings.dataDir(), database.dataSource());
        context.getRegistry().bind("credentialStore", credentials);
        // the route configurations every route names (error.RoutePolicies lists them)
        context.addRoutes(new RoutePolicies());
        context.addRoutes(new ApiErrorPolicy());
        context.addRoutes(new InboxApplyPolicy());
        context.addRoutes(new ErrorPolicy(settings.retry().redelivery()));
        ApiGuard apiGuard = ManagementApi.install(context, database.dataSource(), credentials);
        // nothing configured: an admin token and a console user, their secrets in a file only the owner can read
        // the accounts of the console and the operator's page, managed by admin tokens
        ConsoleUsers consoleUsers = new ConsoleUsers(database.dataSource(), new Pbkdf2PasswordHasher());
        context.addRoutes(new io.odoohub.api.ConsoleUserApi(apiGuard, consoleUsers));
        FirstRunCredentials.ensure(settings.dataDir(), context.getRegistry().lookupByNameAndType(ManagementApi.TOKENS_BEAN, ApiTokens.class),
                SecuritySettings.adminToken(context.getPropertiesComponent()),
                consoleUsers, ConsoleSettings.firstUser(context.getPropertiesComponent()), consoleUrl(context));

        OdooConfiguration odoo = new OdooConfiguration();
        if (settings.useSandbox()) {
            // the sandbox is a module of its own (odoo-hub-sandbox), found at run time: the distributed jar has it
            EmbeddedOdoo embedded = EmbeddedOdoo.find().orElseThrow(() -> new IllegalStateException("No Odoo URL configured"
                    + " (ODOO_URL) and the built-in Odoo sandbox (odoo-hub-sandbox) is not on the class path: set ODOO_URL,"
                    + " ODOO_DB, ODOO_USERNAME and ODOO_API_KEY to use a real Odoo, or run the distributed jar, which has the sandbox."));
            EmbeddedOdoo.Running sandbox = embedded.start(settings.sandbox().host(), settings.sandbox().port(), HubSettings.SANDBOX_DB,
                    HubSettings.SANDBOX_LOGIN, HubSettings.SANDBOX_KEY);
            closeOnStop(context, "Odoo sandbox", sandbox);
            context.getRegistry().bind("odooSandbox", sandbox);
            odoo.setUrl(sandbox.url());
            odoo.setDatabase(HubSettings.SANDBOX_DB);
            odoo.setUsername(HubSettings.SANDBOX_LOGIN);
            odoo.setApiKey(HubSettings.SANDBOX_KEY);
            LOG.warn("No Odoo URL configured (ODOO_URL): data goes to the built-in Odoo SANDBOX at {} (database '{}', in memory),"
                    + " NOT to a real Odoo. Set ODOO_URL, ODOO_DB, ODOO_USERNAME and ODOO_API_KEY to use a real server.",
                    sandbox.url(), HubSettings.SANDBOX_DB);
        } else {
            odoo.setUrl(settings.odoo().url());
            odoo.setDatabase(settings.odoo().db());
            odoo.setUsername(settings.odoo().username());
            // ODOO_API_KEY wins; when it is empty, the key stored as credential "odoo.api-key" is used
            odoo.setApiKey(settings.odoo().apiKey().isBlank()
                    ? credentials.get(CredentialStore.ODOO_API_KEY).orElse("") : settings.odoo().apiKey());
            odoo.validateConnection();
            LOG.info("Odoo: {} database '{}' as '{}'", settings.odoo().url(), settings.odoo().db(), settings.odoo().username());
            // allowed (some sites run Odoo on a network they trust), but said
            HubSettings.cleartextOdooHost(settings.odoo().url()).ifPresent(host -> LOG.warn("ODOO_URL is plain http:// to {}, which is not"
                    + " this machine: the API key crosses the network in clear with every call. Use https:// unless that network is"
                    + " trusted.", host));
        }
        odoo.setBatchSize(settings.odoo().calls().batchSize());
        odoo.setPageSize(settings.odoo().calls().pageSize());
        odoo.setConnectTimeout(settings.odoo().calls().connectTimeoutMs());
        odoo.setReadTimeout(settings.odoo().calls().readTimeoutMs());
        odoo.setCallDeadline(settings.odoo().calls().callDeadlineMs());
        odoo.setTransport(settings.odoo().transport().name());
        OdooComponent component = new OdooComponent();
        component.setConfiguration(odoo);
        context.addComponent("odoo", component);

        Clock clock = Clock.systemUTC();
        Inbox inbox = new Inbox(database.dataSource(), database.isPostgres(), clock);
        FlowControl flowControl = new FlowControl(database.dataSource(), clock);
        SyncLog syncLog = new SyncLog(database.dataSource());
        FlowCounters counters = new FlowCounters();
        InboxDrain drain = new InboxDrain(inbox, flowControl, deadLetters, syncLog, context.createProducerTemplate(), settings.retry().redelivery(),
                new InboxDrain.Settings(settings.inbox().batchSize(), Duration.ofSeconds(settings.inbox().leaseSeconds()),
                        Duration.ofMillis(settings.inbox().outageProbeMaxMs()), HubSettings.processName()), clock, counters);
        context.getRegistry().bind("inbox", inbox);
        context.getRegistry().bind("flowControl", flowControl);
        context.getRegistry().bind("syncLog", syncLog);
        context.getRegistry().bind("flowCounters", counters);
        context.getRegistry().bind("inboxDrain", drain);
        context.getRegistry().bind("deadLetterReplay", new DeadLetterReplay(deadLetters, inbox));
        InboxIntake intake = new InboxIntake(inbox, 256);
        closeOnStop(context, "inbox intake", intake);
        // every webhook's size cap, applied before its body is read (Shopify's has a setting of its own)
        WebhookBodyLimit.install(context, settings.webhooks().maxBodyBytes());
        HubParts parts = new HubParts(context, settings, database, odoo, credentials, apiGuard, inbox, intake, drain, flowControl, syncLog, counters,
                deadLetters, clock);
        List<String> inboxFlows = new ArrayList<>();
        List<OdooNeeds.Need> needs = new ArrayList<>();
        List<Connector> installed = connectors();
        for (Connector connector : installed) {
            inboxFlows.addAll(connector.flows());
            connector.install(parts);
            connector.odooRequirements().forEach(r -> needs.add(new OdooNeeds.Need(connector.name(), r)));
        }
        // what the connectors need of the database, read now (the log says what is missing and what the hub does
        // instead; an unreachable Odoo only delays the answer), then kept for health and the test-connection endpoints
        Duration checkEvery = Duration.ofMillis(settings.odoo().calls().requirementsCheckMs());
        OdooNeeds odooNeeds = new OdooNeeds(needs, () -> component.client(odoo), clock, checkEvery,
                checkEvery.compareTo(NEEDS_RETRY) < 0 ? checkEvery : NEEDS_RETRY);
        context.getRegistry().bind(OdooNeeds.BEAN, odooNeeds);
        context.getRegistry().bind("health-odoo-requirements", new OdooNeedsHealthCheck(odooNeeds));
        odooNeeds.checkNow();
        InboxRoutes.install(context, inboxFlows, settings.inbox().pollMs());
        RouteTemplates.whenStarted(context, c -> requireRoutes(c, installed));
        FlowReports flowReports = new FlowReports(flowControl, inbox, drain, deadLetters, counters);
        context.getRegistry().bind("flowReports", flowReports);
        DeadLetterReplay replay = new DeadLetterReplay(deadLetters, inbox);
        context.addRoutes(new OperationsApi(apiGuard, deadLetters, replay, flowReports, syncLog, inboxFlows));
        if (ConsoleSettings.enabled(context.getPropertiesComponent())) {
            ConsoleSettings consoleSettings = ConsoleSettings.from(context.getPropertiesComponent(), settings.dataDir());
            // the operator's page calls the same services as the API, in the console's web application and session
            OpsServices ops = new OpsServices(context, inboxFlows, installed, flowReports, new FlowActivity(database.dataSource(), clock),
                    deadLetters, replay, inbox, syncLog, credentials, consoleSettings.roles());
            startConsoleAside(context, consoleSettings, database, new OpsPage(ops, clock));
        }
        // readiness per flow, Prometheus series per flow, notifications
        Observability.install(context, inboxFlows, inbox, flowControl, counters, drain, deadLetters);
        context.getRegistry().bind(HistoryRetention.BEAN, new HistoryRetention(syncLog, new JobRuns(database.dataSource(), clock), settings.historyRetentionDays(), clock));

        context.addRoutes(new DeadLetterRoute(deadLetters));
        LOG.info("odoo-hub configured: {}", settings);
    }

    /**
     * Refuses to run without the routes a switched-on connector's acknowledged events need (its webhook, its apply
     * routes): they are YAML files an integrator may have left out of an own routes folder.
     */
    static void requireRoutes(CamelContext context, List<Connector> connectors) {
        List<String> missing = new ArrayList<>();
        for (Connector c : connectors) {
            if (c.switchedOn()) {
                c.requiredRoutes().stream().filter(id -> context.getRoute(id) == null).map(id -> c.name() + ": " + id).forEach(missing::add);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("routes the switched-on connectors need are not among the routes the hub read"
                    + " (camel.main.routes-include-pattern, folder HUB_ROUTES_DIR, default routes/; the distribution's routes/ has them): "
                    + String.join(", ", missing));
        }
    }

    /**
     * The console (about a second of Jetty and WAR work) starts beside the runtime once Camel has started, so the
     * hub is ready without waiting for it. Its settings were checked already; if it cannot start (a busy port), the log says why and
     * the hub runs on without it.
     */
    private static void startConsoleAside(CamelContext context, ConsoleSettings consoleSettings, HubDatabase database, OpsPage page)
            throws Exception {
        java.util.concurrent.CompletableFuture<HubConsole> console = new java.util.concurrent.CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                console.complete(HubConsole.start(consoleSettings, database.dataSource(), page));
            } catch (Exception | Error e) {
                LOG.error("The Hawtio console did not start: {}. The hub runs on without it.", e.getMessage(), e);
                console.complete(null);
            }
        }, "hub-console-start");
        starter.setDaemon(true);
        // once Camel has fully started, so that the two do not compete for the cores during start-up; Camel calls
        // startup listeners again whenever a route starts later, hence the once-only guard
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        context.addStartupListener((ctx, alreadyStarted) -> {
            if (once.compareAndSet(false, true)) {
                starter.start();
            }
        });
        closeOnStop(context, "Hawtio console", () -> {
            HubConsole started = console.get(60, java.util.concurrent.TimeUnit.SECONDS);
            if (started != null) {
                started.close();
            }
        });
    }

    private static String consoleUrl(CamelContext context) {
        if (!ConsoleSettings.enabled(context.getPropertiesComponent())) {
            return "off (hub.console.enabled=false)";
        }
        return ConsoleSettings.url(context.getPropertiesComponent());
    }

    /** Closes a resource when the Camel context stops (services stop in reverse order of adding). */
    private static void closeOnStop(CamelContext context, String what, AutoCloseable resource) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                LOG.info("Closing {}", what);
                resource.close();
            }
        }, true, true);
    }
}
