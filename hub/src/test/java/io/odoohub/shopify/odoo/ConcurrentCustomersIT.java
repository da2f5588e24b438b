package io.odoohub.shopify.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.model.ShopifyCustomer;
import io.odoohub.testsupport.TestOdoo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two nodes applying, at the same moment, two events that need the same new customer (a customers/create on one, the
 * order of that customer on the other): each writes the partner under the same external id in one {@code load}, and
 * Odoo's unique external id lets one of them create it. The other's write fails or finds it; a failed one, tried again
 * as the inbox does, finds the partner. Afterwards each customer is one partner in Odoo.
 */
@Tag(TestOdoo.TAG)
class ConcurrentCustomersIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentCustomersIT.class);
    private static final int CUSTOMERS = 15;

    @Test
    void twoWritersOfTheSameNewCustomerLeaveOnePartner() throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        try (TestOdoo odoo = TestOdoo.start()) {
            OdooClient client = odoo.client();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            int refused = 0;
            try {
                for (int i = 0; i < CUSTOMERS; i++) {
                    long id = 770_000_000L + Math.abs(run.hashCode() % 1000) * 1000L + i;
                    ShopifyCustomer customer = new ShopifyCustomer(id, "race-" + run + "-" + i + "@example.com", "Race", "Customer " + i, null,
                            List.of(), null, null, Instant.now());
                    String key = "customer_" + id;
                    CyclicBarrier together = new CyclicBarrier(2);
                    List<Future<Boolean>> writers = new ArrayList<>();
                    for (CustomerWriter.Mode mode : List.of(CustomerWriter.Mode.FULL, CustomerWriter.Mode.ENSURE)) {
                        writers.add(pool.submit(() -> {
                            CustomerWriter w = new CustomerWriter(client, new ExternalIds(client, "shopify"));
                            together.await(30, TimeUnit.SECONDS);
                            try {
                                w.write(Map.of(key, customer), mode);
                                return true;
                            } catch (RuntimeException e) {
                                LOG.info("{} write of {} refused ({}); the inbox tries it again", mode, key, e.getMessage());
                                w.write(Map.of(key, customer), mode);
                                return false;
                            }
                        }));
                    }
                    for (Future<Boolean> f : writers) {
                        refused += f.get(5, TimeUnit.MINUTES) ? 0 : 1;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            LOG.info("{} customers written by two writers at once; {} write(s) refused and tried again", CUSTOMERS, refused);
            List<Map<String, Object>> partners = odoo.searchRead("res.partner", List.of(List.of("email", "like", "race-" + run + "-")),
                    List.of("email"));
            assertThat(partners.stream().map(p -> p.get("email")).distinct().count()).as("every customer").isEqualTo(CUSTOMERS);
            assertThat(partners).as("no customer twice").hasSize(CUSTOMERS);
            List<Object> ids = partners.stream().map(p -> p.get("id")).toList();
            List<Map<String, Object>> bindings = odoo.searchRead("ir.model.data", List.of(List.of("model", "=", "res.partner"),
                    List.of("res_id", "in", ids)), List.of("module", "name", "res_id"));
            assertThat(bindings).as("each partner bound once, under its customer's external id").hasSize(CUSTOMERS)
                    .allSatisfy(b -> assertThat(b.get("module") + "." + b.get("name")).startsWith("shopify.customer_77"));
        }
    }
}
