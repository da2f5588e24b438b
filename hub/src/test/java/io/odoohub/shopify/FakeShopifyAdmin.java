package io.odoohub.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.odoohub.shopify.client.ShopifyQueryCost;
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
 * THROTTLED and changes nothing; HTTP 429 with Retry-After on demand. A query's requested cost is Shopify's documented
 * calculation ({@link ShopifyQueryCost}: objects 1, scalars 0, a connection 2 plus {@code first} times a node, nested
 * connections multiplying); one over {@link #maxQueryCost} (Shopify: 1,000) is refused before it runs with Shopify's
 * MAX_COST_EXCEEDED error, a connection without {@code first} or with more than 250 too, and so is an input array of
 * more than 250 items. Mutations cost 10 points plus one per input item (variant, quantity). Nested lists (variants,
 * line items, shipping lines) are served as far as their {@code first} asks, with their own pageInfo, and the rest by
 * {@code product(id:)} and {@code order(id:)} queries. Mutations change an in-memory shop (the served records too);
 * inventorySetQuantities requires changeFromQuantity on every quantity (2026-04+) and an @idempotent key, and refuses a
 * stale changeFromQuantity.
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
    /** The nested-list follow-ups asked for ("product:<gid>:variants:<after>", "order:<gid>:lineItems:null", ...). */
    public final java.util.List<String> followUpsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The variants whose price a productVariantsBulkUpdate set, once per variant per call. */
    public final java.util.List<String> pricedVariants = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Mutations applied, by name ("productVariantsBulkUpdate:<product gid>", "productUpdate:<gid>", "inventorySetQuantities"). */
    public final java.util.List<String> mutations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The most a single query may cost (Shopify: 1,000); a test lowers it to see the hub ask for less. */
    public volatile int maxQueryCost = ShopifyQueryCost.MAX_SINGLE_QUERY;
    /** Queries refused with MAX_COST_EXCEEDED, and the highest requested cost of a query that ran. */
    public final AtomicInteger costRefusals = new AtomicInteger();
    public final AtomicInteger maxRequestedCost = new AtomicInteger();
    private volatile String failPage;
    /** What {@code shop { name }} answers. */
    public volatile String shopName = "Hub Test Shop";
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
    public void answer429(int n, String retryAfterSeconds) {
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
            int cost;
            try {
                cost = cost(query, variables);
            } catch (IllegalArgumentException e) {
                send(ex, 200, JSON.writeValueAsString(error(e.getMessage(), null)));
                return;
            }
            String refused = refusal(query, variables);
            if (refused != null) {
                send(ex, 200, JSON.writeValueAsString(error(refused, null)));
                return;
            }
            if (cost > maxQueryCost) {
                costRefusals.incrementAndGet();
                ObjectNode tooCostly = error("Query cost is " + cost + ", which exceeds the single query max cost limit (" + maxQueryCost + ").\n\n"
                        + "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"
                        + "cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used"
                        + " instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n", "MAX_COST_EXCEEDED");
                ((ObjectNode) tooCostly.path("errors").get(0).path("extensions")).put("cost", cost).put("maxCost", maxQueryCost)
                        .put("documentation", "https://shopify.dev/api/usage/limits#rate-limits");
                send(ex, 200, JSON.writeValueAsString(tooCostly));
                return;
            }
            if (!query.trim().startsWith("mutation")) {
                maxRequestedCost.accumulateAndGet(cost, Math::max);
            }
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
        return ShopifyQueryCost.requested(query, vars(variables));
    }

    /** Shopify's limits on a request's size: 250 records a connection, 250 items an input array. */
    private static String refusal(String query, JsonNode variables) {
        if (variables.path("variants").size() > ShopifyQueryCost.MAX_PAGE || variables.path("input").path("quantities").size() > ShopifyQueryCost.MAX_PAGE) {
            return "The input array size of " + Math.max(variables.path("variants").size(), variables.path("input").path("quantities").size())
                    + " is greater than the maximum allowed of 250.";
        }
        if (!query.trim().startsWith("mutation")) {
            String tooMany = tooManyRecords(ShopifyQueryCost.parse(query, vars(variables)).selection());
            if (tooMany != null) {
                return tooMany;
            }
        }
        return null;
    }

    private static String tooManyRecords(java.util.List<ShopifyQueryCost.Field> fields) {
        for (ShopifyQueryCost.Field f : fields) {
            Integer n = f.size();
            if (n != null && n > ShopifyQueryCost.MAX_PAGE) {
                return "The " + f.name() + " connection can return at most 250 records; " + n + " were asked for.";
            }
            String inner = tooManyRecords(f.selection());
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static ObjectNode error(String message, String code) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode e = answer.putArray("errors").addObject().put("message", message);
        if (code != null) {
            e.putObject("extensions").put("code", code);
        }
        return answer;
    }

    /** Changes the shop; answers an error message for a malformed call (nothing changed), else null. */
    private String apply(String query, JsonNode variables, ObjectNode data) {
        if (query.contains("productVariantsBulkUpdate(")) {
            ObjectNode result = data.putObject("productVariantsBulkUpdate");
            ArrayNode out = result.putArray("productVariants");
            mutations.add("productVariantsBulkUpdate:" + variables.path("productId").asText());
            for (JsonNode v : variables.path("variants")) {
                variantPrices.put(v.path("id").asText(), v.path("price").asText());
                pricedVariants.add(v.path("id").asText());
                ObjectNode served = variantNode(v.path("id").asText());
                if (served != null) {
                    served.put("price", v.path("price").asText());
                }
                out.addObject().put("id", v.path("id").asText()).put("price", v.path("price").asText());
            }
            result.putArray("userErrors");
        } else if (query.contains("productUpdate(")) {
            JsonNode p = variables.path("product");
            descriptions.put(p.path("id").asText(), p.path("descriptionHtml").asText());
            mutations.add("productUpdate:" + p.path("id").asText());
            productNodes.stream().filter(n -> n.path("id").asText().equals(p.path("id").asText())).findFirst()
                    .ifPresent(n -> n.put("descriptionHtml", p.path("descriptionHtml").asText()));
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
                        ObjectNode served = variantOfItem(q.path("inventoryItemId").asText());
                        if (served != null) {
                            served.put("inventoryQuantity", q.path("quantity").asInt());
                        }
                    }
                    mutations.add("inventorySetQuantities");
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
        } else if (query.contains("shop {")) {
            data.putObject("shop").put("name", shopName).put("myshopifyDomain", "hub-test.myshopify.com").put("currencyCode", "EUR")
                    .put("ianaTimezone", "Europe/Brussels");
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
            ShopifyQueryCost.Field field = rootField(query, variables);
            ShopifyQueryCost.Field selected = field.child("nodes");
            int from = offset(variables.path("after"));
            int first = field.size();
            ObjectNode result = data.putObject(connection);
            ArrayNode out = result.putArray("nodes");
            for (int i = from; i < Math.min(nodes.size(), from + first); i++) {
                out.add(served(nodes.get(i), selected));
            }
            int end = Math.min(nodes.size(), from + first);
            result.putObject("pageInfo").put("hasNextPage", end < nodes.size()).put("endCursor", "cursor:" + end);
        } else if (query.contains("product(id:") || query.contains("order(id:")) {
            // the rest of one record's nested list
            ShopifyQueryCost.Field owner = rootField(query, variables);
            ShopifyQueryCost.Field list = owner.selection().get(0);
            String id = variables.path("id").asText();
            followUpsAsked.add(owner.name() + ":" + id + ":" + list.name() + ":" + (variables.path("after").isTextual() ? variables.path("after").asText() : "null"));
            ObjectNode record = (owner.name().equals("product") ? productNodes : orderNodes).stream()
                    .filter(n -> n.path("id").asText().equals(id)).findFirst().orElse(null);
            if (record == null) {
                data.putNull(owner.name());
            } else {
                ObjectNode slice = data.putObject(owner.name()).putObject(list.name());
                page(record.path(list.name()).path("nodes"), list, offset(variables.path("after")), slice);
            }
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

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> vars(JsonNode variables) {
        return variables.isObject() ? JSON.convertValue(variables, java.util.Map.class) : java.util.Map.of();
    }

    private static ShopifyQueryCost.Field rootField(String query, JsonNode variables) {
        return ShopifyQueryCost.parse(query, vars(variables)).selection().get(0);
    }

    private static int offset(JsonNode after) {
        return after.isTextual() ? Integer.parseInt(after.asText().substring(after.asText().indexOf(':') + 1)) : 0;
    }

    /** A stored record as a page serves it: its nested lists cut at the {@code first} the query asks for, with pageInfo. */
    private static ObjectNode served(ObjectNode stored, ShopifyQueryCost.Field selected) {
        ObjectNode copy = stored.deepCopy();
        if (selected == null) {
            return copy;
        }
        for (ShopifyQueryCost.Field f : selected.selection()) {
            if (f.isConnection() && copy.path(f.name()).path("nodes").isArray()) {
                JsonNode all = copy.path(f.name()).path("nodes");
                page(all, f, 0, copy.putObject(f.name()));
            }
        }
        return copy;
    }

    /** Fills {@code into} with the slice of {@code all} a connection field asks for from {@code from}, and its pageInfo. */
    private static void page(JsonNode all, ShopifyQueryCost.Field connection, int from, ObjectNode into) {
        int end = Math.min(all.size(), from + connection.size());
        ArrayNode nodes = into.putArray("nodes");
        for (int i = from; i < end; i++) {
            nodes.add(all.get(i).deepCopy());
        }
        into.putObject("pageInfo").put("hasNextPage", end < all.size()).put("endCursor", connection.name() + ":" + end);
    }

    private ObjectNode variantNode(String gid) {
        for (ObjectNode p : productNodes) {
            for (JsonNode v : p.path("variants").path("nodes")) {
                if (v.path("id").asText().equals(gid)) {
                    return (ObjectNode) v;
                }
            }
        }
        return null;
    }

    private ObjectNode variantOfItem(String itemGid) {
        for (ObjectNode p : productNodes) {
            for (JsonNode v : p.path("variants").path("nodes")) {
                if (v.path("inventoryItem").path("id").asText().equals(itemGid)) {
                    return (ObjectNode) v;
                }
            }
        }
        return null;
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
