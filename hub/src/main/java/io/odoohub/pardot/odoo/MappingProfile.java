package io.odoohub.pardot.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import io.odoohub.pardot.client.PardotJson;

/**
 * The custom field mapping profile ({@code routes/pardot-field-mappings.json}, the seed's {@code pardot_field_mappings}):
 * Pardot prospect field -> crm.lead field. Target fields starting with {@code x_} are created in Odoo when missing.
 * Read at start; a bad file stops the start with the reason.
 */
public record MappingProfile(Map<String, String> prospectToLead) {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    static MappingProfile empty() {
        return new MappingProfile(Map.of());
    }

    public static MappingProfile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        JsonNode root = PardotJson.readOrNull(Files.readString(file));
        if (root == null || !root.path("prospect").isObject()) {
            throw new IllegalArgumentException("mapping profile " + file + " must be a JSON object with a \"prospect\" object of"
                    + " \"pardotField\": \"odoo_field\" pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("prospect").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String target = e.getValue().asText("");
            if (!FIELD.matcher(e.getKey()).matches() || !FIELD.matcher(target).matches()) {
                throw new IllegalArgumentException("mapping profile " + file + ": '" + e.getKey() + "' -> '" + target
                        + "' is not a pair of field names");
            }
            if (LeadMapper.OWNED.contains(target)) {
                throw new IllegalArgumentException("mapping profile " + file + ": " + target + " is written by the connector itself");
            }
            map.put(e.getKey(), target);
        }
        return new MappingProfile(Map.copyOf(map));
    }
}
