package io.odoohub.shopify;

import io.odoohub.shopify.flow.ShopifyWebhookRoute;
import io.odoohub.webhook.HmacVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Sends webhooks as Shopify does: the topic and ids in headers, the body signed with base64 HMAC-SHA256. */
public final class ShopifySender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final String secret;

    public ShopifySender(int port, String secret) {
        this.uri = URI.create("http://127.0.0.1:" + port + ShopifyWebhookRoute.PATH);
        this.secret = secret;
    }

    static String sign(String secret, String body) {
        return HmacVerifier.sign(secret, body.getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.BASE64);
    }

    /** The headers Shopify sends with a delivery (a null value leaves that header out). */
    public static Map<String, String> headers(String topic, String webhookId, String eventId, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-Shopify-Shop-Domain", "example.myshopify.com");
        h.put("X-Shopify-API-Version", "2026-10");
        h.put("X-Shopify-Triggered-At", "2026-11-20T17:00:00Z");
        if (topic != null) {
            h.put("X-Shopify-Topic", topic);
        }
        if (webhookId != null) {
            h.put("X-Shopify-Webhook-Id", webhookId);
        }
        if (eventId != null) {
            h.put("X-Shopify-Event-Id", eventId);
        }
        if (signature != null) {
            h.put("X-Shopify-Hmac-Sha256", signature);
        }
        return h;
    }

    /** The headers of a first delivery of {@code body}: fresh ids, signed with this sender's secret. */
    public Map<String, String> firstDelivery(String topic, String body) {
        return headers(topic, UUID.randomUUID().toString(), UUID.randomUUID().toString(), sign(secret, body));
    }

    /** A first delivery: fresh webhook and event ids. */
    public HttpResponse<String> send(String topic, String body) throws Exception {
        return send(topic, body, UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }

    public HttpResponse<String> send(String topic, String body, String webhookId, String eventId) throws Exception {
        return send(topic, body, webhookId, eventId, sign(secret, body));
    }

    public HttpResponse<String> send(String topic, String body, String webhookId, String eventId, String signature, String... extraHeaders)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers(topic, webhookId, eventId, signature).forEach(b::header);
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
