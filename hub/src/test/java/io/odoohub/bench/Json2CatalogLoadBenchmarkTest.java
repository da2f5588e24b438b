package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.odoo.BatchResult;
import io.odoohub.odoo.LoadRecord;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.transport.Json2Transport;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A catalog export of 10,000 products to a REAL Odoo 19, three ways on the same server in one run: the hub's batch
 * writer over JSON-2, the same over XML-RPC, and a bare JSON-2 client (java.net.http and Jackson, nothing else)
 * making the same batched calls. Each batch is {@code product.template.load} of 500 new products with the catalog's
 * columns; batch by batch the three clients take turns in a rotating order, so that the server's growing tables and
 * the machine's other load fall on all three alike. Each client goes through a counting TCP proxy: bytes each way,
 * HTTP headers included.
 *
 * <p>Prints time, calls and bytes per product for each, and the ratios. Needs the odoo19.* properties (see Odoo19IT):
 * {@code mvn -B -Pbench test -Dtest=Json2CatalogLoadBenchmarkTest -Dodoo19.url=... -Dodoo19.db=... -Dodoo19.username=...
 * -Dodoo19.apiKey=...}
 */
@Tag("benchmark")
class Json2CatalogLoadBenchmarkTest {

    private static final int PRODUCTS = 10_000;
    private static final int BATCH = 500;
    private static final List<String> FIELDS = List.of("id", "name", "barcode", "description_sale", "list_price", "weight", "default_code");
    private static final Map<String, Object> CONTEXT = Map.of("tracking_disable", true);

    /** One way of writing a batch, with its own proxy and counters. */
    private static final class Contender {
        final String name;
        final CountingProxy proxy;
        final Supplier<Long> requests;
        final BatchWriter writer;
        long nanos;
        int written;
        int batches;

        Contender(String name, CountingProxy proxy, Supplier<Long> requests, BatchWriter writer) {
            this.name = name;
            this.proxy = proxy;
            this.requests = requests;
            this.writer = writer;
        }
    }

    @FunctionalInterface
    private interface BatchWriter {
        /** Writes the rows; answers how many records Odoo wrote. */
        int write(List<List<String>> rows) throws Exception;
    }

    @Test
    void catalogLoadOf10kProductsOverJson2XmlRpcAndABareClient() throws Exception {
        URI odoo = URI.create(setting("odoo19.url"));
        String db = setting("odoo19.db");
        String login = setting("odoo19.username");
        String key = setting("odoo19.apiKey");
        TransportSettings limits = TransportSettings.defaults();
        String run = UUID.randomUUID().toString().substring(0, 8);

        try (CountingProxy json2Proxy = new CountingProxy(odoo);
             CountingProxy xmlrpcProxy = new CountingProxy(odoo);
             CountingProxy bareProxy = new CountingProxy(odoo);
             OdooClient json2 = new OdooClient(new Json2Transport(URI.create(json2Proxy.url()), limits), db, login, key);
             OdooClient xmlrpc = new OdooClient(new XmlRpcTransport(URI.create(xmlrpcProxy.url()), limits), db, login, key)) {
            BareJson2 bare = new BareJson2(URI.create(bareProxy.url()), db, key);
            List<Contender> contenders = List.of(
                    new Contender("hub JSON-2", json2Proxy, json2::requestCount, rows -> hubLoad(json2, rows)),
                    new Contender("hub XML-RPC", xmlrpcProxy, xmlrpc::requestCount, rows -> hubLoad(xmlrpc, rows)),
                    new Contender("bare JSON-2", bareProxy, bare::requests, bare::load));

            for (int b = 0; b < PRODUCTS / BATCH; b++) {
                for (int k = 0; k < contenders.size(); k++) {
                    Contender c = contenders.get((b + k) % contenders.size());
                    List<List<String>> rows = rows(run + "_" + c.name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT), b);
                    long t0 = System.nanoTime();
                    c.written += c.writer.write(rows);
                    c.nanos += System.nanoTime() - t0;
                    c.batches++;
                }
            }

            Contender hubJson2 = contenders.get(0);
            Contender hubXmlRpc = contenders.get(1);
            Contender bareJson2 = contenders.get(2);
            for (Contender c : contenders) {
                assertThat(c.written).as(c.name + " products written").isEqualTo(PRODUCTS);
                String n = "catalog load " + PRODUCTS + " products, batches of " + BATCH + ", real Odoo 19, " + c.name;
                Figures.report(n + ": time s", String.format(Locale.ROOT, "%.1f", c.nanos / 1e9));
                Figures.report(n + ": products per s", String.format(Locale.ROOT, "%.0f", PRODUCTS / (c.nanos / 1e9)));
                Figures.report(n + ": HTTP requests", c.requests.get() + " (" + c.batches + " loads)");
                Figures.report(n + ": bytes sent per product", String.format(Locale.ROOT, "%.1f", c.proxy.sent() / (double) PRODUCTS));
                Figures.report(n + ": bytes received per product", String.format(Locale.ROOT, "%.1f", c.proxy.received() / (double) PRODUCTS));
            }
            Figures.report("catalog load: time hub JSON-2 / hub XML-RPC", ratio(hubJson2.nanos, hubXmlRpc.nanos));
            Figures.report("catalog load: time hub JSON-2 / bare JSON-2", ratio(hubJson2.nanos, bareJson2.nanos));
            Figures.report("catalog load: bytes sent hub JSON-2 / hub XML-RPC", ratio(hubJson2.proxy.sent(), hubXmlRpc.proxy.sent()));
            Figures.report("catalog load: bytes received hub JSON-2 / hub XML-RPC", ratio(hubJson2.proxy.received(), hubXmlRpc.proxy.received()));
            Figures.report("catalog load: bytes sent hub JSON-2 / bare JSON-2", ratio(hubJson2.proxy.sent(), bareJson2.proxy.sent()));
        }
    }

    private static int hubLoad(OdooClient client, List<List<String>> rows) {
        List<LoadRecord> records = rows.stream().map(LoadRecord::of).toList();
        BatchResult result = new OdooBatchWriter(client, BATCH).load("product.template", FIELDS, records, CONTEXT);
        assertThat(result.failures()).as("refused rows").isEmpty();
        return result.writtenCount();
    }

    /** The catalog's columns for batch {@code b}: external id, name, EAN, description, price, weight, supplier reference. */
    private static List<List<String>> rows(String prefix, int b) {
        List<List<String>> rows = new ArrayList<>(BATCH);
        for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
            rows.add(List.of("catalog.bench_" + prefix + "_" + i, "Bench product " + i, ean(prefix.hashCode() & 0xffff, i),
                    "Benchmark row " + i, (10 + i % 90) + ".99", "0.5", "B-" + prefix + "-" + i));
        }
        return rows;
    }

    /** A 13-digit barcode unique per contender and row (barcodes are unique in Odoo). */
    private static String ean(int contender, int i) {
        return String.format(Locale.ROOT, "9%05d%07d", contender % 100_000, i);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String setting(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            fail("system property " + name + " is not set: this benchmark runs against a real Odoo 19 (see Odoo19IT)");
        }
        return v.split(",")[0].trim(); // bin/test names two instances (comma lists): the first
    }

    /** JSON-2 with nothing but the JDK's HTTP client and Jackson: the floor the hub's transport is measured against. */
    private static final class BareJson2 {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        private final ObjectMapper json = new ObjectMapper();
        private final URI load;
        private final String db;
        private final String key;
        private long requests;

        BareJson2(URI base, String db, String key) {
            this.load = URI.create(base + "/json/2/product.template/load");
            this.db = db;
            this.key = key;
        }

        long requests() {
            return requests;
        }

        int load(List<List<String>> rows) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("fields", FIELDS);
            body.put("data", rows);
            body.put("context", CONTEXT);
            HttpRequest request = HttpRequest.newBuilder(load).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").header("Authorization", "bearer " + key).header("X-Odoo-Database", db)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            requests++;
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
            Map<?, ?> answer = json.readValue(response.body(), Map.class);
            assertThat(answer.get("ids")).as("load answered %s", answer.get("messages")).isInstanceOf(List.class);
            return ((List<?>) answer.get("ids")).size();
        }
    }
}
