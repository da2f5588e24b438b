package io.odoohub.pardot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of Pardot (Account Engagement) v5 and its Salesforce OAuth token endpoint, on loopback, faithful to
 * PROTOCOLS.md: bearer token plus {@code Pardot-Business-Unit-Id} (181 missing, 201 wrong), 184 for an unknown or
 * expired token, {@code fields} required, {@code limit} up to 1,000 (52 beyond), {@code nextPageToken} chains (210
 * once expired, 211 when unknown), a daily limit (122), at most 5 requests at once (66), read lag (a write is not
 * seen by queries for {@link #readLag}), error bodies {@code {"code": N, "message": "..."}} with HTTP 400/401/404/405,
 * never 429. Tests can queue error codes for the next API requests.
 */
public final class FakePardot implements AutoCloseable {

    public static final String BU = "0Uv000000000001AAA";
    public static final String CLIENT_ID = "fake-client-id";
    public static final String CLIENT_SECRET = "fake-client-secret";
    public static final String REFRESH_TOKEN = "fake-refresh-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OBJECTS = Set.of("prospects", "visitor-activities", "list-memberships", "lists");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final Map<String, Map<Long, ObjectNode>> objects = new ConcurrentHashMap<>();
    private final Map<Long, Instant> visibleAt = new ConcurrentHashMap<>();
    private final Map<String, PageChain> chains = new ConcurrentHashMap<>();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Deque<Integer> queuedErrors = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);
    /** Requests counted in flight, until their answer starts (an exchange's attributes are its context's, shared). */
    private static final Map<HttpExchange, AtomicInteger> COUNTED = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    public final AtomicLong apiRequests = new AtomicLong();
    public final AtomicLong tokenRequests = new AtomicLong();
    public final List<String> requestLog = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile Duration readLag = Duration.ZERO;

    /** Every prospect written so far shows in queries (their read lag has run out). */
    boolean allReadable() {
        Instant now = Instant.now();
        return visibleAt.values().stream().noneMatch(t -> t.isAfter(now));
    }
    public volatile long dailyLimit = 100_000;
    public volatile Duration responseDelay = Duration.ZERO;
    /** Every API request with the moment it came: what the cluster tests count per period. */
    public final List<Request> timedLog = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The next API request whose line contains the key is answered only after the wait (a slow run, once). */
    private final java.util.concurrent.ConcurrentHashMap<String, Duration> slowOnce = new java.util.concurrent.ConcurrentHashMap<>();

    /** One API request: when it came, and its method and URI. */
    public record Request(java.time.Instant at, String line) {
    }

    /** The next API request whose method and URI contain {@code key} waits {@code wait} before its answer. */
    public void slowNext(String key, Duration wait) {
        slowOnce.put(key, wait);
    }
    public volatile boolean refreshTokenRevoked;
    private final AtomicLong callsToday = new AtomicLong();
    private Instant lastTouch = Instant.EPOCH;

    private record PageChain(String object, Map<String, String> params, int offset, Instant issuedAt, boolean[] expired) {
    }

    public FakePardot() throws IOException {
        for (String o : OBJECTS) {
            objects.put(o, new ConcurrentHashMap<>());
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(pool);
        server.createContext("/services/oauth2/token", this::token);
        server.createContext("/api/v5/objects/", this::api);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUrl() {
        return baseUrl() + "/services/oauth2/token";
    }

    // ------------------------------------------------------------------ data set-up

    public synchronized ObjectNode addProspect(String email, String firstName, String lastName, String company, String phone, int score, String grade) {
        ObjectNode p = JSON.createObjectNode();
        p.put("email", email);
        p.put("firstName", firstName);
        p.put("lastName", lastName);
        p.put("company", company);
        p.put("phone", phone);
        p.put("score", score);
        p.put("grade", grade);
        p.putNull("country");
        p.putNull("industry");
        p.putNull("lastActivityAt");
        return put("prospects", p);
    }

    synchronized ObjectNode updateProspect(long id, Map<String, Object> values) {
        ObjectNode p = objects.get("prospects").get(id);
        values.forEach((k, v) -> p.set(k, JSON.valueToTree(v)));
        touch(p);
        return p;
    }

    synchronized void deleteProspect(long id) {
        ObjectNode p = objects.get("prospects").get(id);
        p.put("isDeleted", true);
        touch(p);
    }

    synchronized long addList(String name) {
        ObjectNode l = JSON.createObjectNode();
        l.put("name", name);
        return put("lists", l).get("id").asLong();
    }

    synchronized ObjectNode addMembership(long listId, long prospectId) {
        ObjectNode m = JSON.createObjectNode();
        m.put("listId", listId);
        m.put("prospectId", prospectId);
        m.put("optedOut", false);
        return put("list-memberships", m);
    }

    synchronized void removeMembership(long membershipId) {
        ObjectNode m = objects.get("list-memberships").get(membershipId);
        m.put("isDeleted", true);
        touch(m);
    }

    public synchronized ObjectNode addActivity(long prospectId, int type, String typeName, String details, Long emailTemplateId) {
        ObjectNode a = JSON.createObjectNode();
        a.put("prospectId", prospectId);
        a.put("type", type);
        a.put("typeName", typeName);
        a.put("details", details);
        if (emailTemplateId == null) {
            a.putNull("emailTemplateId");
        } else {
            a.put("emailTemplateId", emailTemplateId);
        }
        a.putNull("formId");
        return put("visitor-activities", a);
    }

    public ObjectNode prospect(long id) {
        return objects.get("prospects").get(id);
    }

    List<ObjectNode> all(String object) {
        return new ArrayList<>(objects.get(object).values());
    }

    /** The next API requests answer these codes, in order (one each). */
    public synchronized void failNext(int... codes) {
        for (int c : codes) {
            queuedErrors.add(c);
        }
    }

    /** Every page token issued so far expires (code 210 on use), as after 4 hours. */
    public void expirePageTokens() {
        chains.values().forEach(c -> c.expired()[0] = true);
    }

    /** The access tokens issued so far stop working (code 184), as when they expire. */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    void resetDailyCount() {
        callsToday.set(0);
    }

    private ObjectNode put(String object, ObjectNode o) {
        long id = ids.incrementAndGet();
        o.put("id", id);
        o.put("createdAt", Instant.now().toString());
        o.put("isDeleted", false);
        touch(o);
        objects.get(object).put(id, o);
        return o;
    }

    private synchronized void touch(ObjectNode o) {
        // a microsecond apart at least, so updatedAt orders writes as they were made (no test has to wait for the clock)
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (!now.isAfter(lastTouch)) {
            now = lastTouch.plus(1, java.time.temporal.ChronoUnit.MICROS);
        }
        lastTouch = now;
        o.put("updatedAt", now.toString());
        visibleAt.put(o.get("id").asLong(), Instant.now().plus(readLag));
    }

    // ------------------------------------------------------------------ HTTP

    private void token(HttpExchange ex) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = params(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"POST".equals(ex.getRequestMethod()) || !"refresh_token".equals(form.get("grant_type"))) {
            send(ex, 400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type not supported\"}");
        } else if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            send(ex, 400, "{\"error\":\"invalid_client_id\",\"error_description\":\"client identifier invalid\"}");
        } else if (refreshTokenRevoked || !REFRESH_TOKEN.equals(form.get("refresh_token"))) {
            send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}");
        } else {
            String token = "00D-fake-" + UUID.randomUUID();
            accessTokens.add(token);
            send(ex, 200, "{\"access_token\":\"" + token + "\",\"scope\":\"pardot_api refresh_token\",\"instance_url\":\""
                    + baseUrl() + "\",\"token_type\":\"Bearer\",\"issued_at\":\"" + System.currentTimeMillis() + "\"}");
        }
    }

    private void api(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        apiRequests.incrementAndGet();
        try {
            String line = ex.getRequestMethod() + " " + ex.getRequestURI();
            requestLog.add(line);
            timedLog.add(new Request(java.time.Instant.now(), line));
            if (!responseDelay.isZero()) {
                Thread.sleep(responseDelay.toMillis());
            }
            for (String key : slowOnce.keySet()) {
                Duration wait = line.contains(key) ? slowOnce.remove(key) : null;
                if (wait != null) {
                    Thread.sleep(wait.toMillis());
                }
            }
            COUNTED.put(ex, inFlight);
            answer(ex, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 500, "{\"code\":183,\"message\":\"Internal error: " + e + "\"}");
        } finally {
            AtomicInteger counted = COUNTED.remove(ex);
            if (counted != null) {
                counted.decrementAndGet();
            }
        }
    }

    private void answer(HttpExchange ex, int concurrent) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !accessTokens.contains(auth.substring(7))) {
            error(ex, 401, 184, "access_token is invalid, unknown, or malformed: Inactive token");
            return;
        }
        String bu = ex.getRequestHeaders().getFirst("Pardot-Business-Unit-Id");
        if (bu == null) {
            error(ex, 400, 181, "Business Unit ID header is missing");
            return;
        }
        if (!BU.equals(bu)) {
            error(ex, 400, 201, "Invalid Business Unit ID");
            return;
        }
        if (concurrent > 5) {
            error(ex, 400, 66, "Too many concurrent API requests. Limit is 5.");
            return;
        }
        if (callsToday.incrementAndGet() > dailyLimit) {
            error(ex, 400, 122, "Daily API rate limit met.");
            return;
        }
        Integer queued;
        synchronized (this) {
            queued = queuedErrors.poll();
        }
        if (queued != null) {
            error(ex, queued == 184 ? 401 : 400, queued, "queued test error " + queued);
            return;
        }
        String[] path = ex.getRequestURI().getPath().substring("/api/v5/objects/".length()).split("/");
        String object = path[0];
        if (!OBJECTS.contains(object)) {
            error(ex, 404, 0, "Not found");
            return;
        }
        String method = ex.getRequestMethod();
        Map<String, String> params = params(ex.getRequestURI().getRawQuery());
        if (path.length == 1 && "GET".equals(method)) {
            query(ex, object, params);
        } else if (path.length == 1 && "POST".equals(method)) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            ObjectNode created;
            synchronized (this) {
                created = put(object, (ObjectNode) body);
            }
            send(ex, 201, created.toString());
        } else if (path.length == 2 && Set.of("GET", "PATCH", "DELETE").contains(method)) {
            one(ex, object, Long.parseLong(path[1]), method);
        } else {
            error(ex, 405, 60, "Method not allowed for this endpoint");
        }
    }

    private synchronized void one(HttpExchange ex, String object, long id, String method) throws IOException {
        ObjectNode o = objects.get(object).get(id);
        if (o == null || o.path("isDeleted").asBoolean()) {
            error(ex, 404, 0, "Object not found");
            return;
        }
        switch (method) {
            case "GET" -> send(ex, 200, o.toString());
            case "PATCH" -> {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                body.fields().forEachRemaining(e -> o.set(e.getKey(), e.getValue()));
                touch(o);
                send(ex, 200, o.toString());
            }
            default -> {
                o.put("isDeleted", true);
                touch(o);
                ex.sendResponseHeaders(204, -1);
                ex.close();
            }
        }
    }

    private void query(HttpExchange ex, String object, Map<String, String> params) throws IOException {
        int offset = 0;
        String pageToken = params.get("nextPageToken");
        if (pageToken != null) {
            PageChain chain = chains.get(pageToken);
            if (chain == null) {
                error(ex, 400, 211, "Invalid nextPageToken");
                return;
            }
            if (chain.expired()[0] || chain.issuedAt().plus(Duration.ofHours(4)).isBefore(Instant.now())) {
                error(ex, 400, 210, "nextPageToken has expired");
                return;
            }
            params = chain.params();
            offset = chain.offset();
        }
        String fields = params.get("fields");
        if (fields == null || fields.isBlank()) {
            error(ex, 400, 52, "The fields parameter is required");
            return;
        }
        int limit = Integer.parseInt(params.getOrDefault("limit", "200"));
        if (limit < 1 || limit > 1000) {
            error(ex, 400, 52, "Invalid value for limit: must be between 1 and 1000");
            return;
        }
        Instant now = Instant.now();
        List<ObjectNode> matching = new ArrayList<>();
        String deleted = params.getOrDefault("deleted", "false");
        for (ObjectNode o : objects.get(object).values()) {
            if (visibleAt.getOrDefault(o.get("id").asLong(), Instant.EPOCH).isAfter(now)) {
                continue;
            }
            boolean isDeleted = o.path("isDeleted").asBoolean();
            if (deleted.equals("false") && isDeleted || deleted.equals("true") && !isDeleted) {
                continue;
            }
            if (matches(o, params)) {
                matching.add(o);
            }
        }
        Comparator<ObjectNode> order = Comparator.comparing(o -> o.path("id").asLong());
        String orderBy = params.getOrDefault("orderBy", "id");
        if (orderBy.startsWith("updatedAt")) {
            order = Comparator.<ObjectNode, Instant>comparing(o -> Instant.parse(o.get("updatedAt").asText())).thenComparing(order);
        } else if (orderBy.startsWith("createdAt")) {
            order = Comparator.<ObjectNode, Instant>comparing(o -> Instant.parse(o.get("createdAt").asText())).thenComparing(order);
        }
        matching.sort(order);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode values = out.putArray("values");
        List<String> wanted = List.of(fields.split(","));
        for (ObjectNode o : matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()))) {
            ObjectNode v = values.addObject();
            for (String f : wanted) {
                v.set(f.trim(), o.has(f.trim()) ? o.get(f.trim()) : JSON.nullNode());
            }
        }
        if (offset + limit < matching.size()) {
            String next = UUID.randomUUID().toString();
            chains.put(next, new PageChain(object, params, offset + limit, Instant.now(), new boolean[1]));
            out.put("nextPageToken", next);
            out.put("nextPageUrl", baseUrl() + "/api/v5/objects/" + object + "?nextPageToken=" + next);
        } else {
            out.putNull("nextPageToken");
            out.putNull("nextPageUrl");
        }
        send(ex, 200, out.toString());
    }

    private static boolean matches(ObjectNode o, Map<String, String> params) {
        for (Map.Entry<String, String> p : params.entrySet()) {
            String k = p.getKey();
            for (String field : List.of("updatedAt", "createdAt")) {
                Instant v = Instant.parse(o.get(field).asText());
                if (k.equals(field + "After") && !v.isAfter(Instant.parse(p.getValue()))) {
                    return false;
                }
                if (k.equals(field + "AfterOrEqualTo") && v.isBefore(Instant.parse(p.getValue()))) {
                    return false;
                }
            }
            if ((k.equals("prospectId") || k.equals("listId")) && !o.path(k).asText().equals(p.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void error(HttpExchange ex, int status, int code, String message) throws IOException {
        send(ex, status, "{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        // a request stops counting against the five at once when its answer starts, as on a server; counted until the
        // answer is written, a client that sends its next request as soon as it has the answer met a 66 now and then
        AtomicInteger counted = COUNTED.remove(ex);
        if (counted != null) {
            counted.decrementAndGet();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
