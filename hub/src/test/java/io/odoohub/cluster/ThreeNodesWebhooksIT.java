package io.odoohub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.shopify.Fixtures;
import io.odoohub.shopify.ShopifySender;
import io.odoohub.testsupport.HubProcess;
import io.odoohub.testsupport.PostgresServer;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three runtimes (a JVM each, the distributed jar) on one PostgreSQL and one Odoo, behind no balancer but the test's
 * round robin: 600 signed webhooks (300 Shopify customers, 300 catalog products) at about 60 a second, one in ten
 * delivered a second time to another node, and one node killed with SIGKILL at a random moment and not started
 * again. As a sender does, a delivery a node did not acknowledge (refused connection, no 200) goes to the next node.
 * Afterwards every event is in Odoo exactly once, none is left pending in the inbox, and there is no dead letter.
 */
@Tag(TestOdoo.TAG)
class ThreeNodesWebhooksIT {

    private static final Logger LOG = LoggerFactory.getLogger(ThreeNodesWebhooksIT.class);
    private static final String SHOPIFY_SECRET = "fake-shopify-secret-three_nodes";
    private static final String CATALOG_SECRET = "catalog-webhook-secret-three-nodes";
    private static final int EACH = 300;

    @TempDir
    Path dir;

    @Test
    void everyEventOnceInOdooWithDuplicatesAcrossNodesAndANodeKilled() throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        try (PostgresServer pg = PostgresServer.start(); TestOdoo odoo = TestOdoo.start()) {
            Map<String, String> env = new HashMap<>(odoo.hubEnvironment());
            env.put("HUB_CONSOLE_ENABLED", "false");
            env.put("HUB_INBOX_LEASE_SECONDS", "10");
            env.put("SHOPIFY_SHOP", "example.myshopify.com");
            env.put("SHOPIFY_CLIENT_SECRET", SHOPIFY_SECRET);
            env.put("HUB_CATALOG_WEBHOOK_SECRET", CATALOG_SECRET);
            List<HubProcess> nodes = HubProcess.cluster(dir, 3, pg, env);
            try {
                List<Delivery> deliveries = deliveries(run);
                Random random = new Random();
                int killAt = 100 + random.nextInt(400);
                int victim = random.nextInt(3);
                AtomicInteger acknowledged = new AtomicInteger();
                AtomicInteger redirected = new AtomicInteger();
                List<String> lost = new CopyOnWriteArrayList<>();
                // each delivery at its moment, about 60 a second, on a pool (as Shopify's senders are many)
                ScheduledExecutorService senders = Executors.newScheduledThreadPool(12);
                long start = System.nanoTime();
                List<ScheduledFuture<?>> sent = new ArrayList<>();
                sent.add(senders.schedule(() -> {
                    LOG.info("SIGKILL to node {} at delivery {}", victim, killAt);
                    nodes.get(victim).kill();
                    return null;
                }, killAt * 1000L / 60, TimeUnit.MILLISECONDS));
                for (int i = 0; i < deliveries.size(); i++) {
                    Delivery d = deliveries.get(i);
                    int to = i % 3;
                    sent.add(senders.schedule(() -> {
                        boolean ok = false;
                        for (int tries = 0; tries < 3 && !ok; tries++) {
                            if (tries > 0) {
                                redirected.incrementAndGet();
                            }
                            ok = d.sendTo(nodes.get((to + tries) % 3).httpPort());
                        }
                        if (!ok) {
                            lost.add(d.id);
                            return null;
                        }
                        acknowledged.incrementAndGet();
                        if (d.twice && !d.sendTo(nodes.get((to + 1) % 3).httpPort())) {
                            // the same delivery again, to another node: the inbox (one table for all) keeps it once
                            d.sendTo(nodes.get((to + 2) % 3).httpPort());
                        }
                        return null;
                    }, i * 1000L / 60, TimeUnit.MILLISECONDS));
                }
                for (ScheduledFuture<?> f : sent) {
                    f.get();
                }
                senders.shutdown();
                double seconds = (System.nanoTime() - start) / 1e9;
                LOG.info("{} deliveries acknowledged ({} twice) in {} s ({} a second), {} sent again to another node after a refusal; "
                        + "node {} killed at delivery {}", acknowledged, deliveries.stream().filter(d -> d.twice).count(),
                        String.format("%.1f", seconds), String.format("%.0f", acknowledged.get() / seconds), redirected, victim, killAt);
                assertThat(lost).as("deliveries no live node acknowledged").isEmpty();
                assertThat(acknowledged).hasValue(2 * EACH);

                Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> pending(pg) == 0);
                assertThat(pg.count("SELECT COUNT(*) FROM dead_letter")).as("dead letters").isZero();
                assertThat(pg.count("SELECT COUNT(*) FROM inbox_event WHERE status <> 'done'")).as("events not done").isZero();

                List<Map<String, Object>> partners = odoo.searchRead("res.partner",
                        List.of(List.of("email", "like", "three-nodes-" + run + "-"), List.of("parent_id", "=", false)), List.of("email"));
                assertThat(partners.stream().map(p -> String.valueOf(p.get("email")).toLowerCase()).distinct().count())
                        .as("every customer").isEqualTo(EACH);
                assertThat(partners).as("no customer twice").hasSize(EACH);
                List<Map<String, Object>> products = odoo.searchRead("product.template",
                        List.of(List.of("default_code", "like", "TN-" + run + "-")), List.of("default_code"));
                assertThat(products.stream().map(p -> p.get("default_code")).distinct().count()).as("every product").isEqualTo(EACH);
                assertThat(products).as("no product twice").hasSize(EACH);
            } finally {
                for (HubProcess n : nodes) {
                    n.close();
                }
            }
        }
    }

    /** Inbox events not finished yet (pending, or claimed by a node that died and not claimed again). */
    private static long pending(PostgresServer pg) throws Exception {
        return pg.count("SELECT COUNT(*) FROM inbox_event WHERE status = 'pending'");
    }

    /** 300 Shopify customers and 300 catalog products, interleaved; one in ten is delivered twice. */
    private static List<Delivery> deliveries(String run) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            ObjectNode customer = Fixtures.tree("customer.json");
            customer.put("id", 880_000_000L + i);
            customer.put("email", "three-nodes-" + run + "-" + i + "@example.com");
            customer.put("first_name", "Node");
            customer.put("last_name", "Customer " + i);
            customer.putArray("addresses");
            customer.remove("default_address");
            out.add(new Delivery("shopify-" + i, json.writeValueAsString(customer), true, 2 * i % 10 == 0));
            out.add(new Delivery("catalog-" + i, Webhooks.product("TN-" + run + "-" + i, "Three nodes product " + i, "9.50", null), false,
                    (2 * i + 1) % 10 == 0));
        }
        return out;
    }

    private static final Map<Integer, ShopifySender> SHOPIFY = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<Integer, Webhooks> CATALOG = new java.util.concurrent.ConcurrentHashMap<>();

    /** One webhook delivery, with its ids fixed so that a second delivery is the same one. */
    private static final class Delivery {
        final String id;
        final String body;
        final boolean shopify;
        final boolean twice;
        final String webhookId = UUID.randomUUID().toString();
        final String eventId = UUID.randomUUID().toString();

        Delivery(String id, String body, boolean shopify, boolean twice) {
            this.id = id;
            this.body = body;
            this.shopify = shopify;
            this.twice = twice;
        }

        /** True when the node acknowledged it (200); false when it refused it or could not be reached. */
        boolean sendTo(int port) {
            try {
                HttpResponse<String> r = shopify
                        ? SHOPIFY.computeIfAbsent(port, p -> new ShopifySender(p, SHOPIFY_SECRET)).send("customers/create", body, webhookId, eventId)
                        : CATALOG.computeIfAbsent(port, p -> new Webhooks(p, CATALOG_SECRET)).send(eventId, body);
                return r.statusCode() / 100 == 2;
            } catch (Exception e) {
                return false;
            }
        }
    }
}
