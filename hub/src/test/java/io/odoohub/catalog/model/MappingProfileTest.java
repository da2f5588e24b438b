package io.odoohub.catalog.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.store.HubDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping profile kept as a file overrides the stored mapping of the same local field at start. */
class MappingProfileTest {

    @TempDir
    Path dir;

    @Test
    void aProfileFileIsAppliedOverTheDefaultsAndABadOneIsRefused() throws Exception {
        try (HubDatabase db = HubDatabase.open(HubDatabase.h2Url(dir), "", "", 2)) {
            MappingStore store = new MappingStore(db.dataSource());
            store.installDefaults();
            assertThat(store.fieldMappings()).hasSize(9);
            Path profile = Files.writeString(dir.resolve("catalog-field-mappings.json"), """
                    [{"local_field": "title", "odoo_field": "name", "mapping_type": "direct", "is_bidirectional": true,
                      "is_required": true, "priority": 1, "owner": "odoo"},
                     {"local_field": "brand_name", "odoo_field": "x_brand", "mapping_type": "custom", "is_active": false}]""");
            MappingProfile.loadIfPresent(profile, store);
            assertThat(store.fieldMappings()).hasSize(9)
                    .filteredOn(m -> m.localField().equals("title")).singleElement().satisfies(m -> assertThat(m.owner()).isEqualTo("odoo"));
            MappingProfile.loadIfPresent(dir.resolve("absent.json"), store);

            Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"local_field\": \"colour\", \"odoo_field\": \"x_colour\"}]");
            assertThatThrownBy(() -> MappingProfile.loadIfPresent(bad, store)).hasMessageContaining("entry 1");
        }
    }
}
