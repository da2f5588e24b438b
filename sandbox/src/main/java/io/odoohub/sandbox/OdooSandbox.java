package io.odoohub.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.odoohub.xmlrpc.EmbeddedOdoo;
import io.odoohub.xmlrpc.XmlRpcCall;
import io.odoohub.xmlrpc.XmlRpcException;
import io.odoohub.xmlrpc.XmlRpcLimits;
import io.odoohub.xmlrpc.XmlRpcReader;
import io.odoohub.xmlrpc.XmlRpcWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XML-RPC server that answers like an Odoo 18.0 server (same values, same faults, same quirks), backed by a small
 * in-memory ORM. For tests and for the runtime's out-of-the-box demo. Loopback only.
 */
public final class OdooSandbox implements EmbeddedOdoo.Running {

    private static final Logger LOG = LoggerFactory.getLogger(OdooSandbox.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int ADMIN_UID = 2;
    /** The module a sandbox can be started without (a Sales + Inventory install has no delivery module). */
    public static final String OPTIONAL_MODULE = "delivery";

    private final String host;
    private final String db;
    private final String login;
    private final String apiKey;
    private final Orm orm = new Orm();
    private final Methods methods = new Methods(orm);
    private final XmlRpcReader reader = new XmlRpcReader(XmlRpcLimits.DEFAULT);
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private volatile int port;
    private HttpServer server;
    private boolean closed;

    private OdooSandbox(String host, String db, String login, String apiKey) {
        this.host = host == null || host.isBlank() ? "127.0.0.1" : host;
        this.db = db;
        this.login = login;
        this.apiKey = apiKey;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "odoo-sandbox-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a sandbox on host:port (port 0 = any free port; host must be a loopback name or address, the server binds
     * 127.0.0.1) serving one database. {@code apiKey} is the only secret
     * accepted, by authenticate and by execute_kw, for the user {@code login} (uid 2).
     */
    public static OdooSandbox start(String host, int port, String db, String login, String apiKey) {
        return start(host, port, db, login, apiKey, java.util.Set.of());
    }

    /**
     * As {@link #start(String, int, String, String, String)}, as a database where the modules {@code without} are not
     * installed: their models and the fields they add to other models are absent, as Odoo has them after
     * {@code button_immediate_uninstall}. Only {@value #OPTIONAL_MODULE} can be left out.
     */
    public static OdooSandbox start(String host, int port, String db, String login, String apiKey, java.util.Set<String> without) {
        java.util.Objects.requireNonNull(db, "db");
        java.util.Objects.requireNonNull(login, "login");
        java.util.Objects.requireNonNull(apiKey, "apiKey");
        if (!java.util.Set.of(OPTIONAL_MODULE).containsAll(without)) {
            throw new IllegalArgumentException("the sandbox can leave out only the module " + OPTIONAL_MODULE + ", not " + without);
        }
        OdooSandbox s = new OdooSandbox(host, db, login, apiKey);
        long t0 = System.nanoTime();
        Seed.install(s.orm, !without.contains(OPTIONAL_MODULE));
        if (!"admin".equals(login)) {
            s.orm.transaction(Map.of(), () -> {
                s.orm.write(s.orm.model("res.users"), List.of(ADMIN_UID), Map.of("login", login));
                return null;
            });
        }
        s.port = port;
        try {
            s.listening(true);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        LOG.info("Odoo sandbox for database '{}' listening on {} (seeded in {} ms)", db, s.url(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return s;
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String database() {
        return db;
    }

    /**
     * HTTP requests answered (any status, all endpoints) since start or the last {@link #resetCounters()}; a dropped
     * connection is not an answer and is not counted.
     */
    public long requestCount() {
        return requests.get();
    }

    /** Calls by "model.method" for execute_kw and "service.method" otherwise, e.g. "common.authenticate". */
    public Map<String, Long> callsByMethod() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void resetCounters() {
        requests.set(0);
        calls.clear();
    }

    /**
     * In-process read for test assertions, same semantics as search_read over XML-RPC with active_test=False.
     *
     * @throws IllegalArgumentException with Odoo's message when the model, a field or the domain is wrong
     */
    public List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields) {
        try {
            return orm.transaction(Map.of("active_test", false), () -> {
                Model m = orm.model(model);
                return orm.read(m, orm.search(m, domain, 0, null, null, false), fields);
            });
        } catch (OdooError e) {
            throw new IllegalArgumentException(e.code == 1 ? e.pyType + ": " + e.getMessage() : e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            server = null;
        }
        executor.shutdownNow();
        LOG.info("Odoo sandbox on port {} closed", port);
    }

    synchronized void listening(boolean on) {
        if (closed) {
            return;
        }
        if (on && server == null) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(bindAddress(host), port), 64);
                s.createContext("/", this::handle);
                s.setExecutor(executor);
                s.start();
                server = s;
                port = s.getAddress().getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
            }
        } else if (!on && server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Loopback only: the sandbox accepts any secret-less client that can reach it, so it must not be reachable from outside. */
    private static InetAddress bindAddress(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the Odoo sandbox listens on loopback only, not on " + host);
        }
        return InetAddress.getByName("127.0.0.1");
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            if (path.endsWith("/") && path.length() > 1) {
                path = path.substring(0, path.length() - 1);
            }
            boolean legacy = !path.startsWith("/xmlrpc/2/");
            String service = path.substring(path.lastIndexOf('/') + 1);
            if (!path.startsWith("/xmlrpc/") || !List.of("common", "object", "db").contains(service)
                    || !(path.equals("/xmlrpc/" + service) || path.equals("/xmlrpc/2/" + service))) {
                send(ex, 404, "text/html", "<!doctype html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
                send(ex, 405, "text/html", "<!doctype html>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            send(ex, 200, "text/xml; charset=utf-8", answer(service, legacy, body));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Odoo sandbox failed to answer {}: {}", ex.getRequestURI(), e.toString());
        } finally {
            ex.close();
        }
    }

    private void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        requests.incrementAndGet();
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Connection", "close");
        ex.getResponseHeaders().set("Server", "Werkzeug/2.2.2 Python/3.11.2");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    // ------------------------------------------------------------------ XML-RPC

    /** The XML-RPC answer to one request body on one service. Package-private for tests. */
    byte[] answer(String service, boolean legacy, byte[] body) {
        XmlRpcCall call;
        try {
            call = reader.readCall(new ByteArrayInputStream(body));
        } catch (XmlRpcException e) {
            LOG.debug("unparsable XML-RPC request: {}", e.getMessage());
            return fault(OdooError.server("xml.parsers.expat.ExpatError", expatMessage(body, e), Traceback.PARSE), legacy);
        }
        try {
            Object result = switch (service) {
                case "common" -> common(call);
                case "db" -> database(call);
                default -> object(call);
            };
            checkMarshallable(result);
            return XmlRpcWriter.response(result);
        } catch (OdooError e) {
            return fault(e, legacy);
        } catch (ClassCastException e) {
            // an argument of the wrong XML-RPC type: Python fails with a TypeError at the same point
            LOG.debug("argument of the wrong type in {}.{}: {}", service, call.methodName(), e.getMessage());
            return fault(OdooError.server("TypeError", "unexpected argument type: " + e.getMessage()), legacy);
        } catch (RuntimeException e) {
            LOG.warn("Odoo sandbox error on {}.{}", service, call.methodName(), e);
            return fault(OdooError.server("Exception", String.valueOf(e.getMessage())), legacy);
        }
    }

    private static String expatMessage(byte[] body, XmlRpcException e) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return "no element found: line 1, column 0";
        }
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        String msg = e.getMessage() == null ? "" : e.getMessage();
        return msg.contains("truncated") || msg.contains("end of file") || msg.contains("EOF") || msg.contains("Premature")
                ? "no element found: line " + lines + ", column 0"
                : "syntax error: " + msg.replace('\n', ' ');
    }

    private byte[] fault(OdooError e, boolean legacy) {
        if (!legacy) {
            return XmlRpcWriter.fault(e.code, e.code == 1 ? e.traceback() : e.getMessage());
        }
        return switch (e.code) {
            case 3 -> XmlRpcWriter.fault("AccessDenied", e.getMessage());
            case 4 -> XmlRpcWriter.fault("warning -- AccessError\n\n" + e.getMessage(), "");
            case 2 -> XmlRpcWriter.fault("warning -- " + ("MissingError".equals(e.shortType()) ? "MissingError" : "UserError") + "\n\n"
                    + e.getMessage(), "");
            default -> XmlRpcWriter.fault(e.getMessage() == null ? "" : e.getMessage(), e.traceback());
        };
    }

    /** Python's marshaller refuses None and ints beyond 32 bits; so does the sandbox, after the commit. */
    private static void checkMarshallable(Object v) {
        if (v == Orm.NONE || v == null) {
            throw OdooError.server("TypeError", "cannot marshal None unless allow_none is enabled", Traceback.MARSHAL + """
                      File "/usr/lib/python3/xmlrpc/client.py", line 540, in dump_nil
                        raise TypeError("cannot marshal None unless allow_none is enabled")
                    """);
        }
        if (v instanceof Long l && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
            throw OdooError.server("OverflowError", "int exceeds XML-RPC limits", Traceback.MARSHAL + """
                      File "/usr/lib/python3/xmlrpc/client.py", line 552, in dump_long
                        raise OverflowError("int exceeds XML-RPC limits")
                    """);
        }
        if (v instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                checkMarshallable(o);
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                checkMarshallable(o);
            }
        }
    }

    private void count(String key) {
        calls.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private Object common(XmlRpcCall call) {
        String method = call.methodName();
        count("common." + method);
        List<Object> p = call.params();
        switch (method) {
            case "version" -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("server_version", "18.0");
                v.put("server_version_info", List.of(18, 0, 0, "final", 0, ""));
                v.put("server_serie", "18.0");
                v.put("protocol_version", 1);
                return v;
            }
            case "authenticate", "login" -> {
                if (p.size() < 3) {
                    throw OdooError.server("TypeError", "exp_" + method + "() missing required positional arguments");
                }
                checkDatabase(p.get(0));
                boolean ok = login.equals(p.get(1)) && apiKey.equals(p.get(2));
                return ok ? (Object) ADMIN_UID : Boolean.FALSE;
            }
            case "about" -> {
                return "See http://openerp.com";
            }
            default -> throw OdooError.server("Exception", "Method not found: " + method, Traceback.COMMON);
        }
    }

    private Object database(XmlRpcCall call) {
        String method = call.methodName();
        count("db." + method);
        return switch (method) {
            case "list" -> List.of(db);
            case "server_version" -> "18.0";
            case "db_exist" -> !call.params().isEmpty() && db.equals(call.params().get(0));
            case "list_lang" -> List.of(List.of("en_US", "English (US)"));
            default -> throw OdooError.server("KeyError", "'exp_" + method + "'");
        };
    }

    private void checkDatabase(Object name) {
        if (!db.equals(name)) {
            throw OdooError.server("psycopg2.OperationalError", "connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: "
                    + "FATAL:  database \"" + name + "\" does not exist\n");
        }
    }

    @SuppressWarnings("unchecked")
    private Object object(XmlRpcCall call) {
        String rpc = call.methodName();
        List<Object> p = call.params();
        if (!"execute_kw".equals(rpc) && !"execute".equals(rpc)) {
            count("object." + rpc);
            throw OdooError.server("NameError", "Method not available " + rpc);
        }
        if (p.size() < 5) {
            count("object." + rpc);
            throw OdooError.server("TypeError", rpc + "() missing required positional arguments");
        }
        String modelName = String.valueOf(p.get(3));
        String method = String.valueOf(p.get(4));
        count(modelName + "." + method);
        checkDatabase(p.get(0));
        if (!(p.get(1) instanceof Integer uid) || uid != ADMIN_UID || !apiKey.equals(p.get(2))) {
            throw OdooError.accessDenied();
        }
        List<Object> args;
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if ("execute_kw".equals(rpc)) {
            if (p.size() < 6) {
                throw OdooError.server("TypeError", "execute_kw() missing 1 required positional argument: 'args'");
            }
            if (!(p.get(5) instanceof List<?> a)) {
                throw OdooError.server("TypeError", "odoo.api.call_kw() argument after * must be an iterable, not " + Py.typeName(p.get(5)));
            }
            args = (List<Object>) a;
            if (p.size() > 6 && p.get(6) instanceof Map<?, ?> kw) {
                kwargs.putAll((Map<String, Object>) kw);
            }
        } else {
            args = new ArrayList<>(p.subList(5, p.size()));
        }
        Object ctx = kwargs.remove("context");
        Map<String, Object> context = ctx instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        return orm.transaction(context, () -> methods.call(modelName, method, args, kwargs));
    }
}
