package io.odoohub.catalog;

import io.odoohub.catalog.flow.CatalogSync;
import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiClient;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's API end to end: HTTP in, XML-RPC out to Odoo (the sandbox, and the real Odoo 18). Products, single and
 * bulk export (binding by barcode, skipping the unchanged, the duplicate-barcode error), images, mappings with
 * fields_get and a custom field, logs, stats and retry, import.
 */
@Tag(TestOdoo.TAG)
class CatalogOdooApiIT {

    private static final String ADMIN = "catalog-api-admin-token-0123456789";

    @TempDir
    static Path dataDir;

    private static TestOdoo odoo;
    private static HubRuntime hub;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        odoo = TestOdoo.start();
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.admin-token", ADMIN);
        settings.put("hub.catalog.image.max-bytes", "1000");
        // the test's image server is on loopback, which image_url may reach only when named
        settings.put("hub.catalog.image.allowed-hosts", "127.0.0.1");
        hub = HubRuntime.start(dataDir, settings);
        api = new ApiClient(hub.httpPort());
        images = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", io.odoohub.testsupport.Ports.free()), 0);
        images.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            // a real PNG (Odoo opens what it is given), a big one over the cap, and bytes that only claim to be a PNG
            byte[] png = path.contains("small") ? PNG : new byte[path.contains("big") ? 5000 : 300];
            if (png != PNG) {
                png[0] = (byte) 0x89;
            }
            exchange.getResponseHeaders().add("Content-Type", exchange.getRequestURI().getPath().contains("text") ? "text/html" : "image/png");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("missing") ? 404 : 200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        images.start();
    }

    private static com.sun.net.httpserver.HttpServer images;
    private static final byte[] PNG = png();

    private static byte[] png() {
        try {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
            image.setRGB(1, 1, 0x3366cc);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        images.stop(0);
        hub.close();
        odoo.close();
    }

    @Test
    void imagesAreFetchedUnderTheSizeCapAndSentAsBase64() throws Exception {
        String base = "http://127.0.0.1:" + images.getAddress().getPort();
        String small = created(post("/api/v1/products", "{\"title\": \"Pictured\", \"ean\": \"4011111111117\", \"image_url\": \""
                + base + "/small.png\"}")).get("id").asText();
        JsonNode r = ApiClient.json(api.send("POST", "/api/v1/odoo/sync/" + small, ADMIN, "{\"sync_images\": true}"));
        assertThat(r.get("fields_synced").toString()).contains("image_1920");
        Object image = odoo.searchRead("product.template", List.of(List.of("id", "=", r.get("odoo_product_id").asInt())), List.of("image_1920"))
                .get(0).get("image_1920");
        assertThat(image).isEqualTo(java.util.Base64.getEncoder().encodeToString(PNG));

        String[][] refusals = {{base + "/big.png", "larger than 1000 bytes"}, {base + "/missing.png", "HTTP 404"},
            {base + "/text.html", "did not answer an image"}, {base + "/broken.png", "could not be decoded as an image"},
            // the same server under a name that is not allowed: loopback, refused before any request
            {"http://localhost:" + images.getAddress().getPort() + "/small.png", "loopback, private, link-local or metadata address"}};
        for (int i = 0; i < refusals.length; i++) {
            String[] bad = refusals[i];
            String id = created(post("/api/v1/products", "{\"title\": \"Bad image\", \"image_url\": \"" + bad[0] + "\"}"))
                    .get("id").asText();
            api.send("PUT", "/api/v1/products/" + id, ADMIN, "{\"ean\": \"40222222222" + (20 + i) + "\"}");
            HttpResponse<String> refused = api.send("POST", "/api/v1/odoo/sync/" + id, ADMIN, "{\"sync_images\": true}");
            assertThat(refused.statusCode()).as(bad[0]).isEqualTo(422);
            assertThat(ApiClient.json(refused).get("error_message").asText()).contains(bad[1]);
        }
    }

    @Test
    void categoryAndTaxMappingsAreCheckedInOdooAndUsedOnExport() throws Exception {
        int all = odoo.rootCategory().id();
        int categ = odoo.client().create("product.category", List.of(Map.of("name", "Electronics", "parent_id", all)), null).get(0);
        int tax = odoo.client().create("account.tax", List.of(Map.of("name", "VAT 20%", "amount", 20.0, "type_tax_use", "sale")), null).get(0);
        HttpResponse<String> c = post("/api/v1/odoo/category-mappings", "{\"local_category\": \"Electronique\", \"odoo_category_id\": " + categ + "}");
        assertThat(c.statusCode()).as(c.body()).isEqualTo(200);
        assertThat(ApiClient.json(c).get("odoo_path").asText()).endsWith("Electronics");
        assertThat(post("/api/v1/odoo/category-mappings", "{\"local_category\": \"Nowhere\", \"odoo_category_id\": 999999}").statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/odoo/tax-mappings", "{\"local_tax\": \"VAT20\", \"odoo_tax_id\": " + tax + "}").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/odoo/field-mappings", "{\"local_field\": \"tax_code\", \"odoo_field\": \"taxes_id\","
                + " \"mapping_type\": \"transform\", \"transform\": \"tax\", \"priority\": 20}").statusCode()).isEqualTo(200);
        try {
            String id = created(post("/api/v1/products", "{\"title\": \"Radio\", \"ean\": \"4033333333330\", \"category\": \"Electronique\","
                    + " \"tax_code\": \"VAT20\"}")).get("id").asText();
            JsonNode r = ApiClient.json(api.send("POST", "/api/v1/odoo/sync/" + id, ADMIN, "{}"));
            Map<String, Object> p = odoo.searchRead("product.template", List.of(List.of("id", "=", r.get("odoo_product_id").asInt())),
                    List.of("categ_id", "taxes_id")).get(0);
            assertThat(((List<?>) p.get("categ_id")).get(0)).isEqualTo(categ);
            assertThat(p.get("taxes_id")).isEqualTo(List.of(tax));
            assertThat(get("/api/v1/odoo/category-mappings").get("items")).hasSize(1);
            assertThat(get("/api/v1/odoo/tax-mappings").get("items")).hasSize(1);
        } finally {
            long mapping = 0;
            for (JsonNode m : get("/api/v1/odoo/field-mappings").get("items")) {
                if (m.get("local_field").asText().equals("tax_code")) {
                    mapping = m.get("id").asLong();
                }
            }
            assertThat(api.send("DELETE", "/api/v1/odoo/field-mappings/" + mapping, ADMIN, null).statusCode()).isEqualTo(204);
        }
        long taxMapping = get("/api/v1/odoo/tax-mappings").get("items").get(0).get("id").asLong();
        assertThat(api.send("DELETE", "/api/v1/odoo/tax-mappings/" + taxMapping, ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/odoo/tax-mappings").get("items")).isEmpty();
    }

    @Test
    void aProductIsCreatedSyncedSkippedWhenUnchangedAndADuplicateBarcodeIsExplained() throws Exception {
        JsonNode mug = created(post("/api/v1/products", """
                {"title": "Blue mug", "ean": "3700123456789", "description": "A blue mug", "price": 12.50, "weight": 0.3,
                 "supplier_reference": "MUG-1", "supplier_id": 15}"""));
        String id = mug.get("id").asText();

        HttpResponse<String> sync = api.send("POST", "/api/v1/odoo/sync/" + id, ADMIN, "{\"force_update\": false, \"sync_images\": true}");
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        JsonNode r = ApiClient.json(sync);
        assertThat(r.get("success").asBoolean()).isTrue();
        int odooId = r.get("odoo_product_id").asInt();
        assertThat(r.get("fields_synced").toString()).contains("name", "barcode", "list_price", "description_sale");
        assertThat(r.has("duration_ms")).isTrue();
        Map<String, Object> inOdoo = odoo.searchRead("product.template", List.of(List.of("id", "=", odooId)),
                List.of("name", "barcode", "list_price", "default_code")).get(0);
        assertThat(inOdoo).containsEntry("name", "Blue mug").containsEntry("barcode", "3700123456789").containsEntry("list_price", 12.5)
                .containsEntry("default_code", "MUG-1");

        // nothing changed: no Odoo call at all
        long before = odoo.requestCount();
        JsonNode again = ApiClient.json(api.send("POST", "/api/v1/odoo/sync/" + id, ADMIN, "{}"));
        assertThat(again.get("skipped").asBoolean()).isTrue();
        assertThat(odoo.requestCount()).isEqualTo(before);

        // a second product with the same EAN is refused by Odoo: the seed's error details
        String twin = created(post("/api/v1/products", "{\"title\": \"Mug twin\", \"ean\": \"3700123456789\", \"supplier_reference\": \"MUG-2\"}"))
                .get("id").asText();
        HttpResponse<String> dup = api.send("POST", "/api/v1/odoo/sync/" + twin, ADMIN, "{}");
        assertThat(dup.statusCode()).as(dup.body()).isEqualTo(422);
        JsonNode details = ApiClient.json(dup).get("error_details");
        assertThat(details.get("odoo_error_code").asText()).isEqualTo("UNIQUE_VIOLATION");
        assertThat(details.get("field").asText()).isEqualTo("barcode");
        assertThat(details.get("value").asText()).isEqualTo("3700123456789");
        assertThat(details.get("existing_product_id").asInt()).isEqualTo(odooId);
        assertThat(ApiClient.json(dup).get("error_message").asText()).containsIgnoringCase("barcode");

        JsonNode errors = get("/api/v1/odoo/logs?sync_status=error&product_id=" + twin);
        assertThat(errors.get("total").asInt()).isEqualTo(1);
        JsonNode entry = errors.get("items").get(0);
        assertThat(entry.get("sync_direction").asText()).isEqualTo("to_odoo");
        assertThat(entry.get("sync_type").asText()).isEqualTo("create");
        assertThat(entry.get("triggered_by").asText()).isEqualTo("api");
        assertThat(entry.get("error_details").get("odoo_error_code").asText()).isEqualTo("UNIQUE_VIOLATION");
        JsonNode ok = get("/api/v1/odoo/logs?sync_status=success&product_id=" + id).get("items").get(0);
        assertThat(ok.get("odoo_product_id").asInt()).isEqualTo(odooId);
        assertThat(ok.has("started_at") && ok.has("completed_at") && ok.has("batch_id") && ok.has("schedule_id")).isTrue();

        JsonNode stats = get("/api/v1/odoo/stats");
        assertThat(stats.get("total_syncs").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("failed_syncs").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("products_with_odoo_id").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.has("success_rate") && stats.has("avg_duration_ms") && stats.has("last_sync_at")).isTrue();
    }

    @Test
    void bulkSyncBindsExistingOdooProductsByBarcodeAndRetriesABatchsFailures() throws Exception {
        int existing = odoo.client().create("product.template", List.of(Map.of("name", "Made in Odoo", "barcode", "5012345678900")), null).get(0);
        for (int i = 0; i < 4; i++) {
            created(post("/api/v1/products", "{\"title\": \"Bulk " + i + "\", \"ean\": \"50123456789" + (10 + i) + "\", \"supplier_id\": 77,"
                    + " \"price\": " + (i + 1) + "}"));
        }
        created(post("/api/v1/products", "{\"title\": \"Already there\", \"ean\": \"5012345678900\", \"supplier_id\": 77}"));
        created(post("/api/v1/products", "{\"title\": \"Bad category\", \"ean\": \"5012345678999\", \"supplier_id\": 77,"
                + " \"category\": \"No such category\"}"));
        created(post("/api/v1/products", "{\"title\": \"Other supplier\", \"ean\": \"5012345678998\", \"supplier_id\": 78}"));

        HttpResponse<String> bulk = api.send("POST", "/api/v1/odoo/bulk-sync", ADMIN, """
                {"filters": {"supplier_id": 77, "has_ean": true, "modified_since": "2025-01-01T00:00:00Z"},
                 "batch_size": 2, "sync_images": true}""");
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(202);
        JsonNode queued = ApiClient.json(bulk);
        String batch = queued.get("batch_id").asText();
        assertThat(batch).startsWith("sync_");
        assertThat(queued.get("products_queued").asInt()).isEqualTo(6);
        assertThat(queued.has("estimated_duration_minutes")).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/odoo/logs?batch_id=" + batch).get("total").asInt() == 6);

        assertThat(get("/api/v1/odoo/logs?batch_id=" + batch + "&sync_status=success").get("total").asInt()).isEqualTo(5);
        assertThat(odoo.searchRead("product.template", List.of(List.of("barcode", "=", "5012345678900")), List.of("name")))
                .as("bound to the existing product, not a second one").hasSize(1)
                .first().satisfies(p -> assertThat(p).containsEntry("name", "Already there").containsEntry("id", existing));
        JsonNode failed = get("/api/v1/odoo/logs?batch_id=" + batch + "&sync_status=error").get("items").get(0);
        assertThat(failed.get("error_message").asText()).contains("No such category");
        assertThat(failed.get("error_details").get("odoo_error_code").asText()).isEqualTo("NOT_FOUND");
        assertThat(odoo.searchRead("product.template", List.of(List.of("barcode", "=", "5012345678998")), List.of("name"))).isEmpty();

        // the category now exists in Odoo: retrying the batch's failures writes it
        odoo.client().create("product.category", List.of(Map.of("name", "No such category")), null);
        JsonNode retry = ApiClient.json(api.send("POST", "/api/v1/odoo/logs/batches/" + batch + "/retry", ADMIN, "{}"));
        assertThat(retry.get("products_queued").asInt()).isEqualTo(1);
        String retryBatch = retry.get("batch_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                get("/api/v1/odoo/logs?batch_id=" + retryBatch + "&sync_status=success").get("total").asInt() == 1);
        assertThat(odoo.searchRead("product.template", List.of(List.of("barcode", "=", "5012345678999")), List.of("name"))).hasSize(1);
        assertThat(ApiClient.json(api.send("POST", "/api/v1/odoo/logs/batches/" + batch + "/retry", ADMIN, "{}"))
                .get("products_queued").asInt()).as("a failure is retried once").isZero();
    }

    @Test
    void aTransientOdooFailureDuringABulkExportIsRetriedWithoutWritingTwice() throws Exception {
        for (int i = 0; i < 3; i++) {
            created(post("/api/v1/products", "{\"title\": \"Flaky " + i + "\", \"ean\": \"60000000000" + (10 + i) + "\", \"supplier_id\": 91}"));
        }
        // the next two requests to Odoo answer 503: the drain retries the export with backoff
        odoo.faults().httpStatus(503, 2);
        String batch = ApiClient.json(post("/api/v1/odoo/bulk-sync", "{\"filters\": {\"supplier_id\": 91}, \"batch_size\": 2}"))
                .get("batch_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/v1/odoo/logs?batch_id=" + batch + "&sync_status=success").get("total").asInt() == 3);
        assertThat(get("/api/v1/odoo/logs?batch_id=" + batch + "&sync_status=error").get("total").asInt()).isZero();
        try (java.sql.Connection c = hub.bean("hubDataSource", javax.sql.DataSource.class).getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT attempts FROM inbox_event WHERE flow = ? AND dedupe_key LIKE ?")) {
            ps.setString(1, CatalogSync.EXPORT_FLOW);
            ps.setString(2, batch + ":%");
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("attempts of the export event").isGreaterThanOrEqualTo(2);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(odoo.searchRead("product.template", List.of(List.of("barcode", "=", "60000000000" + (10 + i))), List.of("id"))).hasSize(1);
        }
    }

    @Test
    void fieldMappingsAreCheckedAgainstOdooAndACustomFieldIsCreatedOnRequest() throws Exception {
        JsonNode list = get("/api/v1/odoo/field-mappings");
        assertThat(list.get("items").findValuesAsText("odoo_field"))
                .contains("name", "barcode", "description_sale", "list_price", "weight", "x_brand", "categ_id", "image_1920");

        HttpResponse<String> unknown = api.send("POST", "/api/v1/odoo/field-mappings", ADMIN,
                "{\"local_field\": \"supplier_reference\", \"odoo_field\": \"no_such_field\", \"odoo_model\": \"product.template\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(unknown).get("error").asText()).contains("no field 'no_such_field'");

        String brand = "{\"local_field\": \"brand_name\", \"odoo_field\": \"x_brand\", \"odoo_model\": \"product.template\","
                + " \"mapping_type\": \"custom\", \"is_bidirectional\": true, \"is_required\": false, \"is_active\": true, \"priority\": 6";
        HttpResponse<String> missing = api.send("POST", "/api/v1/odoo/field-mappings", ADMIN, brand + "}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(missing).get("error").asText()).contains("create_odoo_field");
        HttpResponse<String> made = api.send("POST", "/api/v1/odoo/field-mappings", ADMIN, brand + ", \"create_odoo_field\": true}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(ApiClient.json(made).get("is_active").asBoolean()).isTrue();
        JsonNode fields = get("/api/v1/odoo/odoo-fields?model=product.template");
        assertThat(fields.get("fields").findValuesAsText("name")).contains("x_brand", "list_price");

        String id = created(post("/api/v1/products", "{\"title\": \"Branded\", \"ean\": \"4006381333931\", \"brand_name\": \"Acme\"}"))
                .get("id").asText();
        JsonNode r = ApiClient.json(api.send("POST", "/api/v1/odoo/sync/" + id, ADMIN, "{}"));
        assertThat(r.get("fields_synced").toString()).contains("x_brand");
        assertThat(odoo.searchRead("product.template", List.of(List.of("id", "=", r.get("odoo_product_id").asInt())), List.of("x_brand"))
                .get(0)).containsEntry("x_brand", "Acme");

        // the seed's custom mapping example saves over the default of the same local field
        HttpResponse<String> ref = api.send("POST", "/api/v1/odoo/field-mappings", ADMIN, """
                {"local_field": "supplier_reference", "odoo_field": "default_code", "odoo_model": "product.template",
                 "mapping_type": "direct", "is_bidirectional": true, "is_required": false, "is_active": true, "priority": 10}""");
        assertThat(ref.statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/odoo/field-mappings").get("items").findValuesAsText("local_field").stream()
                .filter("supplier_reference"::equals)).hasSize(1);
        long mappingId = ApiClient.json(ref).get("id").asLong();
        assertThat(api.send("DELETE", "/api/v1/odoo/field-mappings/" + mappingId, ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/odoo/field-mappings").get("items").findValuesAsText("local_field")).doesNotContain("supplier_reference");
        assertThat(api.send("POST", "/api/v1/odoo/field-mappings", ADMIN, """
                {"local_field": "supplier_reference", "odoo_field": "default_code", "is_bidirectional": true, "priority": 10}""")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void importReadsOdooPageByPageAndCreatesCatalogProducts() throws Exception {
        {
            int categ = odoo.client().create("product.category", List.of(Map.of("name", "Imported")), null).get(0);
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 7; i++) {
                rows.add(Map.of("name", "From Odoo " + i, "default_code", "ODOO-" + i, "barcode", "77000000000" + i, "list_price", 3.5 + i,
                        "categ_id", categ));
            }
            odoo.client().create("product.template", rows, null);
            HttpResponse<String> r = api.send("POST", "/api/v1/odoo/import", ADMIN, "{\"odoo_filters\": {\"categ_id\": [" + categ + "],"
                    + " \"active\": true}, \"create_missing\": true, \"update_existing\": true, \"batch_size\": 3}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonNode queued = ApiClient.json(r);
            assertThat(queued.get("products_found").asInt()).isEqualTo(7);
            String batch = queued.get("batch_id").asText();
            assertThat(batch).startsWith("import_");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    get("/api/v1/odoo/logs?batch_id=" + batch + "&sync_status=success").get("total").asInt() == 7);
        }
        JsonNode entry = get("/api/v1/odoo/logs?sync_direction=from_odoo&sync_type=create").get("items").get(0);
        assertThat(entry.get("sync_type").asText()).isEqualTo("create");
        CatalogStore store = hub.bean("catalogStore", CatalogStore.class);
        CatalogProduct p = store.byKeys(List.of("ODOO-3")).get("ODOO-3");
        assertThat(p.title()).isEqualTo("From Odoo 3");
        assertThat(p.price()).isEqualByComparingTo("6.5");
        assertThat(p.ean()).isEqualTo("770000000003");
        assertThat(p.odooId()).isNotNull();

        // imported products are in step: an export sends nothing
        long before = odoo.requestCount();
        JsonNode again = ApiClient.json(api.send("POST", "/api/v1/odoo/sync/" + p.id(), ADMIN, "{}"));
        assertThat(again.get("skipped").asBoolean()).isTrue();
        assertThat(odoo.requestCount()).isEqualTo(before);
    }

    @Test
    void badRequestsAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> badPrice = api.send("POST", "/api/v1/products", ADMIN, "{\"title\": \"x\", \"price\": \"twelve\"}");
        assertThat(badPrice.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(badPrice).get("error").asText()).contains("price 'twelve' is not a number");
        assertThat(api.send("POST", "/api/v1/products", ADMIN, "{\"titel\": \"typo\"}").statusCode()).isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/odoo/sync/nope", ADMIN, "{}").statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/odoo/bulk-sync", ADMIN, "{\"batch_size\": 0}").statusCode()).isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/odoo/import", ADMIN, "{\"odoo_filters\": {\"bad key\": 1}}").statusCode()).isEqualTo(400);
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return api.send("POST", path, ADMIN, body);
    }

    static JsonNode created(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = api.send("GET", path, ADMIN, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }
}
