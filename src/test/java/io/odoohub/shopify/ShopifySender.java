package io.odoohub.shopify;

import io.odoohub.webhook.HmacVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
                .header("Content-Type", "application/json")
                .header("X-Shopify-Shop-Domain", "example.myshopify.com")
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Triggered-At", "2026-11-20T17:00:00Z")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (topic != null) {
            b.header("X-Shopify-Topic", topic);
        }
        if (webhookId != null) {
            b.header("X-Shopify-Webhook-Id", webhookId);
        }
        if (eventId != null) {
            b.header("X-Shopify-Event-Id", eventId);
        }
        if (signature != null) {
            b.header("X-Shopify-Hmac-Sha256", signature);
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
