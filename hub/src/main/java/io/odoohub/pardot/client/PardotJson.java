package io.odoohub.pardot.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.support.Json;

/** The connector's JSON reading and writing, with {@link Json#PARDOT}'s read limits (answers and callbacks come from outside). */
public final class PardotJson {

    private PardotJson() {
    }

    public static JsonNode readOrNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Json.PARDOT.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String write(Object o) {
        try {
            return Json.PARDOT.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
