package io.odoohub.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of a connector's connection test (its remote system asked something cheap and read-only): whether it
 * answered as expected, one sentence for a person, and the facts it answered (shop name, business unit, customers...),
 * never a secret.
 */
public record ConnectionTest(boolean ok, String message, Map<String, Object> details) {

    public ConnectionTest {
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static ConnectionTest failed(String message) {
        return new ConnectionTest(false, message, Map.of());
    }

    /** As the API answers it: {@code ok}, {@code message} and the details beside them. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", ok);
        out.put("message", message);
        out.putAll(details);
        return out;
    }
}
