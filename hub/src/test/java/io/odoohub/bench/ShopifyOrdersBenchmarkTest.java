package io.odoohub.bench;

import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import io.odoohub.shopify.Fixtures;
import io.odoohub.shopify.OdooShop;
import io.odoohub.shopify.ShopifySender;
import io.odoohub.shopify.flow.ShopifyWebhookRoute;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import io.odoohub.testsupport.TestOdoo;
import java.net.URI;
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
 * concurrent senders (wrk, one connection each: {@link WrkLoad}) against the running hub: acknowledgement p50/p99/max,
 * time until the last order is in the sandbox (from the first send), and the XML-RPC requests the sandbox answered for
 * them. After 6,000 warm-up orders the 2,000 are sent {@value #ROUNDS} times (distinct orders each round, the next
 * round once the previous one is all in the sandbox), so that the p99 is not the figure of one 1.5 s run.
 * <p>
 * The hub runs in the test JVM (the bench profile's 256 MB heap, G1 as the JVM picks it, as {@code bin/run} does);
 * the sandbox runs in a JVM of its own ({@link SandboxProcess}), as a real Odoo runs elsewhere: its in-memory rows
 * (12,000 orders by the end) and its collections are not in the hub's heap nor in its pauses. It still shares the
 * machine's cores. The request count comes from the sandbox process ({@link SandboxProcess#requestCount()}); the
 * orders are counted over XML-RPC, after the round's request count is read.
 * Run: bin/bench -Dtest=ShopifyOrdersBenchmarkTest
 * <p>
 * {@link #ordersDrainedIntoTestOdoo()} is the throughput figure against either Odoo ({@link TestOdoo}): the sandbox by
 * default, the real Odoo 18 with {@code bin/bench --real -Dtest=ShopifyOrdersBenchmarkTest#ordersDrainedIntoTestOdoo}.
 */
@Tag("benchmark")
class ShopifyOrdersBenchmarkTest {

    private static final int SENDERS = 32;
    private static final int ORDERS = 2_000;
    /** Measured rounds of {@link #ORDERS} orders each. */
    private static final int ROUNDS = 3;
    /** Warm-up orders, not measured: enough for the JIT to compile the webhook path before the measured rounds. */
    private static final int WARM_UP_ORDERS = 6_000;
    /** The sandbox process keeps warm-up and measured orders (12,000 with their lines) in memory. */
    private static final String SANDBOX_HEAP = "1g";
    private static final String SECRET = "shopify-benchmark-secret";

    /** Orders before the measured ones against {@link TestOdoo}: they make the 200 customers and warm the path. */
    private static final int TEST_ODOO_WARM_UP_ORDERS = 200;
    private static final boolean REAL = TestOdoo.real();

    @TempDir
    Path dataDir;

    /**
     * 2,000 paid orders (confirmed in Odoo: on the real one that makes their deliveries) sent by 32 connections while
     * the drain writes them, into the Odoo of {@link TestOdoo}, behind its proxy: orders per second from the first send
     * until the last is in Odoo, and the XML-RPC requests the proxy saw for them. The sandbox runs in this JVM here.
     */
    @Test
    void ordersDrainedIntoTestOdoo() throws Exception {
        WrkLoad wrk = new WrkLoad(dataDir);
        String target = REAL ? "the real Odoo 18" : "the sandbox (in process, behind the proxy)";
        try (TestOdoo odoo = TestOdoo.start()) {
            new OdooShop(odoo.client()).currency("USD");
            Map<String, String> settings = odoo.hubSettings();
            settings.put("hub.shopify.client-secret", SECRET);
            try (HubRuntime hub = HubRuntime.start(dataDir.resolve("hub"), settings)) {
                ShopifySender shopify = new ShopifySender(hub.httpPort(), SECRET);
                Inbox inbox = hub.bean("inbox", Inbox.class);
                String url = "http://127.0.0.1:" + hub.httpPort() + ShopifyWebhookRoute.PATH;
                Path warmUp = wrk.write("test-odoo-warm-up", requests(shopify, TEST_ODOO_WARM_UP_ORDERS, 800_000, "#TW-"));
                Path measured = wrk.write("test-odoo-orders", requests(shopify, ORDERS, 2_000_000, "#T-"));
                shopify.send("products/create", Fixtures.text("product.json"));
                assertThat(wrk.once(url, warmUp, SENDERS, Duration.ofMinutes(3)).errors()).as("warm-up errors").isZero();
                awaitDrained(inbox, Duration.ofMinutes(30));
                odoo.resetCounters();
                long t0 = System.nanoTime();
                WrkLoad.Result sent = wrk.once(url, measured, SENDERS, Duration.ofMinutes(3));
                awaitDrained(inbox, Duration.ofMinutes(60));
                double seconds = (System.nanoTime() - t0) / 1e9;
                long requests = odoo.requestCount();
                Map<String, Long> calls = odoo.callsByMethod();
                assertThat(sent.errors()).as("deliveries not acknowledged with 200").isZero();
                assertThat(inbox.countsByStatus(ShopifyTopic.FLOW).getOrDefault("dead", 0L)).as("dead letters").isZero();
                Object inOdoo = odoo.client().execute("sale.order", "search_count",
                        List.of(List.of(List.of("client_order_ref", "=like", "#T-%"), List.of("state", "=", "sale"))), Map.of());
                assertThat(((Number) inOdoo).intValue()).as("confirmed orders of the measured round in Odoo").isEqualTo(ORDERS);
                String name = "shopify " + ORDERS + " orders/create drained into " + target;
                Figures.report(name + ": all in Odoo after s", String.format("%.1f", seconds));
                Figures.report(name + ": orders per second", String.format("%.1f", ORDERS / seconds));
                Figures.report(name + ": XML-RPC requests", requests);
                Figures.report(name + ": calls by method", calls);
            }
        }
    }

    @Test
    void ordersFrom32SendersWhileTheDrainWrites() throws Exception {
        run(false);
    }

    /** The same with the flow paused while the orders arrive: the acknowledgement without the drain's competition. */
    @Test
    void ordersFrom32SendersIntakeAlone() throws Exception {
        run(true);
    }

    /**
     * One measured round: wrk's acknowledgement figures, seconds to send and until the last order is in, requests, and
     * the hub JVM's collections while wrk sent (each one a stop-the-world pause that the requests in flight wait out;
     * with G1 on Java 17 the beans count young, mixed and full collections, not the remark and cleanup pauses).
     */
    private record Round(WrkLoad.Result sent, double sendSeconds, double landedSeconds, long calls, Figures.Collections gc) {
    }

    private void run(boolean intakeAlone) throws Exception {
        WrkLoad wrk = new WrkLoad(dataDir);
        try (SandboxProcess odoo = SandboxProcess.start(SANDBOX_HEAP);
             OdooClient check = new OdooClient(new XmlRpcTransport(URI.create(odoo.url()), TransportSettings.defaults()), SandboxClients.DB,
                     SandboxClients.LOGIN, SandboxClients.KEY);
             HubRuntime hub = HubRuntime.start(dataDir.resolve("hub"), Map.of(
                     "hub.odoo.url", odoo.url(), "hub.odoo.db", SandboxClients.DB,
                     "hub.odoo.username", SandboxClients.LOGIN, "hub.odoo.api-key", SandboxClients.KEY,
                     "hub.shopify.client-secret", SECRET, "hub.console.enabled", "false"))) {
            new OdooShop(check).currency("USD");
            ShopifySender shopify = new ShopifySender(hub.httpPort(), SECRET);
            Inbox inbox = hub.bean("inbox", Inbox.class);
            shopify.send("products/create", Fixtures.text("product.json"));
            String url = "http://127.0.0.1:" + hub.httpPort() + ShopifyWebhookRoute.PATH;
            // every request file is built (and signed) before anything is measured: its garbage is gone by then
            Path warmUp = wrk.write("warm-up", requests(shopify, WARM_UP_ORDERS, 900_000, "#W"));
            List<Path> roundFiles = new ArrayList<>();
            for (int r = 1; r <= ROUNDS; r++) {
                roundFiles.add(wrk.write("round-" + r, requests(shopify, ORDERS, 1_000_000L * r, prefix(r))));
            }
            // warm-up through the same path (JIT, pools, the drain)
            assertThat(wrk.once(url, warmUp, SENDERS, Duration.ofMinutes(3)).errors()).as("warm-up errors").isZero();
            awaitDrained(inbox);
            String how = intakeAlone ? " (flow paused while they arrive)" : " (drained while they arrive)";
            List<Round> rounds = new ArrayList<>();
            for (int r = 1; r <= ROUNDS; r++) {
                Round round = round(wrk, url, roundFiles.get(r - 1), hub, odoo, intakeAlone);
                assertRoundLanded(round, hub, inbox, check, prefix(r));
                rounds.add(round);
                report("shopify orders/create" + how + ", round " + r + "/" + ROUNDS, round);
            }
            summary("shopify orders/create, " + SENDERS + " senders" + how + ", " + ROUNDS + " rounds of " + ORDERS, rounds);
        }
    }

    /** {@code count} signed first deliveries of distinct orders, ids from {@code firstId}, names {@code prefix + id}. */
    private static List<WrkLoad.Request> requests(ShopifySender shopify, int count, long firstId, String prefix) throws Exception {
        ObjectNode template = Fixtures.tree("order.json");
        List<WrkLoad.Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String body = Fixtures.json(order(template, firstId + i, i, prefix));
            requests.add(new WrkLoad.Request(shopify.firstDelivery("orders/create", body), body));
        }
        return requests;
    }

    /** The order name prefix of round r: "#B1", "#B2", ... (no prefix is the start of another's). */
    private static String prefix(int round) {
        return "#B" + round + "-";
    }

    private static Round round(WrkLoad wrk, String url, Path requests, HubRuntime hub, SandboxProcess odoo, boolean intakeAlone) throws Exception {
        FlowControl flows = hub.bean("flowControl", FlowControl.class);
        Inbox inbox = hub.bean("inbox", Inbox.class);
        long callsBefore = odoo.requestCount();
        if (intakeAlone) {
            flows.pause(ShopifyTopic.FLOW, "benchmark: intake alone", "benchmark", null);
        }
        Figures.Collections gcBefore = Figures.Collections.now();
        long t0 = System.nanoTime();
        WrkLoad.Result sent = wrk.once(url, requests, SENDERS, Duration.ofMinutes(3));
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        Figures.Collections gc = Figures.Collections.now().since(gcBefore);
        if (intakeAlone) {
            flows.resume(ShopifyTopic.FLOW, "benchmark");
        }
        awaitDrained(inbox);
        double landedSeconds = (System.nanoTime() - t0) / 1e9;
        return new Round(sent, sendSeconds, landedSeconds, odoo.requestCount() - callsBefore, gc);
    }

    /** The drain marks an event done after its write is in Odoo: an empty inbox means every order is in the sandbox. */
    private static void awaitDrained(Inbox inbox) {
        awaitDrained(inbox, Duration.ofMinutes(5));
    }

    private static void awaitDrained(Inbox inbox, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> inbox.depth(ShopifyTopic.FLOW) == 0);
    }

    private static void assertRoundLanded(Round round, HubRuntime hub, Inbox inbox, OdooClient odoo, String prefix) {
        assertThat(round.sent().errors()).as("deliveries not acknowledged with 200").isZero();
        assertThat(round.sent().requests()).as("deliveries sent").isEqualTo(ORDERS);
        FlowCounters counters = hub.bean("flowCounters", FlowCounters.class);
        String state = "inbox " + inbox.countsByStatus(ShopifyTopic.FLOW)
                + ", received " + counters.get(ShopifyTopic.FLOW, FlowCounters.Kind.RECEIVED)
                + ", duplicates " + counters.get(ShopifyTopic.FLOW, FlowCounters.Kind.DUPLICATE)
                + ", stale " + counters.get(ShopifyTopic.FLOW, FlowCounters.Kind.STALE);
        Object inOdoo = odoo.execute("sale.order", "search_count", List.of(List.of(List.of("client_order_ref", "=like", prefix + "%"))), Map.of());
        assertThat(((Number) inOdoo).intValue()).as("orders of this round in the sandbox; " + state).isEqualTo(ORDERS);
        assertThat(inbox.countsByStatus(ShopifyTopic.FLOW).getOrDefault("dead", 0L)).isZero();
    }

    private static void report(String name, Round r) {
        Figures.report(name + ": acknowledgement p50 ms", WrkLoad.Result.ms(r.sent().p50Us()));
        Figures.report(name + ": acknowledgement p99 ms", WrkLoad.Result.ms(r.sent().p99Us()));
        Figures.report(name + ": acknowledgement max ms", WrkLoad.Result.ms(r.sent().maxUs()));
        Figures.report(name + ": " + ORDERS + " sent in s", String.format("%.1f", r.sendSeconds()));
        Figures.report(name + ": last of " + ORDERS + " orders in the sandbox after s", String.format("%.1f", r.landedSeconds()));
        Figures.report(name + ": XML-RPC requests to Odoo for " + ORDERS + " orders", r.calls());
        Figures.report(name + ": hub JVM collections while sending, count and total pause ms", r.gc().count() + ", " + r.gc().millis());
    }

    private static void summary(String name, List<Round> rounds) {
        Figures.report(name + ": acknowledgement p50 ms per round", join(rounds, r -> WrkLoad.Result.ms(r.sent().p50Us())));
        Figures.report(name + ": acknowledgement p99 ms per round (target < 50)", join(rounds, r -> WrkLoad.Result.ms(r.sent().p99Us())));
        Figures.report(name + ": acknowledgement max ms per round", join(rounds, r -> WrkLoad.Result.ms(r.sent().maxUs())));
        Figures.report(name + ": last order in the sandbox after s per round (target < 60)", join(rounds, r -> String.format("%.1f", r.landedSeconds())));
        Figures.report(name + ": XML-RPC requests per round", join(rounds, r -> String.valueOf(r.calls())));
        Figures.report(name + ": hub JVM collection pause ms while sending, per round", join(rounds, r -> String.valueOf(r.gc().millis())));
    }

    private static String join(List<Round> rounds, java.util.function.Function<Round, String> figure) {
        return String.join(", ", rounds.stream().map(figure).toList());
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
