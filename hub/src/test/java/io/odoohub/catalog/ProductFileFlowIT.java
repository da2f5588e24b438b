package io.odoohub.catalog;

import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first flow end to end through the real runtime: a file dropped in the watched folder, the YAML route,
 * the odoo: component over XML-RPC into Odoo (the sandbox, and the real Odoo 18), dead letters in the H2 file.
 */
@Tag(TestOdoo.TAG)
class ProductFileFlowIT {

    private static final String ADMIN = "product-file-flow-it-admin-token-0123456789";
    /** hub.catalog.drop.max-file-bytes here: above every file these tests drop but one */
    private static final int MAX_FILE_BYTES = 4096;

    @TempDir
    Path dataDir;

    private TestOdoo odoo;
    private HubRuntime hub;
    /** Products the Odoo had before the test (a real Odoo has some, e.g. the delivery module's "Standard delivery"). */
    private java.util.Set<Object> before;

    @BeforeEach
    void setUp() throws Exception {
        odoo = TestOdoo.start();
        before = odoo.searchRead("product.template", List.of(), List.of("id")).stream().map(r -> r.get("id")).collect(Collectors.toSet());
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.admin-token", ADMIN);
        settings.put("hub.catalog.drop.max-file-bytes", String.valueOf(MAX_FILE_BYTES));
        hub = HubRuntime.start(dataDir, settings);
    }

    @AfterEach
    void tearDown() throws Exception {
        hub.close();
        odoo.close();
    }

    @Test
    void goodRowsLandAndTheBadRowIsADeadLetterWithOdoosReason() throws Exception {
        drop("supplier-a.csv", """
                supplier_reference,title,ean,description,price,weight,category
                SKU-1,Blue mug,4006381333931,A blue mug,12.50,0.3,ROOT
                SKU-2,Red mug,4006381333948,,13.00,0.3,ROOT
                SKU-3,Broken price,4006381333955,,twelve,0.3,ROOT
                ,No key at all,,,1.00,,
                SKU 4/x,Odd key,4006381333962,,9.99,0.1,ROOT
                """.replace("ROOT", odoo.rootCategory().name())); // "All" up to Odoo 18, "Goods" in 19
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> isDone("supplier-a.csv")
                && productsByCode().size() == 3 && deadLetters().count(CatalogProductFlow.FLOW) == 2);

        Map<String, Map<String, Object>> products = productsByCode();
        assertThat(products).containsOnlyKeys("SKU-1", "SKU-2", "SKU 4/x");
        assertThat(products.get("SKU-1")).containsEntry("name", "Blue mug").containsEntry("barcode", "4006381333931")
                .containsEntry("list_price", 12.5).containsEntry("description_sale", "A blue mug");
        assertThat(externalIds()).contains("catalog.product_SKU-1", "catalog.product_SKU_20_4_2f_x");
        // the rows are in the local catalog too, bound to their Odoo products
        CatalogProduct local = hub.bean("catalogStore", CatalogStore.class).byKeys(List.of("SKU-1")).get("SKU-1");
        assertThat(local.title()).isEqualTo("Blue mug");
        assertThat(local.price()).isEqualByComparingTo("12.50");
        assertThat(local.odooId()).isEqualTo(products.get("SKU-1").get("id"));

        List<DeadLetter> dead = deadLetters().list(CatalogProductFlow.FLOW, 10);
        assertThat(dead).hasSize(2).allSatisfy(d -> assertThat(d.inboxEventId()).isNotNull());
        assertThat(dead).anySatisfy(d -> {
            assertThat(d.sourceKey()).isEqualTo("SKU-3");
            assertThat(d.reason()).contains("price 'twelve' is not a number");
            assertThat(d.payload()).contains("Broken price");
        });
        assertThat(dead).anySatisfy(d -> assertThat(d.reason()).contains("neither supplier_reference nor ean"));
    }

    @Test
    void aDuplicateBarcodeMakesOnlyItsOwnRowADeadLetterAndEveryOtherRowLands() throws Exception {
        // D-4 repeats D-2's barcode: Odoo refuses it. Real Odoo's load first tries the batch as a whole and pins that
        // error on the batch's first record too (D-1): only the hub's own check tells the innocent rows apart.
        drop("supplier-d.csv", """
                supplier_reference,title,ean,price
                D-1,Plate,4006381334006,5.00
                D-2,Bowl,4006381334013,6.00
                D-3,Cup,4006381334020,7.00
                D-4,Bowl copy,4006381334013,6.50
                D-5,Saucer,4006381334037,3.00
                """);
        io.odoohub.inbox.Inbox inbox = hub.bean("inbox", io.odoohub.inbox.Inbox.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> isDone("supplier-d.csv")
                && inbox.countsByStatus(CatalogProductFlow.FLOW).values().stream().mapToLong(Long::longValue).sum() == 5
                && inbox.depth(CatalogProductFlow.FLOW) == 0);

        List<DeadLetter> dead = deadLetters().list(CatalogProductFlow.FLOW, 10);
        assertThat(dead).as("dead letters").extracting(DeadLetter::sourceKey).containsExactly("D-4");
        assertThat(dead.get(0).reason()).contains("already assigned").contains("4006381334013");
        assertThat(productsByCode()).containsOnlyKeys("D-1", "D-2", "D-3", "D-5");
        assertThat(productsByCode().get("D-2")).containsEntry("name", "Bowl").containsEntry("barcode", "4006381334013");
        assertThat(productsByCode().get("D-1")).containsEntry("name", "Plate").containsEntry("barcode", "4006381334006");
        assertThat(inbox.countsByStatus(CatalogProductFlow.FLOW)).containsEntry("done", 4L).containsEntry("dead", 1L);
    }

    @Test
    void aReplayedFileUpdatesAndNeverDuplicates() throws Exception {
        String json = """
                {"products": [
                  {"supplier_reference": "J-1", "title": "Jug", "price": 20, "ean": "4006381333979"},
                  {"supplier_reference": "J-2", "title": "Jar", "price": "7.5", "ean": "4006381333986"}
                ]}
                """;
        drop("first.json", json);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> productsByCode().size() == 2);
        drop("second.json", json.replace("\"Jug\"", "\"Jug, large\""));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "Jug, large".equals(productsByCode().getOrDefault("J-1", Map.of()).get("name")));

        Map<String, Map<String, Object>> products = productsByCode();
        assertThat(products).containsOnlyKeys("J-1", "J-2");
        assertThat(products.get("J-1")).containsEntry("name", "Jug, large");
        assertThat(deadLetters().count(null)).isZero();
        // the unchanged J-2 row of the second file was a duplicate: stored once in all
        // the drain settles the events just after the writes it made are visible in Odoo
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(hub.bean("inbox", io.odoohub.inbox.Inbox.class).countsByStatus(CatalogProductFlow.FLOW)).containsEntry("done", 3L));
    }

    @Test
    void aFileThatIsNotJsonIsADeadLetterAndWritesNothing() throws Exception {
        drop("broken.json", "{ this is not json");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.bean("deadLetterStore", DeadLetterStore.class).count(CatalogProductFlow.FLOW) == 1);
        DeadLetter d = hub.bean("deadLetterStore", DeadLetterStore.class).list(CatalogProductFlow.FLOW, 1).get(0);
        assertThat(d.reason()).contains("broken.json").contains("not valid JSON");
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.payload()).isEqualTo("{ this is not json");
        assertThat(productsByCode()).isEmpty();
    }

    @Test
    void aFileOverTheSizeCapIsNotReadAndItsDeadLetterSaysWhy() throws Exception {
        StringBuilder csv = new StringBuilder("supplier_reference,title,ean,price,category\n");
        for (int i = 0; csv.length() <= MAX_FILE_BYTES; i++) {
            csv.append("BIG-").append(i).append(",Row ").append(i).append(" of a big file,,1.00,").append(odoo.rootCategory().name()).append('\n');
        }
        drop("big.csv", csv.toString());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().count(CatalogProductFlow.FLOW) == 1);

        DeadLetter d = deadLetters().list(CatalogProductFlow.FLOW, 1).get(0);
        assertThat(d.reason()).isEqualTo("product file big.csv is " + csv.length() + " bytes, more than hub.catalog.drop.max-file-bytes ("
                + MAX_FILE_BYTES + "): it was not read");
        assertThat(d.payload()).isEqualTo("(not kept: the file was " + csv.length() + " bytes)");
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(hub.bean("inbox", io.odoohub.inbox.Inbox.class).countsByStatus(CatalogProductFlow.FLOW)).isEmpty();
        assertThat(productsByCode()).isEmpty();
    }

    @Test
    void healthIsServedOverHttp() {
        HttpClient http = HttpClient.newHttpClient();
        // the checks are shown to a caller with a token (anyone gets the status)
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/observe/health?exposureLevel=full"))
                .header("Authorization", "Bearer " + ADMIN).build();
        // readiness starts DOWN and turns UP once the consumers have started polling
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"").contains("route:product-files");
        });
    }

    private DeadLetterStore deadLetters() {
        return hub.bean("deadLetterStore", DeadLetterStore.class);
    }

    private void drop(String name, String content) throws Exception {
        Path dropDir = dataDir.resolve("drop/products");
        Path tmp = Files.createTempFile(dataDir, "drop", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dropDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private boolean isDone(String name) throws Exception {
        Path done = dataDir.resolve("drop/products/.done");
        if (!Files.isDirectory(done)) {
            return false;
        }
        try (var files = Files.list(done)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith("-" + name));
        }
    }

    /** The products the test made, by internal reference. */
    private Map<String, Map<String, Object>> productsByCode() {
        return odoo.searchRead("product.template", List.of(List.of("id", "not in", List.copyOf(before))),
                        List.of("id", "name", "default_code", "barcode", "list_price", "description_sale")).stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("default_code")), r -> r));
    }

    private List<String> externalIds() {
        return odoo.searchRead("ir.model.data", List.of(List.of("model", "=", "product.template")), List.of("module", "name")).stream()
                .map(r -> r.get("module") + "." + r.get("name")).toList();
    }
}
