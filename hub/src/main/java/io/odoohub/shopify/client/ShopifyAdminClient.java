package io.odoohub.shopify.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.error.Pacer;
import io.odoohub.support.Json;
import io.odoohub.support.Text;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraphQL Admin API ({@code POST .../admin/api/<version>/graphql.json}, header {@code X-Shopify-Access-Token}).
 * It is paced by the cost bucket through the shared {@link Pacer}: each answer's {@code extensions.cost.throttleStatus}
 * tells what is left and how fast it refills, and a call whose estimated cost (the last requested cost of that
 * operation, scaled by its number of items) is not available waits first. The client sends each call once and
 * classifies the answer; it neither sleeps nor loops. A THROTTLED answer (nothing done) tells the pacer the bucket
 * again and the pacer sends the call once it has its requested cost; an HTTP 429 holds the pacer for
 * {@code Retry-After} (seconds, maybe fractional, 1 s when missing). So it is throttled at most once in a row unless
 * another client drains the same bucket; a call still refused after {@value #MAX_SENDS} sends is thrown retryable,
 * with the wait Shopify asked for as its "come back after" ({@link Pacer#paced}). A query Shopify refuses for its size
 * ({@code MAX_COST_EXCEEDED}) throws {@link ShopifyQueryCostException}: the caller asks for less.
 */
public final class ShopifyAdminClient {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyAdminClient.class);
    private static final int MAX_SENDS = 8;

    private final HttpClient http;
    private final URI endpoint;
    private final String token;
    private final Clock clock;
    private final Pacer pacer;
    private final Map<String, double[]> costPerItem = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private volatile int consecutiveThrottles;
    private volatile int maxConsecutiveThrottles;

    public ShopifyAdminClient(String graphqlUrl, String token, Clock clock, Pacer.Sleeper sleeper) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the Shopify access token is not configured (SHOPIFY_ACCESS_TOKEN or credential shopify.access-token)");
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.endpoint = URI.create(graphqlUrl);
        this.token = token;
        this.clock = clock;
        this.pacer = Pacer.costBucket(clock, sleeper);
    }

    /**
     * Runs one query or mutation and answers its {@code data}. {@code items} is the number of things it carries
     * (variants, quantities, page size), for the cost estimate.
     */
    public JsonNode execute(String operation, String document, Map<String, ?> variables, int items) {
        try {
            return pacer.paced(estimate(operation, items), MAX_SENDS, () -> sendOnce(operation, document, variables, items));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyApiException("interrupted while waiting for Shopify's rate limit", 0, true, e);
        }
    }

    /**
     * Sends the call once and classifies Shopify's answer: its {@code data}, {@link Pacer.Throttled} when the rate limit
     * refused it (nothing done: the pacer sends it again), or a {@link ShopifyApiException} (retryable or not).
     */
    private JsonNode sendOnce(String operation, String document, Map<String, ?> variables, int items) throws Pacer.Throttled {
        HttpResponse<String> response = send(document, variables);
        calls.incrementAndGet();
        if (response.statusCode() == 429) {
            throw throttled(operation, Duration.ofMillis(retryAfterMillis(response)), "HTTP 429", 429, estimate(operation, items));
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ShopifyApiException("Shopify refused the access token (" + response.statusCode() + ") for " + operation,
                    response.statusCode(), false, null);
        }
        if (response.statusCode() >= 500) {
            throw new ShopifyApiException("Shopify answered " + response.statusCode() + " to " + operation, response.statusCode(), true, null);
        }
        if (response.statusCode() != 200) {
            throw new ShopifyApiException("Shopify answered " + response.statusCode() + " to " + operation + ": " + Text.preview(response.body(), 300),
                    response.statusCode(), false, null);
        }
        JsonNode root = parse(response.body());
        JsonNode answerCost = root.path("extensions").path("cost");
        noteCost(operation, items, answerCost);
        if (isThrottled(root)) {
            // the bucket the answer told is in the pacer: the call goes again once it holds the requested cost
            double cost = answerCost.path("requestedQueryCost").asDouble(10);
            Pacer.Bucket b = pacer.bucket();
            Duration wait = Duration.ofMillis(b == null ? 1000 : Math.max(b.waitMillisFor(cost, clock.instant()), 50));
            throw throttled(operation, wait, "THROTTLED", 200, cost);
        }
        consecutiveThrottles = 0;
        JsonNode tooCostly = errorWithCode(root, "MAX_COST_EXCEEDED");
        if (tooCostly != null) {
            JsonNode ext = tooCostly.path("extensions");
            throw new ShopifyQueryCostException("Shopify refused " + operation + ": its requested cost " + ext.path("cost").asInt()
                    + " is over the single query maximum " + ext.path("maxCost").asInt(), ext.path("cost").asInt(), ext.path("maxCost").asInt());
        }
        if (root.path("errors").isArray() && !root.path("errors").isEmpty()) {
            throw new ShopifyApiException("Shopify refused " + operation + ": " + Text.preview(root.path("errors").toString(), 300), 200, false, null);
        }
        return root.path("data");
    }

    /** The operation's estimated cost for this many items, from its earlier answers (0 before any: no wait). */
    private double estimate(String operation, int items) {
        double[] known = costPerItem.get(operation);
        return known == null ? 0 : known[0] + known[1] * Math.max(0, items);
    }

    /** Learns fixed + per-item cost of an operation from its requested costs (two points make a line). */
    private void noteCost(String operation, int items, JsonNode cost) {
        JsonNode t = cost.path("throttleStatus");
        if (t.isObject()) {
            pacer.observe(new Pacer.Bucket(t.path("maximumAvailable").asDouble(), t.path("currentlyAvailable").asDouble(),
                    t.path("restoreRate").asDouble(), clock.instant()));
        }
        if (cost.has("requestedQueryCost")) {
            double requested = cost.path("requestedQueryCost").asDouble();
            costPerItem.compute(operation, (k, old) -> {
                if (old == null || old[2] == items || items == 0) {
                    // one observation: assume the cost grows with the items
                    return new double[] {0, items == 0 ? 0 : requested / items, items, requested};
                }
                double perItem = Math.max(0, (requested - old[3]) / (items - old[2]));
                double fixed = Math.max(0, requested - perItem * items);
                return new double[] {fixed, perItem, items, requested};
            });
        }
    }

    /**
     * Shopify did nothing and asked for {@code wait}: counted, logged, and handed to the pacer, which holds every call
     * that long and sends this one again; after {@value #MAX_SENDS} sends it throws the call retryable, to come back
     * after that wait.
     */
    private Pacer.Throttled throttled(String operation, Duration wait, String how, int status, double cost) {
        throttled.incrementAndGet();
        consecutiveThrottles++;
        maxConsecutiveThrottles = Math.max(maxConsecutiveThrottles, consecutiveThrottles);
        LOG.info("Shopify {} on {}: the pacer holds calls {} ms", how, operation, wait.toMillis());
        return new Pacer.Throttled(wait, cost,
                new ShopifyApiException("Shopify kept answering " + how + " to " + operation, status, true, null, wait));
    }

    private static boolean isThrottled(JsonNode root) {
        return errorWithCode(root, "THROTTLED") != null;
    }

    private static JsonNode errorWithCode(JsonNode root, String code) {
        for (JsonNode e : root.path("errors")) {
            if (code.equals(e.path("extensions").path("code").asText())) {
                return e;
            }
        }
        return null;
    }

    static long retryAfterMillis(HttpResponse<?> response) {
        String v = response.headers().firstValue("Retry-After").orElse("");
        try {
            double seconds = Double.parseDouble(v.trim());
            return Math.max(0, Math.min(60_000, (long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private HttpResponse<String> send(String document, Map<String, ?> variables) {
        try {
            String body = Json.SHOPIFY_ADMIN.writeValueAsString(Map.of("query", document, "variables", variables));
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("X-Shopify-Access-Token", token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ShopifyApiException("Shopify unreachable: " + e.getMessage(), 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyApiException("interrupted while calling Shopify", 0, true, e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.SHOPIFY_ADMIN.readTree(body);
        } catch (IOException e) {
            throw new ShopifyApiException("Shopify answered something that is not JSON: " + Text.preview(body, 300), 200, true, e);
        }
    }

    public long calls() {
        return calls.get();
    }

    public long throttled() {
        return throttled.get();
    }

    public int maxConsecutiveThrottles() {
        return maxConsecutiveThrottles;
    }

    public long waitedMillis() {
        return pacer.waitedMillis();
    }

    public Pacer.Bucket lastStatus() {
        return pacer.bucket();
    }
}
