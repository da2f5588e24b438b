package io.odoohub.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.testsupport.RealOdoo;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BadRowIsolationContract} against the real Odoo 18 named by {@code -Dodoo.url} etc. (see {@link RealOdoo}).
 * Its {@code load} retries a refused batch row by row, then also pins the batch's error on the batch's first record.
 */
class BadRowIsolationOdoo18IT extends BadRowIsolationContract {

    private static final Logger LOG = LoggerFactory.getLogger("benchmark");

    @Override
    OdooClient client() {
        // that row-by-row retry makes a refused call of 500 products take 45 s on 2 idle cores, close to the hub's
        // 60 s read timeout; this test is about which rows fail, not about that timeout
        return RealOdoo.client(TransportSettings.defaults().withReadTimeout(Duration.ofMinutes(4))
                .withCallDeadline(Duration.ofMinutes(5)));
    }

    @Override
    int innocentsBlamed() {
        return 1;
    }

    @Override
    int mostBlamedPerCall() {
        return 10;
    }

    /** Calls and time for 0, 1 and 5 duplicate barcodes in a batch of 500. Run: mvn -Pbench verify -Dit.test=... */
    @Test
    @Tag("benchmark")
    void callsForNoneOneAndFiveBadRowsInFiveHundred() {
        for (List<Integer> bad : List.of(List.<Integer>of(), List.of(250), List.of(3, 120, 250, 251, 470))) {
            run = UUID.randomUUID().toString().substring(0, 8); // new products each round: creates, not updates
            String taken = existingBarcode();
            List<LoadRecord> records = products(BATCH);
            bad.forEach(i -> records.set(i, product(i, taken, "10.5", "product.product_category_all")));
            long requests = odoo.requestCount();
            long t0 = System.nanoTime();
            BatchResult result = new OdooBatchWriter(odoo, BATCH).load("product.template", FIELDS, records, CONTEXT);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(result.failures()).extracting(RowFailure::index).containsExactlyElementsOf(bad);
            LOG.info("FIGURE bad-row isolation, {} bad of {} (Odoo 18): {} load calls, {} requests, {} s",
                    bad.size(), BATCH, result.calls(), odoo.requestCount() - requests, String.format("%.1f", seconds));
        }
    }
}
