package io.odoohub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.HubProcess;
import io.odoohub.testsupport.Ports;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 500 signed events at about 50 per second, 10% of them duplicates; the runtime process is killed with SIGKILL at
 * a random moment and started again on the same data directory. The sender retries what was not acknowledged,
 * as Shopify would. Afterwards every event is in Odoo exactly once: 0 lost, 0 duplicated. The hub process talks to
 * the Odoo (the sandbox or the real server) through the proxy, so a write Odoo is busy with when the hub dies is
 * finished by Odoo and must not be written twice after the restart.
 */
@Tag(TestOdoo.TAG)
class CrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);
    private static final String SECRET = "crash-test-secret";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 22, 33})
    void killedAtARandomMomentLosesAndDuplicatesNothing(long seed) throws Exception {
        Random random = new Random(seed);
        List<String[]> events = new ArrayList<>(); // {event id, sku}
        for (int i = 0; i < 450; i++) {
            events.add(new String[] {"crash-" + seed + "-" + i, "C" + seed + "-" + i});
        }
        for (int i = 0; i < 50; i++) {
            events.add(events.get(random.nextInt(450)).clone()); // a second delivery of an earlier event
        }
        Collections.shuffle(events, random);
        long killAfterMs = 1000 + random.nextInt(8000);

        try (TestOdoo odoo = TestOdoo.start()) {
            Map<String, String> env = new HashMap<>(odoo.hubEnvironment());
            env.put("HUB_DATA_DIR", dir.resolve("data-" + seed).toString());
            env.put("HUB_CATALOG_WEBHOOK_SECRET", SECRET);
            env.put("HUB_CONSOLE_ENABLED", "false");
            env.put("HUB_CONSOLE_PORT", String.valueOf(Ports.free()));
            try (HubProcess hub = new HubProcess(dir, Ports.free(), env)) {
                hub.start();
                Webhooks webhooks = new Webhooks(hub.httpPort(), SECRET);
                ExecutorService sender = Executors.newSingleThreadExecutor();
                Set<String> acknowledged = new HashSet<>();
                Future<?> sending = sender.submit(() -> {
                    long start = System.nanoTime();
                    for (int i = 0; i < events.size(); i++) {
                        String[] e = events.get(i);
                        // about 50 per second
                        long due = start + i * 20_000_000L;
                        LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                        while (true) { // a sender retries until it is acknowledged
                            try {
                                HttpResponse<String> r = webhooks.send(e[0], Webhooks.product(e[1], "Crash " + e[1], "1", null));
                                if (r.statusCode() == 200) {
                                    synchronized (acknowledged) {
                                        acknowledged.add(e[0]);
                                    }
                                    break;
                                }
                            } catch (Exception down) {
                                // the runtime is down or restarting
                            }
                            LockSupport.parkNanos(50_000_000L);
                        }
                    }
                    return null;
                });
                LockSupport.parkNanos(killAfterMs * 1_000_000L);
                int before;
                synchronized (acknowledged) {
                    before = acknowledged.size();
                }
                hub.kill();
                LOG.info("seed {}: SIGKILL after {} ms with {} event(s) acknowledged", seed, killAfterMs, before);
                hub.start();
                sending.get(120, TimeUnit.SECONDS);
                sender.shutdownNow();

                Set<String> skus = new HashSet<>();
                for (String[] e : events) {
                    skus.add(e[1]);
                }
                assertThat(skus).hasSize(450);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> codes(odoo, seed).size() == 450);
                List<String> codes = codes(odoo, seed);
                assertThat(new HashSet<>(codes)).as("no duplicated record").hasSize(codes.size());
                assertThat(new HashSet<>(codes)).as("no lost record").isEqualTo(skus);
            }
        }
    }

    private static List<String> codes(TestOdoo odoo, long seed) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : odoo.searchRead("product.template", List.of(List.of("default_code", "=like", "C" + seed + "-%")),
                List.of("default_code"))) {
            out.add((String) r.get("default_code"));
        }
        return out;
    }
}
