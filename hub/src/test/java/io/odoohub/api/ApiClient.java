package io.odoohub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the management API in tests. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Duration timeout;

    public ApiClient(int port) {
        this(port, Duration.ofSeconds(20));
    }

    /** With a longer wait for each answer: an endpoint that works synchronously against a real Odoo (a job run). */
    public ApiClient(int port, Duration timeout) {
        this.base = "http://127.0.0.1:" + port;
        this.timeout = timeout;
    }

    public HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String token, String body) throws IOException, InterruptedException {
        return send(method, path, token, body, Map.of());
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Issues a token through the API with an admin token and returns it in clear. */
    public String issue(String adminToken, String name, Role role) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/api/v1/tokens", adminToken,
                "{\"name\": \"" + name + "\", \"role\": \"" + role.wireName() + "\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("could not issue token " + name + ": " + r.statusCode() + " " + r.body());
        }
        return json(r).get("token").asText();
    }
}
