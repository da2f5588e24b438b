package io.odoohub.pardot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.webhook.BoundedJson;

/** The one JSON mapper of the connector, with read limits (answers and callbacks come from outside). */
final class PardotJson {

    static final ObjectMapper JSON = BoundedJson.mapper(32, 5_000_000);

    private PardotJson() {
    }

    static JsonNode readOrNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
