package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's file export at 10,000 products against a bare client, in one run, on one Odoo target (the sandbox by
 * default; the real Odoo 18 with {@code -Dodoo.target=real} and the {@code odoo.*} properties, see the README's
 * Measured section): first a bare XML-RPC client sends the products as {@code product.template.load} calls of 500
 * rows, the columns the hub sends; then, on a pristine Odoo again, the hub is given the same products as a dropped CSV
 * file and timed from the drop until every row is in Odoo (all its inbox events done). Both go through the same
 * {@link io.odoohub.testsupport.OdooProxy}, which counts their calls. Prints both times, their ratio (target: the hub
 * within 10% of the bare client), the calls and records per second.
 */
@Tag("benchmark")
class CatalogFileExportBenchmarkTest {

    private static final int PRODUCTS = 10_000;
    private static final int BATCH = 500;
    private static final List<String> FIELDS = List.of("id", "name", "barcode", "description_sale", "list_price", "weight", "default_code");

    @TempDir
    Path dataDir;

    @Test
    void fileOf10kProductsAgainstABareClientMakingTheSameLoads() throws Exception {
        String target = TestOdoo.real() ? "real Odoo 18" : "sandbox";

        double bareSeconds;
        long bareCalls;
        Map<String, Long> bareByMethod;
        try (TestOdoo odoo = TestOdoo.start();
             OdooClient bare = new OdooClient(new XmlRpcTransport(URI.create(odoo.url()), TransportSettings.defaults()), odoo.db(),
                     odoo.login(), odoo.key())) {
            odoo.resetCounters();
            long t0 = System.nanoTime();
            for (int from = 0; from < PRODUCTS; from += BATCH) {
                List<List<String>> rows = new ArrayList<>(BATCH);
                for (int i = from; i < Math.min(PRODUCTS, from + BATCH); i++) {
                    rows.add(List.of("catalog.product_F" + i, title(i), ean(i), description(i), price(i), "0.5", "F" + i));
                }
                OdooClient.LoadResponse r = bare.load("product.template", FIELDS, rows, Map.of("tracking_disable", true));
                assertThat(r.rejected()).as("bare load from row %d: %s", from, r.messages()).isFalse();
            }
            bareSeconds = (System.nanoTime() - t0) / 1e9;
            bareCalls = odoo.requestCount();
            bareByMethod = odoo.callsByMethod();
            assertThat(benchProducts(odoo)).isEqualTo(PRODUCTS);
        }

        double hubSeconds;
        long hubCalls;
        Map<String, Long> hubByMethod;
        try (TestOdoo odoo = TestOdoo.start(); HubRuntime hub = HubRuntime.start(dataDir, odoo.hubSettings())) {
            Inbox inbox = hub.bean("inbox", Inbox.class);
            Path file = Files.createTempFile(dataDir, "bench", ".tmp");
            StringBuilder csv = new StringBuilder("supplier_reference,title,ean,description,price,weight\n");
            for (int i = 0; i < PRODUCTS; i++) {
                csv.append("F").append(i).append(',').append(title(i)).append(',').append(ean(i)).append(',').append(description(i))
                        .append(',').append(price(i)).append(",0.5\n");
            }
            Files.writeString(file, csv);
            odoo.resetCounters();
            long t0 = System.nanoTime();
            Files.move(file, dataDir.resolve("drop/products/bench-10k.csv"), StandardCopyOption.ATOMIC_MOVE);
            // one count a quarter second: the hub's H2 is the one the drain writes, and a busy poll would slow it
            Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<String, Long> counts = inbox.countsByStatus(CatalogProductFlow.FLOW);
                return counts.getOrDefault("done", 0L) == PRODUCTS || counts.containsKey("dead");
            });
            hubSeconds = (System.nanoTime() - t0) / 1e9;
            hubCalls = odoo.requestCount();
            hubByMethod = odoo.callsByMethod();
            assertThat(inbox.countsByStatus(CatalogProductFlow.FLOW)).containsOnly(Map.entry("done", (long) PRODUCTS));
            assertThat(benchProducts(odoo)).isEqualTo(PRODUCTS);
        }

        double ratio = hubSeconds / bareSeconds;
        String name = "catalog file export " + PRODUCTS + " products, " + target;
        Figures.report(name + ": bare client (load, batch " + BATCH + ") wall time s", String.format("%.2f", bareSeconds));
        Figures.report(name + ": bare client records/s", String.format("%.0f", PRODUCTS / bareSeconds));
        Figures.report(name + ": bare client Odoo requests", bareCalls + " " + bareByMethod);
        Figures.report(name + ": hub (file dropped until all in Odoo) wall time s", String.format("%.2f", hubSeconds));
        Figures.report(name + ": hub records/s", String.format("%.0f", PRODUCTS / hubSeconds));
        Figures.report(name + ": hub Odoo requests", hubCalls + " " + hubByMethod);
        Figures.report(name + ": hub / bare client", String.format("%.3f (target <= 1.10: %s)", ratio, ratio <= 1.10 ? "met" : "not met"));
    }

    private static long benchProducts(TestOdoo odoo) {
        return ((Number) odoo.client().execute("product.template", "search_count", List.of(List.of(List.of("default_code", "=like", "F%"))),
                Map.of())).longValue();
    }

    private static String title(int i) {
        return "Bench product " + i;
    }

    private static String ean(int i) {
        return String.valueOf(4_000_000_000_000L + i);
    }

    private static String description(int i) {
        return "Benchmark row " + i;
    }

    private static String price(int i) {
        return (10 + i % 90) + ".99";
    }
}
