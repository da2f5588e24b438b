package io.odoohub.catalog;

import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.MappingStore;
import io.odoohub.catalog.model.ProductFields;
import io.odoohub.catalog.model.Schedule;
import io.odoohub.catalog.model.ScheduleStore;
import io.odoohub.catalog.model.SyncEntry;
import io.odoohub.catalog.model.SyncHistory;
import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.PostgresServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog's tables and queries on PostgreSQL (the same code runs on H2 in the other tests). */
class CatalogPostgresIT {

    @Test
    void catalogMappingsHistoryAndSchedulesWorkOnPostgres() throws Exception {
        try (PostgresServer pg = PostgresServer.start(); HubDatabase db = HubDatabase.open(pg.jdbcUrl(), "postgres", "", 2)) {
            Instant now = Instant.parse("2026-12-01T10:00:00Z");
            CatalogStore store = new CatalogStore(db.dataSource());
            CatalogProduct p = ProductFields.apply(null, Map.of("title", "Mug", "ean", "3700123456789", "price", "12.50", "supplier_id", "15",
                    "supplier_reference", "MUG-1"), now);
            store.saveAll(List.of(p));
            store.saveAll(List.of(ProductFields.apply(p, Map.of("price", "13"), now.plusSeconds(5))));
            store.markSynced(List.of(store.get(p.id()).orElseThrow().withSync(42, "h", "{}", now.plusSeconds(6))));
            CatalogProduct read = store.byKeys(List.of("MUG-1")).get("MUG-1");
            assertThat(read.price()).isEqualByComparingTo("13");
            assertThat(read.supplierId()).isEqualTo(15L);
            assertThat(read.odooId()).isEqualTo(42);
            assertThat(store.byOdooIds(List.of(42))).containsKey(42);
            assertThat(store.ids(new CatalogStore.Filter(15L, true, now, false, false))).containsExactly(p.id());
            assertThat(store.list(new CatalogStore.Filter(null, false, null, true, false), 0, 10)).isEmpty();
            assertThat(store.countBound()).isEqualTo(1);
            // a second product under the same key is refused with the store's own message, as on H2
            CatalogProduct twin = ProductFields.apply(null, Map.of("title", "Twin", "ean", "3700123456789", "supplier_reference", "MUG-1"), now);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.saveAll(List.of(twin)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another product already has");
            assertThat(store.count()).isEqualTo(1);

            MappingStore mappings = new MappingStore(db.dataSource());
            mappings.installDefaults();
            assertThat(mappings.activeProductMappings()).extracting(FieldMapping::odooField).contains("name", "barcode").doesNotContain("x_brand");
            assertThat(mappings.saveCategory("Electronics", 5, "All / Electronics").odooCategoryId()).isEqualTo(5);
            assertThat(mappings.saveCategory("Electronics", 6, "All / Saleable / Electronics").odooCategoryId()).isEqualTo(6);

            SyncHistory history = new SyncHistory(db.dataSource());
            history.add(List.of(
                    new SyncEntry(0, p.id(), 42, "to_odoo", "create", "success", List.of("name"), 10, now, now, "bulk", null, "b1", null, null),
                    new SyncEntry(0, p.id(), null, "to_odoo", "create", "error", List.of(), 5, now, now, "bulk", 3L, "b1", "dup",
                            Map.of("odoo_error_code", "UNIQUE_VIOLATION"))));
            assertThat(history.stats()).containsEntry("total_syncs", 2L).containsEntry("success_rate", 50.0);
            assertThat(history.list(new SyncHistory.Query("error", null, "b1", null, null, 0, 10)).get(0).errorDetails())
                    .containsEntry("odoo_error_code", "UNIQUE_VIOLATION");
            assertThat(history.takeFailedOfBatch("b1")).containsExactly(p.id());
            assertThat(history.takeFailedOfBatch("b1")).isEmpty();

            ScheduleStore schedules = new ScheduleStore(db.dataSource());
            Schedule s = schedules.insert(new Schedule(0, "Daily", null, "0 6 * * *", "to_odoo", "incremental", "{}", 100, true, null, now));
            schedules.markRun(s.id(), now);
            assertThat(schedules.get(s.id()).orElseThrow().lastRunAt()).isEqualTo(now);
        }
    }
}
