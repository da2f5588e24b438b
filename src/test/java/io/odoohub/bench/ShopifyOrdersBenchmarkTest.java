package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.inbox.Inbox;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.shopify.Fixtures;
import io.odoohub.shopify.ShopifyConnector;
import io.odoohub.shopify.ShopifySender;
import io.odoohub.shopify.ShopifyWebhookRoute;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 orders/create webhooks (the fixture order: two lines, discount, tax, shipping; 200 customers) from 32
 * concurrent senders (wrk, one connection each: {@link WrkLoad}) against the running hub with the sandbox:
 * acknowledgement p50/p99, time until the last order is in the sandbox (from the first send), and the XML-RPC calls
 * the hub made to Odoo for them. The drain runs while the orders arrive; hub and sandbox share one JVM.
 * Run: mvn -B -Pbench test -Dtest=ShopifyOrdersBenchmarkTest
 */
@Tag("benchmark")
class ShopifyOrdersBenchmarkTest {

    private static final int SENDERS = 32;
    private static final int ORDERS = 2_000;
    /** Warm-up orders, not measured: enough for the JIT to compile the webhook path before the measured run. */
    private static final int WARM_UP_ORDERS = 6_000;
    private static final String SECRET = "shopify-benchmark-secret";

    @TempDir
    Path dataDir;

    @Test
    void ordersFrom32SendersWhileTheDrainWrites() throws Exception {
        run(false);
    }

    /** The same with the flow paused while the orders arrive: the acknowledgement without the drain's competition. */
    @Test
    void ordersFrom32SendersIntakeAlone() throws Exception {
        run(true);
    }

    private void run(boolean intakeAlone) throws Exception {
        WrkLoad wrk = new WrkLoad(dataDir);
        try (OdooSandbox odoo = SandboxClients.start();
             HubRuntime hub = HubRuntime.start(dataDir.resolve("hub"), Map.of(
                     "odoo.url", odoo.url(), "odoo.db", SandboxClients.DB,
                     "odoo.username", SandboxClients.LOGIN, "odoo.api-key", SandboxClients.KEY,
                     "shopify.client-secret", SECRET, "hub.console.enabled", "false"))) {
            ShopifySender shopify = new ShopifySender(hub.httpPort(), SECRET);
            Inbox inbox = hub.bean("inbox", Inbox.class);
            shopify.send("products/create", Fixtures.text("product.json"));
            ObjectNode template = Fixtures.tree("order.json");
            String url = "http://127.0.0.1:" + hub.httpPort() + ShopifyWebhookRoute.PATH;
            // warm-up through the same path (JIT, pools, the drain)
            List<WrkLoad.Request> warmUp = new ArrayList<>(WARM_UP_ORDERS);
            for (int i = 0; i < WARM_UP_ORDERS; i++) {
                String body = Fixtures.json(order(template, 900_000 + i, i, "#W"));
                warmUp.add(new WrkLoad.Request(shopify.firstDelivery("orders/create", body), body));
            }
            assertThat(wrk.once(url, wrk.write("warm-up", warmUp), SENDERS, Duration.ofMinutes(3)).errors()).as("warm-up errors").isZero();
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> inbox.depth(ShopifyConnector.FLOW) == 0);
            List<String> bodies = new ArrayList<>(ORDERS);
            for (int i = 0; i < ORDERS; i++) {
                bodies.add(Fixtures.json(order(template, 1_000_000 + i, i, "#B")));
            }
            long callsBefore = odoo.requestCount();
            if (intakeAlone) {
                hub.bean("flowControl", io.odoohub.inbox.FlowControl.class).pause(ShopifyConnector.FLOW, "benchmark: intake alone", "benchmark", null);
            }
            List<WrkLoad.Request> requests = new ArrayList<>(ORDERS);
            for (String body : bodies) {
                requests.add(new WrkLoad.Request(shopify.firstDelivery("orders/create", body), body));
            }
            Path requestsFile = wrk.write("orders", requests);
            long t0 = System.nanoTime();
            WrkLoad.Result sent = wrk.once(url, requestsFile, SENDERS, Duration.ofMinutes(3));
            double sendSeconds = (System.nanoTime() - t0) / 1e9;
            if (intakeAlone) {
                hub.bean("flowControl", io.odoohub.inbox.FlowControl.class).resume(ShopifyConnector.FLOW, "benchmark");
            }
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> inbox.depth(ShopifyConnector.FLOW) == 0);
            double landedSeconds = (System.nanoTime() - t0) / 1e9;
            long calls = odoo.requestCount() - callsBefore;
            assertThat(sent.errors()).as("deliveries not acknowledged with 200").isZero();
            assertThat(sent.requests()).as("deliveries sent").isEqualTo(ORDERS);
            io.odoohub.inbox.FlowCounters counters = hub.bean("flowCounters", io.odoohub.inbox.FlowCounters.class);
            String state = "inbox " + inbox.countsByStatus(ShopifyConnector.FLOW) + ", received " + counters.get(ShopifyConnector.FLOW,
                    io.odoohub.inbox.FlowCounters.Kind.RECEIVED) + ", duplicates " + counters.get(ShopifyConnector.FLOW,
                    io.odoohub.inbox.FlowCounters.Kind.DUPLICATE) + ", stale " + counters.get(ShopifyConnector.FLOW, io.odoohub.inbox.FlowCounters.Kind.STALE);
            assertThat(odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "like", "#B")), List.of("id"))).as(state).hasSize(ORDERS);
            assertThat(inbox.countsByStatus(ShopifyConnector.FLOW).getOrDefault("dead", 0L)).isZero();
            String how = intakeAlone ? " (flow paused while they arrive)" : " (drained while they arrive)";
            Figures.report("shopify orders/create, " + SENDERS + " senders" + how + ": acknowledgement p50 ms", WrkLoad.Result.ms(sent.p50Us()));
            Figures.report("shopify orders/create" + how + ": acknowledgement p99 ms", WrkLoad.Result.ms(sent.p99Us()));
            Figures.report("shopify orders/create" + how + ": acknowledgement max ms", WrkLoad.Result.ms(sent.maxUs()));
            Figures.report("shopify orders/create" + how + ": " + ORDERS + " sent in s", String.format("%.1f", sendSeconds));
            Figures.report("shopify orders/create" + how + ": last of " + ORDERS + " orders in the sandbox after s", String.format("%.1f", landedSeconds));
            Figures.report("shopify orders/create" + how + ": XML-RPC calls to Odoo for " + ORDERS + " orders", calls);
        }
    }

    private static ObjectNode order(ObjectNode template, long id, int i, String prefix) {
        ObjectNode o = template.deepCopy();
        o.put("id", id).put("name", prefix + id);
        ObjectNode customer = (ObjectNode) o.get("customer");
        customer.put("id", 7_000_000L + i % 200).put("email", "buyer" + (i % 200) + "@example.com");
        o.put("email", "buyer" + (i % 200) + "@example.com");
        return o;
    }
}
