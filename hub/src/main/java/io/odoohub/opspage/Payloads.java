package io.odoohub.opspage;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A dead letter's payload as an operator reads it: JSON pretty-printed with the values of secret-looking keys
 * (password, token, secret, api key, authorization, ...) replaced, anything else as it came. The page escapes the text.
 */
final class Payloads {

    static final String HIDDEN = "•••• (hidden)";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|apikey|authorization|credential|private[_-]?key|signature|hmac).*");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200)
                .maxStringLength(20_000_000).build());
    }

    private Payloads() {
    }

    /** Pretty JSON with secrets hidden, or the text as it is when it is not JSON (a CSV row, a file's content). */
    static String readable(String payload) {
        if (payload == null) {
            return "";
        }
        String trimmed = payload.trim();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return payload;
        }
        try {
            JsonNode tree = JSON.readTree(trimmed);
            hideSecrets(tree);
            return JSON.writeValueAsString(tree);
        } catch (Exception notJson) {
            return payload;
        }
    }

    private static void hideSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (SECRET_KEY.matcher(f.getKey()).matches() && (f.getValue().isValueNode() && !f.getValue().isNull())) {
                    f.setValue(object.textNode(HIDDEN));
                } else {
                    hideSecrets(f.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(Payloads::hideSecrets);
        }
    }
}
