package io.odoohub.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of Shopify's GraphQL Admin API on loopback, as PROTOCOLS.md and Shopify's docs describe it:
 * {@code POST /admin/api/<version>/graphql.json} with {@code X-Shopify-Access-Token} (else 401); a cost bucket per
 * app and store (maximumAvailable, restoreRate per second) reported in every answer's
 * {@code extensions.cost.throttleStatus}; a call costing more than what is available answers the error code
 * THROTTLED and changes nothing; HTTP 429 with Retry-After on demand. The fake's costs: 10 points per mutation plus
 * one per input item (variant, quantity), a query 2 points plus one per requested node (Shopify's calculated cost
 * grows with the objects a call touches). Mutations change an in-memory shop; inventorySetQuantities requires
 * changeFromQuantity on every quantity (2026-04+) and an @idempotent key, and refuses a stale changeFromQuantity.
 */
public final class FakeShopifyAdmin implements AutoCloseable {

    public static final String VERSION = "2026-10";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String token;
    private final double maximum;
    private final double restoreRate;
    private double available;
    private long lastRefill = System.nanoTime();

    public final Map<String, String> variantPrices = new ConcurrentHashMap<>();
    public final Map<String, String> descriptions = new ConcurrentHashMap<>();
    public final Map<String, Integer> inventory = new ConcurrentHashMap<>();
    private final Set<String> idempotencyKeys = new HashSet<>();
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger throttledAnswers = new AtomicInteger();
    public final AtomicInteger tooManyRequests = new AtomicInteger();
    public final AtomicInteger inventoryMutationsApplied = new AtomicInteger();
    private final AtomicInteger force429 = new AtomicInteger();
    /** The shop's records as GraphQL nodes, served by the customers, products and orders connections. */
    public final java.util.List<ObjectNode> customerNodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final java.util.List<ObjectNode> productNodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final java.util.List<ObjectNode> orderNodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The {@code after} cursors of the pages asked for, per connection ("customers:null", "orders:cursor:100", ...). */
    public final java.util.List<String> pagesAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String failPage;
    private volatile String retryAfter = "1";

    public FakeShopifyAdmin(String token, double maximumAvailable, double restoreRate) throws IOException {
        this.token = token;
        this.maximum = maximumAvailable;
        this.restoreRate = restoreRate;
        this.available = maximumAvailable;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/admin/api/" + VERSION + "/graphql.json", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code n} calls answer 429 with this Retry-After (seconds; null sends none). */
    void answer429(int n, String retryAfterSeconds) {
        retryAfter = retryAfterSeconds;
        force429.set(n);
    }

    /** Milliseconds each page of a connection takes to answer (0: at once), so a test can stop the hub mid-import. */
    public volatile long pageDelayMs;

    /** The page of this connection after this cursor ("orders:cursor:100") answers 500 once, as an outage would. */
    public void failOnce(String page) {
        failPage = page;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            calls.incrementAndGet();
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "{\"errors\":\"method not allowed\"}");
                return;
            }
            if (!token.equals(ex.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
                send(ex, 401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
                return;
            }
            if (force429.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                tooManyRequests.incrementAndGet();
                if (retryAfter != null) {
                    ex.getResponseHeaders().add("Retry-After", retryAfter);
                }
                send(ex, 429, "{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}");
                return;
            }
            JsonNode request = JSON.readTree(ex.getRequestBody());
            String query = request.path("query").asText();
            JsonNode variables = request.path("variables");
            String page = pageKey(query, variables);
            if (page != null && page.equals(failPage)) {
                failPage = null;
                send(ex, 500, "{\"errors\":\"Internal error\"}");
                return;
            }
            int cost = cost(query, variables);
            ObjectNode answer = JSON.createObjectNode();
            synchronized (this) {
                refill();
                if (cost > available) {
                    throttledAnswers.incrementAndGet();
                    ArrayNode errors = answer.putArray("errors");
                    ObjectNode e = errors.addObject();
                    e.put("message", "Throttled");
                    e.putObject("extensions").put("code", "THROTTLED")
                            .put("documentation", "https://shopify.dev/api/usage/rate-limits");
                    putCost(answer, cost, null);
                    send(ex, 200, JSON.writeValueAsString(answer));
                    return;
                }
                available -= cost;
                ObjectNode data = answer.putObject("data");
                String error = apply(query, variables, data);
                if (error != null) {
                    answer.remove("data");
                    answer.putArray("errors").addObject().put("message", error);
                }
                putCost(answer, cost, cost);
            }
            send(ex, 200, JSON.writeValueAsString(answer));
        }
    }

    private int cost(String query, JsonNode variables) {
        if (query.trim().startsWith("mutation")) {
            int items = variables.path("variants").size() + variables.path("input").path("quantities").size();
            return 10 + items;
        }
        return 2 + variables.path("first").asInt(1);
    }

    /** Changes the shop; answers an error message for a malformed call (nothing changed), else null. */
    private String apply(String query, JsonNode variables, ObjectNode data) {
        if (query.contains("productVariantsBulkUpdate(")) {
            ObjectNode result = data.putObject("productVariantsBulkUpdate");
            ArrayNode out = result.putArray("productVariants");
            for (JsonNode v : variables.path("variants")) {
                variantPrices.put(v.path("id").asText(), v.path("price").asText());
                out.addObject().put("id", v.path("id").asText()).put("price", v.path("price").asText());
            }
            result.putArray("userErrors");
        } else if (query.contains("productUpdate(")) {
            JsonNode p = variables.path("product");
            descriptions.put(p.path("id").asText(), p.path("descriptionHtml").asText());
            ObjectNode result = data.putObject("productUpdate");
            result.putObject("product").put("id", p.path("id").asText());
            result.putArray("userErrors");
        } else if (query.contains("inventorySetQuantities(")) {
            if (!query.contains("@idempotent")) {
                return "inventorySetQuantities requires the @idempotent directive";
            }
            String key = variables.path("idempotencyKey").asText();
            ObjectNode result = data.putObject("inventorySetQuantities");
            ArrayNode userErrors = JSON.createArrayNode();
            JsonNode quantities = variables.path("input").path("quantities");
            for (JsonNode q : quantities) {
                if (!q.has("changeFromQuantity")) {
                    return "Variable $input of type InventorySetQuantitiesInput! was provided invalid value for quantities.changeFromQuantity (Expected value to not be null)";
                }
            }
            if (!idempotencyKeys.contains(key)) {
                for (JsonNode q : quantities) {
                    JsonNode from = q.get("changeFromQuantity");
                    String where = q.path("inventoryItemId").asText() + "@" + q.path("locationId").asText();
                    if (!from.isNull() && from.asInt() != inventory.getOrDefault(where, 0)) {
                        userErrors.addObject().put("code", "CHANGE_FROM_QUANTITY_STALE").put("message",
                                "The changeFromQuantity argument no longer matches the persisted quantity.");
                    }
                }
                if (userErrors.isEmpty()) {
                    for (JsonNode q : quantities) {
                        inventory.put(q.path("inventoryItemId").asText() + "@" + q.path("locationId").asText(), q.path("quantity").asInt());
                    }
                    idempotencyKeys.add(key);
                    inventoryMutationsApplied.incrementAndGet();
                }
            }
            if (userErrors.isEmpty()) {
                result.putObject("inventoryAdjustmentGroup").put("id", "gid://shopify/InventoryAdjustmentGroup/" + Math.abs(key.hashCode()));
            } else {
                result.putNull("inventoryAdjustmentGroup");
            }
            result.set("userErrors", userErrors);
        } else if (query.contains("Count")) {
            String field = query.contains("customersCount") ? "customersCount" : query.contains("productsCount") ? "productsCount" : "ordersCount";
            java.util.List<ObjectNode> nodes = field.startsWith("customers") ? customerNodes : field.startsWith("products") ? productNodes
                    : filtered(orderNodes, variables.path("query").asText(""));
            data.putObject(field).put("count", nodes.size()).put("precision", "EXACT");
        } else if (pageKey(query, variables) != null) {
            String connection = query.contains("customers(") ? "customers" : query.contains("products(") ? "products" : "orders";
            pagesAsked.add(pageKey(query, variables));
            if (pageDelayMs > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(pageDelayMs * 1_000_000L);
            }
            java.util.List<ObjectNode> nodes = connection.equals("customers") ? customerNodes : connection.equals("products") ? productNodes
                    : filtered(orderNodes, variables.path("query").asText(""));
            int from = variables.path("after").isTextual() ? Integer.parseInt(variables.path("after").asText().substring(7)) : 0;
            int first = Math.min(250, variables.path("first").asInt(50));
            ObjectNode result = data.putObject(connection);
            ArrayNode out = result.putArray("nodes");
            for (int i = from; i < Math.min(nodes.size(), from + first); i++) {
                out.add(nodes.get(i));
            }
            int end = Math.min(nodes.size(), from + first);
            result.putObject("pageInfo").put("hasNextPage", end < nodes.size()).put("endCursor", "cursor:" + end);
        } else {
            return "Field is not defined in this fake: " + query.substring(0, Math.min(60, query.length()));
        }
        return null;
    }

    private static String pageKey(String query, JsonNode variables) {
        if (query.trim().startsWith("mutation") || query.contains("Count")) {
            return null;
        }
        String connection = query.contains("customers(") ? "customers" : query.contains("products(") ? "products"
                : query.contains("orders(") ? "orders" : null;
        return connection == null ? null : connection + ":" + (variables.path("after").isTextual() ? variables.path("after").asText() : "null");
    }

    /** Shopify's search syntax, as much as the import uses: created_at:>=DATE created_at:<=DATE. */
    private static java.util.List<ObjectNode> filtered(java.util.List<ObjectNode> orders, String search) {
        String min = null;
        String max = null;
        for (String term : search.split(" ")) {
            if (term.startsWith("created_at:>=")) {
                min = term.substring(13);
            } else if (term.startsWith("created_at:<=")) {
                max = term.substring(13);
            }
        }
        java.util.List<ObjectNode> out = new java.util.ArrayList<>();
        for (ObjectNode o : orders) {
            String day = o.path("createdAt").asText().substring(0, 10);
            if ((min == null || day.compareTo(min) >= 0) && (max == null || day.compareTo(max) <= 0)) {
                out.add(o);
            }
        }
        return out;
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(maximum, available + (now - lastRefill) / 1e9 * restoreRate);
        lastRefill = now;
    }

    private void putCost(ObjectNode answer, int requested, Integer actual) {
        ObjectNode cost = answer.putObject("extensions").putObject("cost");
        cost.put("requestedQueryCost", requested);
        if (actual == null) {
            cost.putNull("actualQueryCost");
        } else {
            cost.put("actualQueryCost", actual);
        }
        cost.putObject("throttleStatus").put("maximumAvailable", maximum).put("currentlyAvailable", Math.floor(available))
                .put("restoreRate", restoreRate);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
