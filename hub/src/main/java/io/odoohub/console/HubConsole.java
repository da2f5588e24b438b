package io.odoohub.console;

import io.odoohub.security.Pbkdf2PasswordHasher;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ObjectName;
import javax.security.auth.login.Configuration;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio console (hawtio-war) in an embedded Jetty 12 in this JVM, at {@code /hawtio}, showing this JVM's
 * MBeans and so the hub's Camel routes. Login is Hawtio's own over JAAS with {@link HubLoginModule}; Jolokia behind
 * it is restricted by {@code console/jolokia-access.xml}; Hawtio's proxy to other JVMs is off.
 *
 * <p>Hawtio 4 reads its settings from {@code hawtio.*} system properties, and JAAS realms are JVM-wide, so one
 * console runs per JVM; starting a second one fails with a message.
 */
public final class HubConsole implements AutoCloseable {

    /** The JAAS realm of the console. */
    public static final String REALM = "odoo-hub-console";
    public static final String CONTEXT_PATH = "/hawtio";
    /** Where the operator's page is, inside the console's context. */
    public static final String PAGE_PATH = "/ops";

    private static final Logger LOG = LoggerFactory.getLogger(HubConsole.class);
    private static final String WAR_RESOURCE = "/console/hawtio.war";
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private final Server server;
    private final ConsoleUsers users;
    private final URI uri;
    private final Map<String, String> previousProperties;
    private final ConsoleLoginConfiguration loginConfiguration;
    private final ObjectName plugin;
    private boolean closed;

    private HubConsole(Server server, ConsoleUsers users, URI uri, Map<String, String> previousProperties,
            ConsoleLoginConfiguration loginConfiguration, ObjectName plugin) {
        this.plugin = plugin;
        this.server = server;
        this.users = users;
        this.uri = uri;
        this.previousProperties = previousProperties;
        this.loginConfiguration = loginConfiguration;
    }

    /** Creates the first user when configured, then serves the console; fails if the port cannot be bound. */
    public static HubConsole start(ConsoleSettings settings, DataSource dataSource) throws Exception {
        return start(settings, new ConsoleUsers(dataSource, new Pbkdf2PasswordHasher()), null);
    }

    /**
     * As above, with {@code page} (the operator's page) answering {@value #PAGE_PATH} inside the console's web application:
     * in front of Hawtio's filters, in the same session, so one login serves both.
     */
    public static HubConsole start(ConsoleSettings settings, DataSource dataSource, Filter page) throws Exception {
        return start(settings, new ConsoleUsers(dataSource, new Pbkdf2PasswordHasher()), page);
    }

    static HubConsole start(ConsoleSettings settings, ConsoleUsers users) throws Exception {
        return start(settings, users, null);
    }

    static HubConsole start(ConsoleSettings settings, ConsoleUsers users, Filter page) throws Exception {
        if (!RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("a Hawtio console already runs in this JVM (Hawtio's settings and the JAAS realm"
                    + " are JVM-wide); set hub.console.enabled=false for the other runtimes");
        }
        Map<String, String> previous = null;
        ConsoleLoginConfiguration login = null;
        Server server = null;
        ObjectName plugin = null;
        try {
            FirstUser.ensure(settings, users);
            Path war = unpackResources(settings);
            previous = setHawtioProperties(settings);
            login = installLoginConfiguration(users);
            server = createServer(settings, war, page);
            plugin = page == null ? null : OpsPageHawtioPlugin.register(CONTEXT_PATH, PAGE_PATH);
            startOrExplain(server, settings);
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            URI uri = URI.create("http://" + hostForUri(settings.host()) + ":" + port + CONTEXT_PATH + "/");
            int count = users.count();
            LOG.info("Hawtio console at {} (login required, roles admitted: {}, {} console user(s))", uri,
                    String.join(",", settings.roles()), count);
            return new HubConsole(server, users, uri, previous, login, plugin);
        } catch (Exception | Error e) {
            stopQuietly(server);
            OpsPageHawtioPlugin.unregister(plugin);
            uninstallLoginConfiguration(login);
            restoreProperties(previous);
            RUNNING.set(false);
            throw e;
        }
    }

    private static void startOrExplain(Server server, ConsoleSettings settings) throws Exception {
        try {
            server.start();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new IllegalStateException("the console cannot listen on " + settings.host() + ":" + settings.port()
                            + " (" + t.getMessage() + "); set HUB_CONSOLE_PORT (hub.console.port) to a free port,"
                            + " or hub.console.enabled=false", e);
                }
            }
            throw e;
        }
    }

    /** The console's address, e.g. {@code http://127.0.0.1:8081/hawtio/}. */
    public URI uri() {
        return uri;
    }

    public ConsoleUsers users() {
        return users;
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } finally {
            OpsPageHawtioPlugin.unregister(plugin);
            uninstallLoginConfiguration(loginConfiguration);
            restoreProperties(previousProperties);
            RUNNING.set(false);
        }
    }

    private static Server createServer(ConsoleSettings settings, Path war, Filter page) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("hub-console");
        Server server = new Server(threads);
        server.setStopTimeout(5_000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(CONTEXT_PATH);
        webapp.setWar(war.toString());
        webapp.setExtractWAR(true);
        webapp.setTempDirectory(settings.workDir().resolve("webapp").toFile());
        webapp.addOverrideDescriptor(settings.workDir().resolve("override-web.xml").toString());
        webapp.setThrowUnavailableOnStartupException(true);
        // Hawtio and Jolokia log through the hub's SLF4J and Log4j, not through the copies inside the WAR
        webapp.getProtectedClassMatcher().add("org.slf4j.", "org.apache.logging.");
        webapp.getSessionHandler().setSessionCookie("HUB_CONSOLE_SESSION");
        webapp.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        webapp.getSessionHandler().setMaxInactiveInterval(settings.sessionTimeoutSeconds());
        if (page != null) {
            // added before the descriptor's filters are, so it comes first: Hawtio's client-route filter never sees the page
            FilterHolder holder = new FilterHolder(page);
            holder.setName("hub-operators-page");
            webapp.addFilter(holder, PAGE_PATH + "/*", EnumSet.of(DispatcherType.REQUEST));
            webapp.addFilter(holder, PAGE_PATH, EnumSet.of(DispatcherType.REQUEST));
        }
        webapp.addFilter(new FilterHolder(new LogoutWithoutContainerLogin()), "/auth/logout", EnumSet.of(DispatcherType.REQUEST));

        ContextHandler root = new ContextHandler(new RedirectToConsole(), "/");
        server.setHandler(new ContextHandlerCollection(webapp, root));
        return server;
    }

    /** Copies the WAR out of the class path (it may sit inside the fat jar) and writes the policy and descriptor. */
    private static Path unpackResources(ConsoleSettings settings) throws IOException {
        Path dir = settings.workDir();
        Files.createDirectories(dir);
        deleteTree(dir.resolve("webapp"));
        Path war = dir.resolve("hawtio.war");
        try (InputStream in = HubConsole.class.getResourceAsStream(WAR_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(WAR_RESOURCE + " is missing from the class path (the build copies"
                        + " io.hawt:hawtio-war there); build with mvn package, or set hub.console.enabled=false");
            }
            Files.copy(in, war, StandardCopyOption.REPLACE_EXISTING);
        }
        Path policy = dir.resolve("jolokia-access.xml");
        String origins = settings.allowedOrigins().stream()
                .map(o -> "<allow-origin>" + xml(o) + "</allow-origin>\n    <allow-origin>" + xml(o) + "/*</allow-origin>")
                .collect(Collectors.joining("\n    "));
        if (settings.allowedOrigins().stream().anyMatch(o -> o.startsWith("https://"))) {
            // an https origin here means a TLS proxy in front: Jetty sees http, which Jolokia would refuse by itself
            origins += "\n    <ignore-scheme/>";
        }
        Files.writeString(policy, resource("/console/jolokia-access.xml").replace("<!-- @ALLOWED_ORIGINS@ -->", origins),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("override-web.xml"),
                resource("/console/override-web.xml").replace("@POLICY_LOCATION@", xml(policy.toUri().toString())),
                StandardCharsets.UTF_8);
        return war;
    }

    /** Hawtio 4 (hawtio-war) takes its settings from system properties only; the previous values are kept. */
    private static Map<String, String> setHawtioProperties(ConsoleSettings settings) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("hawtio.auth", "true");
        wanted.put("hawtio.authenticationEnabled", "true");
        wanted.put("hawtio.authenticationThrottled", "true");
        wanted.put("hawtio.realm", REALM);
        wanted.put("hawtio.roles", String.join(",", settings.roles()));
        wanted.put("hawtio.rolePrincipalClasses", RolePrincipal.class.getName());
        wanted.put("hawtio.authenticationContainerDiscoveryClasses", "");
        wanted.put("hawtio.keycloakEnabled", "false");
        wanted.put("hawtio.disableProxy", "true");
        wanted.put("hawtio.proxyAllowlist", "");
        wanted.put("hawtio.localAddressProbing", "false");
        wanted.put("hawtio.http.enableCORS", "false");
        wanted.put("hawtio.sessionTimeout", String.valueOf(settings.sessionTimeoutSeconds()));
        Map<String, String> previous = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            String old = System.getProperty(key);
            previous.put(key, old);
            if (old != null && !old.equals(value)) {
                LOG.warn("System property {}={} replaced by {} for the hub's console", key, old, value);
            }
            System.setProperty(key, value);
        });
        return previous;
    }

    private static void restoreProperties(Map<String, String> previous) {
        if (previous == null) {
            return;
        }
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    private static ConsoleLoginConfiguration installLoginConfiguration(ConsoleUsers users) {
        Configuration previous;
        try {
            previous = Configuration.getConfiguration();
        } catch (SecurityException e) {
            previous = null; // no JAAS configuration file in this JVM
        }
        ConsoleLoginConfiguration login = new ConsoleLoginConfiguration(REALM, users, previous);
        Configuration.setConfiguration(login);
        return login;
    }

    private static void uninstallLoginConfiguration(ConsoleLoginConfiguration login) {
        if (login != null && currentConfiguration() == login) {
            Configuration.setConfiguration(login.previous());
        }
    }

    private static Configuration currentConfiguration() {
        try {
            return Configuration.getConfiguration();
        } catch (SecurityException e) {
            return null;
        }
    }

    private static void stopQuietly(Server server) {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Console did not stop cleanly after a failed start: {}", e.toString());
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HubConsole.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String hostForUri(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** {@code /} answers with a redirect to the console; everything else outside {@code /hawtio} is not found. */
    private static final class RedirectToConsole extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (PAGE_PATH.equals(path) || (PAGE_PATH + "/").equals(path)) {
                Response.sendRedirect(request, response, callback, CONTEXT_PATH + PAGE_PATH + "/");
                return true;
            }
            if (!"/".equals(path)) {
                return false;
            }
            Response.sendRedirect(request, response, callback, CONTEXT_PATH + "/");
            return true;
        }
    }
}
