package io.odoohub.testsupport;

import io.odoohub.webhook.HmacVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends signed catalog webhooks as an integrator's system would. */
public final class Webhooks {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final String secret;

    public Webhooks(int port, String secret) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/webhooks/catalog/products");
        this.secret = secret;
    }

    public HttpResponse<String> send(String eventId, String json) throws Exception {
        return send(eventId, json, signature(secret, json));
    }

    /** The X-Hub-Signature-256 header of {@code json} signed with {@code secret}. */
    public static String signature(String secret, String json) {
        return "sha256=" + HmacVerifier.sign(secret, json.getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.HEX);
    }

    public HttpResponse<String> send(String eventId, String json, String signature, String... extraHeaders) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (eventId != null) {
            b.header("X-Hub-Event-Id", eventId);
        }
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String product(String sku, String title, String price, String category) {
        // the catalog's default mappings require an EAN (the seed's table): one derived from the SKU
        String ean = "20" + String.format("%011d", Math.floorMod((long) sku.hashCode(), 100_000_000_000L));
        return "{\"supplier_reference\":\"" + sku + "\",\"title\":\"" + title + "\",\"ean\":\"" + ean + "\",\"price\":\"" + price + "\""
                + (category == null ? "" : ",\"category\":\"" + category + "\"") + "}";
    }
}
