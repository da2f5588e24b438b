package io.odoohub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * JSON in and out of the management API, the same shape everywhere: a JSON document on success,
 * {@code {"error": "..."}} on failure. Answers drop the request's headers, so nothing the caller sent (its token
 * included) is echoed back as a response header.
 */
public final class ApiResponses {

    public static final String JSON_TYPE = "application/json";

    private ApiResponses() {
    }

    /** Answers {@code status} with {@code {"error": message}}. The message goes to the caller: no secrets in it. */
    public static void error(Exchange e, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message == null ? "error" : message);
        json(e, status, body);
    }

    /** Answers an {@link ApiException}: {@code {"error": message}}, plus {@code "field"} when it names one. */
    public static void error(Exchange e, ApiException ex) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ex.getMessage() == null ? "error" : ex.getMessage());
        if (ex.field() != null) {
            body.put("field", ex.field());
        }
        json(e, ex.status(), body);
    }

    /** Answers {@code status} with {@code body} as JSON. */
    public static void json(Exchange e, int status, Object body) {
        json(e, status, body, Map.of());
    }

    /** Answers {@code status} with {@code body} as JSON and the given response headers (e.g. Location). */
    public static void json(Exchange e, int status, Object body, Map<String, String> responseHeaders) {
        byte[] bytes;
        try {
            bytes = Json.API.writeValueAsBytes(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("could not write a JSON answer: " + ex.getOriginalMessage(), ex);
        }
        Message m = e.getMessage();
        m.getHeaders().clear();
        m.getHeaders().putAll(responseHeaders);
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, JSON_TYPE);
        m.setBody(bytes);
    }

    /** Answers 204 No Content. */
    public static void noContent(Exchange e) {
        Message m = e.getMessage();
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        m.setBody(null);
    }

    /** The request body as a JSON object; 400 when it is missing or not a JSON object. */
    public static JsonNode readObject(Exchange e) {
        String text = e.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("a JSON object is expected in the request body");
        }
        JsonNode node;
        try {
            node = Json.API.readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException ex) {
            throw ApiException.badRequest("the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("a JSON object is expected in the request body");
        }
        return node;
    }

    /** A required text field of a JSON object; 400 naming the field when it is missing or not text. */
    public static String requiredText(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiException.invalid(field, "field '" + field + "' is required (text)");
        }
        return v.asText();
    }

    /** A path parameter ({@code {name}} in the REST path); the guard keeps these headers. */
    public static String pathParam(Exchange e, String name) {
        String v = e.getMessage().getHeader(name, String.class);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("path parameter '" + name + "' is missing");
        }
        return v;
    }
}
