package io.odoohub.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/**
 * Fetches a product image from its {@code image_url} for Odoo's {@code image_1920} (base64). A size cap protects the
 * hub's memory and Odoo; an image over it, an HTTP error or a non-image answer fails that product with the reason.
 */
public final class ImageFetcher {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final long maxBytes;

    public ImageFetcher(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public String fetchBase64(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image_url '" + url + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("image_url must be http(s): " + url);
        }
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IllegalArgumentException("image_url answered HTTP " + r.statusCode() + ": " + url);
                }
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("image/")) {
                    throw new IllegalArgumentException("image_url did not answer an image (Content-Type '" + type + "'): " + url);
                }
                long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new IllegalArgumentException("image larger than " + maxBytes + " bytes (" + declared + "): " + url);
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new IllegalArgumentException("image larger than " + maxBytes + " bytes: " + url);
                }
                return Base64.getEncoder().encodeToString(bytes);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("image_url could not be fetched (" + e.getMessage() + "): " + url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching an image");
        }
    }
}
