package io.odoohub.testsupport;

import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooConfiguration;
import io.odoohub.odoo.transport.ChosenTransport;
import io.odoohub.odoo.transport.OdooTransport;
import io.odoohub.odoo.transport.TransportChoice;
import io.odoohub.odoo.transport.TransportMode;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import io.odoohub.sandbox.OdooSandbox;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Odoo a test talks to, always behind an {@link OdooProxy} (calls counted, faults injected the same way for both):
 * <ul>
 *   <li>{@code -Dodoo.target=sandbox} (the default): a fresh {@link OdooSandbox} per {@link #start()};</li>
 *   <li>{@code -Dodoo.target=real}: a real Odoo named by {@code testodoo.url}, {@code testodoo.db} (comma-separated
 *       lists when several instances run), {@code testodoo.username}, {@code testodoo.apiKey}; each {@link #start()}
 *       hands out a database brought back to pristine with the {@code testodoo.reset} command (the bundle's
 *       {@code odoo18 reset --db {db}}), so every test sees the Odoo a shop has on its first day
 *       ({@link RealOdooPool}). Not {@code hub.odoo.url} and the like: a JVM system property wins over the settings a test
 *       gives {@link HubRuntime}, so the hub would bypass the proxy.</li>
 * </ul>
 * {@code -Dtestodoo.transport=json2} (or {@code xmlrpc}, {@code auto}) is the {@code hub.odoo.transport} the hub and the
 * {@code odoo:} component under test are given ({@link #hubSettings()}, {@link #configuration()}); unset, they keep
 * their default ({@code auto}). The Odoo 19 passes set it, so the hub there speaks JSON-2, or XML-RPC, for certain.
 *
 * <p>bin/test starts the real Odoo 18 and 19 and runs the integration tests tagged {@code odoo} once per target. Fixtures
 * create what they need through {@link #client()} (XML-RPC, on every version), as a user's Odoo would have it, never
 * through sandbox internals. Where Odoo versions differ, a test asks {@link #majorVersion()} which one it talks to.
 */
public final class TestOdoo implements AutoCloseable {

    /** JUnit tag of the test classes that run against every Odoo target (sandbox and the real servers). */
    public static final String TAG = "odoo";
    /** JUnit tag of the test classes that run against the real Odoo servers only (module installs, server behaviour). */
    public static final String REAL_ONLY = "real-odoo";
    /**
     * JUnit tag of the test classes that run once more on the real Odoo 19 with the hub on XML-RPC (failsafe execution
     * {@code it-odoo19-xmlrpc}); every class tagged {@link #TAG} runs on Odoo 19 over JSON-2.
     */
    public static final String XMLRPC_ON_19 = "odoo19-xmlrpc";
    /**
     * JUnit tag of the test classes that compare the sandbox with Odoo 18, which the sandbox imitates: they run on the real
     * Odoo 18 only (the Odoo 19 passes exclude them).
     */
    public static final String ODOO18_PARITY = "odoo18-parity";
    /** System property: the {@code hub.odoo.transport} given to the hub under test (unset: the hub's default). */
    public static final String TRANSPORT_PROPERTY = "testodoo.transport";

    private final OdooSandbox sandbox;
    private final RealOdooPool.Instance instance;
    private final String targetUrl;
    private final String db;
    private final String login;
    private final String key;
    private final OdooProxy proxy;
    private OdooClient client;
    private Integer majorVersion;
    private String hubProtocol;
    private Category rootCategory;

    private TestOdoo(OdooSandbox sandbox, RealOdooPool.Instance instance, String targetUrl, String db, String login, String key) {
        this.sandbox = sandbox;
        this.instance = instance;
        this.targetUrl = targetUrl;
        this.db = db;
        this.login = login;
        this.key = key;
        this.proxy = OdooProxy.start(targetUrl);
    }

    /** True when the tests of this JVM run against a real Odoo server. */
    public static boolean real() {
        return "real".equals(System.getProperty("odoo.target", "sandbox"));
    }

    /** A pristine Odoo: a new sandbox, or a real database reset to its pristine copy. */
    public static TestOdoo start() {
        if (!real()) {
            OdooSandbox sandbox = SandboxClients.start();
            return new TestOdoo(sandbox, null, sandbox.url(), SandboxClients.DB, SandboxClients.LOGIN, SandboxClients.KEY);
        }
        RealOdooPool.Instance instance = RealOdooPool.get(required("testodoo.url"), required("testodoo.db"), required("testodoo.reset")).take();
        return new TestOdoo(null, instance, instance.url(), instance.db(), required("testodoo.username"), required("testodoo.apiKey"));
    }

    /**
     * A pristine Odoo without {@code module} (today only {@value OdooSandbox#OPTIONAL_MODULE}): a sandbox started
     * without it, or a real database where the module is uninstalled over XML-RPC
     * ({@code ir.module.module.button_immediate_uninstall}, as a person does it in Apps), with the modules that depend
     * on it. Each target then answers "Object ... doesn't exist" for its models.
     */
    public static TestOdoo startWithout(String module) {
        if (!real()) {
            OdooSandbox sandbox = SandboxClients.startWithout(java.util.Set.of(module));
            return new TestOdoo(sandbox, null, sandbox.url(), SandboxClients.DB, SandboxClients.LOGIN, SandboxClients.KEY);
        }
        TestOdoo odoo = start();
        try {
            List<Map<String, Object>> found = odoo.client().searchRead("ir.module.module",
                    List.of(List.of("name", "=", module), List.of("state", "=", "installed")), List.of("id"), null, 0, 0, null);
            if (found.size() != 1) {
                throw new IllegalStateException("module " + module + " is not installed in " + odoo.db());
            }
            odoo.client().call("ir.module.module", "button_immediate_uninstall", List.of(List.of(found.get(0).get("id"))), Map.of());
            return odoo;
        } catch (RuntimeException e) {
            odoo.close();
            throw e;
        }
    }

    /**
     * The {@code hub.odoo.transport} this JVM's tests give the hub ({@value #TRANSPORT_PROPERTY}), checked; null when unset.
     * A value other than auto, xmlrpc or json2 fails, naming the property.
     */
    public static String transportSetting() {
        String value = System.getProperty(TRANSPORT_PROPERTY);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return null;
        }
        try {
            return TransportMode.parse(value).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("-D" + TRANSPORT_PROPERTY + " must be auto, xmlrpc or json2, was '" + value + "'");
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("-Dodoo.target=real needs -D" + property
                    + " (bin/test starts the real Odoo and sets testodoo.url, testodoo.db, testodoo.username, testodoo.apiKey,"
                    + " testodoo.reset)");
        }
        return value;
    }

    public boolean isReal() {
        return sandbox == null;
    }

    /** The sandbox itself, for the sandbox's own tests; fails on a real target. */
    public OdooSandbox sandbox() {
        if (sandbox == null) {
            throw new IllegalStateException("this test runs against a real Odoo: use the proxy's faults and counters, not the sandbox");
        }
        return sandbox;
    }

    /** The URL the hub is pointed at: the proxy in front of the target. */
    public String url() {
        return proxy.url();
    }

    /** The target itself, for fixtures that must not be counted or faulted. */
    public String directUrl() {
        return targetUrl;
    }

    public String db() {
        return db;
    }

    public String login() {
        return login;
    }

    public String key() {
        return key;
    }

    public OdooProxy proxy() {
        return proxy;
    }

    public OdooProxy faults() {
        return proxy;
    }

    public long requestCount() {
        return proxy.requestCount();
    }

    public Map<String, Long> callsByMethod() {
        return proxy.callsByMethod();
    }

    /**
     * The models the hub called since start or {@link #resetCounters()}, its authentication left out: XML-RPC's
     * {@code common.*} calls, and over JSON-2 each {@code res.users.context_get} (whose key is it) with the
     * {@code res.users.search_read} of that user's login that follows it ({@code Json2Transport.authenticate}); a
     * {@code res.users.search_read} beyond those counts as a call of the hub's.
     */
    public java.util.Set<String> modelsCalled() {
        Map<String, Long> calls = new java.util.TreeMap<>(callsByMethod());
        long authentications = calls.getOrDefault("res.users.context_get", 0L);
        calls.remove("res.users.context_get");
        calls.computeIfPresent("res.users.search_read", (k, n) -> n > authentications ? n - authentications : null);
        java.util.Set<String> models = new java.util.TreeSet<>();
        calls.keySet().stream().filter(k -> !k.startsWith("common.")).forEach(k -> models.add(k.substring(0, k.lastIndexOf('.'))));
        return models;
    }

    public void resetCounters() {
        proxy.resetCounters();
    }

    /** A client straight to the target (not through the proxy): for fixtures and assertions. */
    public synchronized OdooClient client() {
        if (client == null) {
            client = new OdooClient(new XmlRpcTransport(URI.create(targetUrl), TransportSettings.defaults()), db, login, key);
        }
        return client;
    }

    /**
     * The major version of the Odoo this test talks to (18 for the sandbox, which answers as Odoo 18), from the
     * server's {@code common.version}: for the assertions that differ between versions.
     */
    public synchronized int majorVersion() {
        if (majorVersion == null) {
            Object info = client().version().get("server_version_info");
            if (!(info instanceof List<?> parts) || parts.isEmpty() || !(parts.get(0) instanceof Integer major)) {
                throw new IllegalStateException("Odoo at " + targetUrl + " gave no server_version_info: " + client().version());
            }
            majorVersion = major;
        }
        return majorVersion;
    }

    /** A product category: its id, its name (a top-level one's full name too) and its external id. */
    public record Category(int id, String name, String externalId) {
    }

    /**
     * A top-level product category every fresh database has, for fixtures and files that name one: "All"
     * ({@code product.product_category_all}) in Odoo 17 and 18 and the sandbox; Odoo 19 has no "All" (nor "All /
     * Saleable") and makes "Goods" ({@code product.product_category_goods}), "Services" and "Expenses" top-level
     * categories. Read from the server's {@code ir.model.data}; fails when it has neither.
     */
    public synchronized Category rootCategory() {
        if (rootCategory == null) {
            for (String name : List.of("product_category_all", "product_category_goods")) {
                List<Map<String, Object>> data = client().searchRead("ir.model.data", List.of(List.of("module", "=", "product"),
                        List.of("name", "=", name), List.of("model", "=", "product.category")), List.of("res_id"), null, 0, 0, null);
                if (!data.isEmpty()) {
                    int id = (Integer) data.get(0).get("res_id");
                    Object categoryName = searchRead("product.category", List.of(List.of("id", "=", id)), List.of("name")).get(0).get("name");
                    rootCategory = new Category(id, String.valueOf(categoryName), "product." + name);
                    break;
                }
            }
            if (rootCategory == null) {
                throw new IllegalStateException("Odoo at " + targetUrl + " has neither product.product_category_all nor"
                        + " product.product_category_goods: which top-level product category does it make?");
            }
        }
        return rootCategory;
    }

    /**
     * A transport through the proxy (calls counted, faults injected) chosen as the hub chooses it: {@link ChosenTransport}
     * with this JVM's {@code hub.odoo.transport} ({@link #transportSetting()}, default auto). Its first call asks the server
     * which transport to speak, and {@code requestCount()} counts that question.
     */
    public OdooTransport hubTransport(TransportSettings settings) {
        String mode = transportSetting();
        return new ChosenTransport(URI.create(url()), TransportMode.parse(mode), settings);
    }

    public OdooTransport hubTransport() {
        return hubTransport(TransportSettings.defaults());
    }

    /**
     * What the hub speaks to this Odoo ({@link TransportChoice#JSON2} or {@link TransportChoice#XMLRPC}), chosen as the
     * hub chooses it but asked straight to the target, so that the proxy's counters do not see the question.
     */
    public synchronized String hubProtocol() {
        if (hubProtocol == null) {
            try (OdooTransport direct = new ChosenTransport(URI.create(targetUrl), TransportMode.parse(transportSetting()),
                    TransportSettings.defaults())) {
                hubProtocol = direct.choice().protocol();
            }
        }
        return hubProtocol;
    }

    /**
     * What the hub's stated reason for its transport (log, test-connection's {@code transport_reason}) must say here:
     * the setting in force and what the server answered ({@code GET /web/version} 19.x or 404; {@code common.version}
     * when the setting is xmlrpc).
     */
    public List<String> hubTransportReason() {
        String mode = transportSetting() == null ? TransportMode.auto.name() : transportSetting();
        String answered = TransportMode.xmlrpc.name().equals(mode) ? "common.version answered " + majorVersion() + "."
                : majorVersion() >= 19 ? "GET /web/version answered " + majorVersion() + "." : "GET /web/version answered HTTP 404";
        return List.of(TransportMode.SETTING + "=" + mode, answered);
    }

    /** True when the hub speaks JSON-2 to this Odoo. */
    public boolean json2() {
        return TransportChoice.JSON2.equals(hubProtocol());
    }

    /** search_read with active_test=False (archived records included), straight to the target. */
    public List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields) {
        return client().searchRead(model, domain, fields, "id", 0, 0, Map.of("active_test", false));
    }

    /** The settings that point a {@link HubRuntime} at this Odoo (through the proxy), console off; mutable. */
    public Map<String, String> hubSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hub.odoo.url", url());
        settings.put("hub.odoo.db", db);
        settings.put("hub.odoo.username", login);
        settings.put("hub.odoo.api-key", key);
        if (transportSetting() != null) {
            settings.put(TransportMode.SETTING, transportSetting());
        }
        settings.put("hub.console.enabled", "false");
        return settings;
    }

    /**
     * The same settings as environment variables, for a runtime started as a process ({@link HubProcess}): ODOO_URL (the
     * proxy), ODOO_DB, ODOO_USERNAME, ODOO_API_KEY, and ODOO_TRANSPORT when {@value #TRANSPORT_PROPERTY} is set; mutable.
     */
    public Map<String, String> hubEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ODOO_URL", url());
        env.put("ODOO_DB", db);
        env.put("ODOO_USERNAME", login);
        env.put("ODOO_API_KEY", key);
        if (transportSetting() != null) {
            env.put("ODOO_TRANSPORT", transportSetting());
        }
        return env;
    }

    public OdooConfiguration configuration() {
        OdooConfiguration c = new OdooConfiguration();
        c.setUrl(url());
        c.setDatabase(db);
        c.setUsername(login);
        c.setApiKey(key);
        if (transportSetting() != null) {
            c.setTransport(transportSetting());
        }
        return c;
    }

    public OdooComponent component() {
        OdooComponent component = new OdooComponent();
        component.setConfiguration(configuration());
        return component;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        proxy.close();
        if (sandbox != null) {
            sandbox.close();
        }
        if (instance != null) {
            RealOdooPool.get(required("testodoo.url"), required("testodoo.db"), required("testodoo.reset")).release(instance);
        }
    }
}
