package io.odoohub.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 10,000 product.template through load over XML-RPC, in batches of 500: first as creates, then as updates. */
@Tag("benchmark")
class SandboxLoadBenchmarkTest {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxLoadBenchmarkTest.class);
    private static final List<String> FIELDS = List.of("id", "name", "default_code", "barcode", "list_price", "categ_id/id", "sale_ok");

    @Test
    void loadTenThousandProductTemplatesInBatchesOf500(TestReporter reporter) {
        try (OdooSandbox sandbox = OdooSandbox.start("127.0.0.1", 0, "hub", "admin", "admin")) {
            RpcClient rpc = new RpcClient(sandbox, "admin");
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                rows.add(List.of("catalog.sku_" + i, "Product " + i, "SKU-" + i, String.valueOf(5_400_000_000_000L + i),
                        String.valueOf(1 + i % 250) + ".99", "product.product_category_all", "1"));
            }
            long create = run(rpc, rows);
            long update = run(rpc, rows);
            String figures = String.format("load of 10,000 product.template in 20 batches of 500: create %d ms (%.0f rows/s), update %d ms "
                    + "(%.0f rows/s)", create, 10_000_000.0 / create, update, 10_000_000.0 / update);
            LOG.info(figures);
            reporter.publishEntry("figures", figures);
            assertThat(sandbox.searchRead("product.template", List.of(List.of("default_code", "=like", "SKU-%")), List.of("id")))
                    .hasSize(10_000);
            assertThat(create + update).isLessThan(60_000);
        }
    }

    @SuppressWarnings("unchecked")
    private static long run(RpcClient rpc, List<List<String>> rows) {
        long t0 = System.nanoTime();
        for (int from = 0; from < rows.size(); from += 500) {
            Map<String, Object> result = (Map<String, Object>) rpc.call("product.template", "load", FIELDS, rows.subList(from, from + 500));
            assertThat((List<?>) result.get("messages")).isEmpty();
            assertThat((List<?>) result.get("ids")).hasSize(500);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
