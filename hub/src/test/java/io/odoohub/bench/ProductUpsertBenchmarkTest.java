package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.odoo.BatchResult;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.SandboxClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Upsert 10,000 products into the sandbox through odoo:product.template?operation=load (batch 500), first as
 * creates, then again as updates. Prints records/s, XML-RPC requests and peak heap. Run: mvn -B -Pbench test
 */
@Tag("benchmark")
class ProductUpsertBenchmarkTest {

    private static final int PRODUCTS = 10_000;
    private static final int BATCH = 500;

    @Test
    void upsert10kProducts() throws Exception {
        try (OdooSandbox sandbox = SandboxClients.start(); CamelContext context = new DefaultCamelContext()) {
            context.addComponent("odoo", SandboxClients.component(sandbox));
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            String uri = "odoo:product.template?operation=load&batchSize=" + BATCH;

            for (String phase : List.of("create", "update")) {
                List<Map<String, Object>> rows = new ArrayList<>(PRODUCTS);
                for (int i = 0; i < PRODUCTS; i++) {
                    rows.add(Map.of("id", "bench.p" + i, "name", "Bench product " + i + " " + phase,
                            "default_code", "B" + i, "barcode", String.valueOf(4_000_000_000_000L + i),
                            "list_price", String.valueOf(10 + i % 90) + ".99", "description_sale", "Benchmark row " + i));
                }
                Figures.resetPeakHeap();
                long requestsBefore = sandbox.requestCount();
                long t0 = System.nanoTime();
                BatchResult result = template.requestBody(uri, rows, BatchResult.class);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long requests = sandbox.requestCount() - requestsBefore;
                assertThat(result.writtenCount()).isEqualTo(PRODUCTS);

                Figures.report("upsert " + PRODUCTS + " products (" + phase + "), batch " + BATCH + ": records/s",
                        String.format("%.0f", PRODUCTS / seconds));
                Figures.report("upsert " + PRODUCTS + " products (" + phase + "): wall time s", String.format("%.2f", seconds));
                Figures.report("upsert " + PRODUCTS + " products (" + phase + "): XML-RPC requests (incl. authenticate)", requests
                        + " (target <= " + ((PRODUCTS + BATCH - 1) / BATCH + 5) + ")");
                Figures.report("upsert " + PRODUCTS + " products (" + phase + "): peak heap MiB (hub and sandbox in one JVM)",
                        Figures.peakHeapMib());
                assertThat(requests).isLessThanOrEqualTo((PRODUCTS + BATCH - 1) / BATCH + 5);
            }
        }
    }
}
