package io.odoohub.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.odoohub.xmlrpc.XmlRpcCall;
import io.odoohub.xmlrpc.XmlRpcLimits;
import io.odoohub.xmlrpc.XmlRpcReader;
import io.odoohub.xmlrpc.XmlRpcWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fault-injecting HTTP proxy in front of an Odoo (the real server or the sandbox), on loopback. Tests point the hub
 * at it to count the calls the hub makes and to make Odoo slow, refuse connections, drop them, answer a gateway error
 * or a PostgreSQL serialization failure, whatever Odoo stands behind it. Counted faults apply to the next N requests.
 */
public final class OdooProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "content-length",
            "host", "upgrade", "te", "trailer", "proxy-connection", "expect");

    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "odoo-proxy");
        t.setDaemon(true);
        return t;
    });
    private static final ObjectMapper JSON = new ObjectMapper();
    private final XmlRpcReader reader = new XmlRpcReader(XmlRpcLimits.DEFAULT);
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private volatile Duration latency = Duration.ZERO;
    private final Map<String, Duration> callLatency = new ConcurrentHashMap<>();
    private volatile int httpStatus;
    private final AtomicInteger httpStatusTimes = new AtomicInteger();
    private final AtomicInteger serializationFailures = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    /** "model.load" -> the calls still to answer with load's serialization failure */
    private final Map<String, AtomicInteger> loadSerializationFailures = new ConcurrentHashMap<>();
    private HttpServer server;
    private int port;
    private boolean closed;

    private OdooProxy(URI target) {
        this.target = target;
    }

    /** Starts a proxy on a free loopback port that forwards to {@code targetUrl} (scheme, host and port). */
    public static OdooProxy start(String targetUrl) {
        OdooProxy proxy = new OdooProxy(URI.create(targetUrl.endsWith("/") ? targetUrl.substring(0, targetUrl.length() - 1) : targetUrl));
        proxy.listening(true);
        return proxy;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    // ------------------------------------------------------------------ faults

    /** Waits this long before forwarding each request. */
    public void latency(Duration perRequest) {
        this.latency = perRequest == null || perRequest.isNegative() ? Duration.ZERO : perRequest;
    }

    /**
     * Waits this long before forwarding each call of one method ("model.method", as {@link #callsByMethod()} names it):
     * an Odoo slow at one step, so a test can act while the hub is in the middle of that step. Zero removes it.
     */
    public void latency(String call, Duration perCall) {
        if (perCall == null || perCall.isZero() || perCall.isNegative()) {
            callLatency.remove(call);
        } else {
            callLatency.put(call, perCall);
        }
    }

    /** The next {@code times} requests are answered with this status and an nginx error page, not forwarded. */
    public void httpStatus(int status, int times) {
        this.httpStatus = status;
        this.httpStatusTimes.set(Math.max(0, times));
    }

    /**
     * The next {@code times} model calls ({@code execute_kw} or JSON-2) are answered, without being forwarded, with the
     * error Odoo gives when PostgreSQL's serialization failure outlasts its own retries: nothing is changed by them.
     */
    public void serializationFailure(int times) {
        serializationFailures.set(Math.max(0, times));
    }

    /**
     * The next {@code times} {@code load} calls on {@code model} (XML-RPC or JSON-2) are answered, without being forwarded,
     * as Odoo 18's (and 19's) {@code load} answers when PostgreSQL cannot serialize its writes against a concurrent update (on a real server,
     * the IAP enrichment cron updating crm.lead does it): nothing written ({@code ids: false}), the failure reported per
     * record on the first ten it reached, then the warning that it stopped there.
     */
    public void loadSerializationFailure(String model, int times) {
        loadSerializationFailures.computeIfAbsent(model + ".load", k -> new AtomicInteger()).set(Math.max(0, times));
    }

    /** The next {@code times} requests have their connection closed without any response. */
    public void dropConnections(int times) {
        drops.set(Math.max(0, times));
    }

    /** true: stop listening (connections are refused); false: listen again on the same port. */
    public void refuseConnections(boolean refuse) {
        listening(!refuse);
    }

    /** Counted faults not yet answered (gateway errors, serialization failures, drops): 0 once a test's faults all hit. */
    public int faultsPending() {
        return httpStatusTimes.get() + serializationFailures.get() + drops.get();
    }

    /** Removes every injected fault and listens again if stopped. */
    public void clear() {
        latency = Duration.ZERO;
        callLatency.clear();
        httpStatusTimes.set(0);
        serializationFailures.set(0);
        loadSerializationFailures.clear();
        drops.set(0);
        listening(true);
    }

    // ------------------------------------------------------------------ counters

    /** Requests answered (forwarded or answered by a fault) since start or {@link #resetCounters()}; drops not counted. */
    public long requestCount() {
        return requests.get();
    }

    /** Calls by "model.method" for execute_kw and JSON-2, "service.method" for the other XML-RPC services. */
    public Map<String, Long> callsByMethod() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void resetCounters() {
        requests.set(0);
        calls.clear();
    }

    // ------------------------------------------------------------------ serving

    private synchronized void listening(boolean on) {
        if (closed) {
            return;
        }
        if (on && server == null) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
                s.createContext("/", this::handle);
                s.setExecutor(executor);
                s.start();
                server = s;
                port = s.getAddress().getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("the Odoo proxy cannot listen on 127.0.0.1:" + port, e);
            }
        } else if (!on && server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange ex) {
        try {
            Duration wait = latency;
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis());
            }
            if (take(drops)) {
                return; // closing before any header is sent closes the connection without a response
            }
            int status = take(httpStatusTimes) ? httpStatus : 0;
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = ex.getRequestURI().getRawPath();
            String call = callName(path, body);
            if (call != null) {
                calls.computeIfAbsent(call, k -> new LongAdder()).increment();
                Duration slow = callLatency.get(call);
                if (slow != null) {
                    Thread.sleep(slow.toMillis());
                }
            }
            if (status > 0) {
                send(ex, status, Map.of("Content-Type", List.of("text/html")), gatewayPage(status));
                return;
            }
            if (call != null && !call.startsWith("common.") && take(serializationFailures)) {
                if (path.startsWith("/json/2/")) {
                    // JSON-2 (Odoo 19+) answers an exception that is not an HTTP one with 500 and its class in "name"
                    send(ex, 500, Map.of("Content-Type", List.of("application/json; charset=utf-8")), SERIALIZATION_JSON);
                } else {
                    send(ex, 200, Map.of("Content-Type", List.of("text/xml; charset=utf-8")), XmlRpcWriter.fault(1, SERIALIZATION_TRACEBACK));
                }
                return;
            }
            AtomicInteger notSerialized = call == null ? null : loadSerializationFailures.get(call);
            if (notSerialized != null && take(notSerialized)) {
                if (path.startsWith("/json/2/")) {
                    // JSON-2 (Odoo 19+) answers load's result as it is, as JSON
                    send(ex, 200, Map.of("Content-Type", List.of("application/json; charset=utf-8")),
                            JSON.writeValueAsBytes(loadNotSerialized(loadedRecords(JSON.readTree(body).path("data")))));
                } else {
                    send(ex, 200, Map.of("Content-Type", List.of("text/xml; charset=utf-8")),
                            XmlRpcWriter.response(loadNotSerialized(loadedRecords(body))));
                }
                return;
            }
            forward(ex, path, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the client sees a dropped connection, as it would from a proxy whose upstream went away
        } finally {
            ex.close();
        }
    }

    private void forward(HttpExchange ex, String path, byte[] body) throws IOException, InterruptedException {
        String query = ex.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofMinutes(10))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        send(ex, response.statusCode(), response.headers().map(), response.body());
    }

    private void send(HttpExchange ex, int status, Map<String, List<String>> headers, byte[] body) throws IOException {
        requests.incrementAndGet();
        headers.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                ex.getResponseHeaders().put(name, values);
            }
        });
        ex.getResponseHeaders().set("Connection", "close");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** "model.method" for execute_kw and JSON-2, "service.method" for common/db, null for anything else. */
    private String callName(String path, byte[] body) {
        if (path.startsWith("/json/2/")) {
            String[] parts = path.substring("/json/2/".length()).split("/");
            return parts.length == 2 ? parts[0] + "." + parts[1] : null;
        }
        if (!path.startsWith("/xmlrpc")) {
            return null;
        }
        String service = path.replaceAll("/+$", "");
        service = service.substring(service.lastIndexOf('/') + 1);
        try {
            XmlRpcCall call = reader.readCall(body);
            if ("execute_kw".equals(call.methodName()) && call.params().size() >= 5) {
                return call.params().get(3) + "." + call.params().get(4);
            }
            return service + "." + call.methodName();
        } catch (RuntimeException unparsable) {
            return null;
        }
    }

    /** The records of an XML-RPC {@code execute_kw(..., 'load', [fields, data])} (1 when it names none). */
    private int loadedRecords(byte[] xmlRpcBody) {
        List<Object> params = reader.readCall(xmlRpcBody).params();
        List<?> args = params.size() > 5 && params.get(5) instanceof List<?> a ? a : List.of();
        return args.size() > 1 && args.get(1) instanceof List<?> rows ? rows.size() : 1;
    }

    /** The records of a JSON-2 {@code load}'s {@code data} (1 when it names none). */
    private static int loadedRecords(JsonNode data) {
        return data.isArray() ? data.size() : 1;
    }

    /** What models.load answers when every record from the first on hit a serialization failure (its savepoints caught them). */
    private static Map<String, Object> loadNotSerialized(int records) {
        List<Object> messages = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(records, 11); i++) {
            messages.add(Map.of("type", "error", "message", "could not serialize access due to concurrent update\n", "record", i,
                    "rows", Map.of("from", i, "to", i)));
        }
        if (records > 11) {
            messages.add(Map.of("type", "warning",
                    "message", "Found more than 10 errors and more than one error per 10 records, interrupted to avoid showing too many errors."));
        }
        return Map.of("ids", false, "messages", messages, "nextrow", 0);
    }

    private static byte[] gatewayPage(int status) {
        String reason = switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
        return ("<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>" + status + " "
                + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean take(AtomicInteger counter) {
        while (true) {
            int n = counter.get();
            if (n <= 0) {
                return false;
            }
            if (counter.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    /** The fault string Odoo 18 sends when a transaction still fails to serialize after its retries. */
    private static final String SERIALIZATION_TRACEBACK = """
            Traceback (most recent call last):
              File "/opt/odoo/odoo/service/model.py", line 156, in retrying
                result = func()
                         ^^^^^^
              File "/opt/odoo/odoo/sql_db.py", line 357, in execute
                res = self._obj.execute(query, params)
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            psycopg2.errors.SerializationFailure: could not serialize access due to concurrent update
            """;

    private static final byte[] SERIALIZATION_JSON = ("{\"name\": \"psycopg2.errors.SerializationFailure\", "
            + "\"message\": \"could not serialize access due to concurrent update\", \"arguments\": "
            + "[\"could not serialize access due to concurrent update\"], \"context\": {}, \"debug\": "
            + "\"Traceback (most recent call last):\\npsycopg2.errors.SerializationFailure: could not serialize access due "
            + "to concurrent update\\n\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.stop(0);
            server = null;
        }
        executor.shutdownNow();
    }
}
