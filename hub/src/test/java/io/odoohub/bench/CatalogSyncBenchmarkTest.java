package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiClient;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.flow.CatalogSync;
import io.odoohub.catalog.model.ProductFields;
import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.OdooClient;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's sync at 10,000 products, through the real runtime and its API against the sandbox: a bulk export
 * (POST /api/v1/odoo/bulk-sync, batch 500), the same export again with nothing changed, and an import of 10,000
 * products made in Odoo (POST /api/v1/odoo/import, pages of 500). Prints wall time, XML-RPC requests and peak heap.
 * Run: mvn -B -Pbench test -Dtest=CatalogSyncBenchmarkTest
 */
@Tag("benchmark")
class CatalogSyncBenchmarkTest {

    private static final int PRODUCTS = 10_000;
    private static final int BATCH = 500;
    private static final String ADMIN = "catalog-bench-admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void export10kTwiceAndImport10k() throws Exception {
        try (OdooSandbox odoo = SandboxClients.start();
             HubRuntime hub = HubRuntime.start(dataDir, Map.of("hub.odoo.url", odoo.url(), "hub.odoo.db", SandboxClients.DB,
                     "hub.odoo.username", SandboxClients.LOGIN, "hub.odoo.api-key", SandboxClients.KEY, "hub.admin-token", ADMIN,
                     "hub.console.enabled", "false"))) {
            ApiClient api = new ApiClient(hub.httpPort());
            CatalogStore store = hub.bean("catalogStore", CatalogStore.class);
            Instant now = Instant.now();
            for (int from = 0; from < PRODUCTS; from += 1000) {
                List<CatalogProduct> chunk = new ArrayList<>();
                for (int i = from; i < from + 1000; i++) {
                    chunk.add(ProductFields.apply(null, Map.of("title", "Bench product " + i, "ean", String.valueOf(4_000_000_000_000L + i),
                            "supplier_reference", "B" + i, "price", (10 + i % 90) + ".99", "weight", "0.5",
                            "description", "Benchmark row " + i, "supplier_id", "7"), now));
                }
                store.saveAll(chunk);
            }

            for (String phase : List.of("first", "unchanged")) {
                Figures.resetPeakHeap();
                long before = odoo.requestCount();
                long t0 = System.nanoTime();
                runAndWait(hub, api, CatalogSync.EXPORT_FLOW, "/api/v1/odoo/bulk-sync",
                        "{\"filters\": {\"supplier_id\": 7}, \"batch_size\": " + BATCH + ", \"sync_images\": false}");
                double seconds = (System.nanoTime() - t0) / 1e9;
                long calls = odoo.requestCount() - before;
                String name = "catalog bulk export " + PRODUCTS + " products (" + phase + "), batch " + BATCH;
                Figures.report(name + ": wall time s", String.format("%.2f", seconds));
                Figures.report(name + ": Odoo XML-RPC requests", calls + " (target <= "
                        + (phase.equals("first") ? (PRODUCTS + BATCH - 1) / BATCH + 10 : 3) + ")");
                Figures.report(name + ": peak heap MiB (hub and sandbox in one JVM)", Figures.peakHeapMib());
                assertThat(store.countBound()).isEqualTo(PRODUCTS);
            }

            int categ;
            try (OdooClient client = SandboxClients.client(odoo)) {
                categ = client.create("product.category", List.of(Map.of("name", "Bench import")), null).get(0);
                for (int from = 0; from < PRODUCTS; from += 1000) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (int i = from; i < from + 1000; i++) {
                        rows.add(Map.of("name", "Odoo product " + i, "default_code", "O" + i, "barcode", String.valueOf(5_000_000_000_000L + i),
                                "list_price", 5.5 + i % 50, "categ_id", categ));
                    }
                    client.create("product.template", rows, null);
                }
            }
            Figures.resetPeakHeap();
            long before = odoo.requestCount();
            long t0 = System.nanoTime();
            runAndWait(hub, api, CatalogSync.IMPORT_FLOW, "/api/v1/odoo/import",
                    "{\"odoo_filters\": {\"categ_id\": [" + categ + "]}, \"create_missing\": true, \"update_existing\": true, \"batch_size\": " + BATCH + "}");
            double seconds = (System.nanoTime() - t0) / 1e9;
            String name = "catalog import " + PRODUCTS + " products from Odoo, pages of " + BATCH;
            Figures.report(name + ": wall time s", String.format("%.2f", seconds));
            Figures.report(name + ": Odoo XML-RPC requests", odoo.requestCount() - before);
            Figures.report(name + ": peak heap MiB (hub and sandbox in one JVM)", Figures.peakHeapMib());
            assertThat(store.count()).isEqualTo(2L * PRODUCTS);
        }
    }

    /** Calls the endpoint and waits until the flow's inbox has nothing pending. */
    private static void runAndWait(HubRuntime hub, ApiClient api, String flow, String path, String body) throws Exception {
        Inbox inbox = hub.bean("inbox", Inbox.class);
        HttpResponse<String> r = api.send("POST", path, ADMIN, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = ApiClient.json(r);
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> inbox.depth(flow) == 0);
        assertThat(inbox.countsByStatus(flow)).doesNotContainKeys("dead", "failed");
        assertThat(answer.get("batch_id").asText()).isNotBlank();
    }
}
