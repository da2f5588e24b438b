package io.odoohub.catalog.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mapping profile kept as a file beside the routes ({@code routes/catalog-field-mappings.json}), so integrators
 * can version it: a JSON array of field mappings in the API's shape. At start its mappings are saved over the
 * stored ones of the same local field; a bad file stops the start with the reason.
 */
public final class MappingProfile {

    private static final Logger LOG = LoggerFactory.getLogger(MappingProfile.class);

    private MappingProfile() {
    }

    public static void loadIfPresent(Path file, MappingStore store) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        JsonNode root = Json.INTERNAL.readTree(Files.readString(file));
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("mapping profile " + file + " must be a JSON array of field mappings");
        }
        int n = 0;
        for (JsonNode m : root) {
            String local = m.path("local_field").asText(null);
            String odoo = m.path("odoo_field").asText(null);
            if (local == null || odoo == null || !CatalogProduct.FIELDS.contains(local)) {
                throw new IllegalArgumentException("mapping profile " + file + ": entry " + (n + 1) + " needs a catalog local_field and an odoo_field");
            }
            store.save(new FieldMapping(0, local, odoo, m.path("odoo_model").asText(FieldMapping.MODEL), m.path("mapping_type").asText("direct"),
                    m.hasNonNull("transform") ? m.get("transform").asText() : null, m.path("is_bidirectional").asBoolean(false),
                    m.path("is_required").asBoolean(false), m.path("is_active").asBoolean(true), m.path("priority").asInt(10),
                    m.path("owner").asText("hub")));
            n++;
        }
        LOG.info("Mapping profile {}: {} field mapping(s) applied", file, n);
    }
}
