package io.odoohub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.model.MappingStore;
import io.odoohub.inbox.FlowControl;
import io.odoohub.security.CredentialStore;
import io.odoohub.security.SecretBox;
import io.odoohub.shopify.flow.ShopifyState;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.Nodes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * State rows that any node may be the first to write (a flow's pause, a credential, what Shopify has of a variant or
 * a product, a cursor, a catalog mapping), written by several nodes (connection pools) at the same moment, round after
 * round with a new row each time, on PostgreSQL and on an H2 file: no write fails on the unique key, and the row holds
 * one of the values written.
 */
class StateRowsRaceIT {

    private static final int THREADS = 6;
    private static final int ROUNDS = 25;

    @Test
    void onPostgresNoWriteFailsOnTheKey() throws Exception {
        Nodes.onPostgres(StateRowsRaceIT::race);
    }

    @Test
    void onAnH2FileNoWriteFailsOnTheKey() throws Exception {
        Nodes.onH2File("state-rows", StateRowsRaceIT::race);
    }

    private static void race(List<HubDatabase> nodes) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<FlowControl> flows = nodes.stream().map(d -> new FlowControl(d.dataSource(), Clock.systemUTC())).toList();
        List<CredentialStore> credentials = nodes.stream().map(d -> new CredentialStore(d.dataSource(), new SecretBox(key))).toList();
        List<ShopifyState> shopify = nodes.stream().map(d -> new ShopifyState(d.dataSource(), Clock.systemUTC())).toList();
        List<MappingStore> mappings = nodes.stream().map(d -> new MappingStore(d.dataSource())).toList();
        Instant resumeAt = Instant.parse("2030-01-01T00:00:00Z");
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String flow = "flow-" + round;
                atOnce(threads, i -> () -> flows.get(i % 3).pause(flow, "quota " + i, "node " + i, resumeAt));
                FlowControl.State paused = flows.get(round % 3).state(flow);
                assertThat(paused.paused()).isTrue();
                assertThat(paused.reason()).startsWith("quota ");

                String name = "race." + round;
                atOnce(threads, i -> () -> credentials.get(i % 3).put(name, "secret " + i));
                assertThat(credentials.get(round % 3).get(name)).hasValueSatisfying(v -> assertThat(v).startsWith("secret "));

                long variant = 1000L + round;
                long product = 2000L + round;
                long item = 3000L + round;
                String cursor = "import.race-" + round;
                atOnce(threads, i -> () -> {
                    shopify.get(i % 3).recordVariants(List.of(new ShopifyState.Variant(variant, product, item, i + ".00", i, null)));
                    shopify.get(i % 3).recordDescriptions(Map.of(product, "<p>" + i + "</p>"));
                    shopify.get(i % 3).saveCursor(cursor, "cursor " + i);
                });
                assertThat(shopify.get(round % 3).variants(List.of(variant)).get(variant).productId()).isEqualTo(product);
                assertThat(shopify.get(round % 3).descriptions(List.of(product))).containsKey(product);
                assertThat(shopify.get(round % 3).cursor("import.race-" + round)).hasValueSatisfying(v -> assertThat(v).startsWith("cursor "));

                String category = "Category " + round;
                atOnce(threads, i -> () -> mappings.get(i % 3).saveCategory(category, 10 + i, "All / " + i));
                assertThat(mappings.get(round % 3).categoryIds()).containsKey(category);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Runs each thread's write, all released at the same moment; a write that threw fails the test. */
    private static void atOnce(ExecutorService threads, IntFunction<Runnable> write) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Runnable r = write.apply(i);
            Callable<Object> c = () -> {
                start.await();
                r.run();
                return null;
            };
            futures.add(threads.submit(c));
        }
        start.countDown();
        for (Future<Object> f : futures) {
            f.get();
        }
    }
}
