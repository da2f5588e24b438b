package io.odoohub.observe;

import io.odoohub.support.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSTs each notification as a small JSON object:
 * {@code {"kind", "flow", "message", "at", "details": {...}, "text"}} ({@code text} repeats the message, so that chat
 * webhooks such as Slack's or Mattermost's show it as is). Any 2xx answer counts as delivered.
 */
public final class WebhookChannel implements NotificationChannel {

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookChannel(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        // chat webhooks carry their secret in the path: only scheme, host and port are shown
        return "webhook " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public void send(Notification n) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", n.kind());
        body.put("flow", n.flow());
        body.put("message", n.message());
        body.put("at", n.at().toString());
        body.put("details", n.details());
        body.put("text", n.message());
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.INTERNAL.writeValueAsBytes(body))).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(name() + " answered HTTP " + response.statusCode());
        }
    }
}
