package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import io.odoohub.api.ApiClient;
import io.odoohub.api.Role;
import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.googleads.FakeGoogleAds;
import io.odoohub.googleads.GoogleAdsConnector;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.odoo.OdooAdsSchema;
import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.OdooClient;
import io.odoohub.pardot.FakePardot;
import io.odoohub.pardot.client.PardotTokens;
import io.odoohub.pardot.flow.PardotSchedule;
import io.odoohub.pardot.flow.ProspectFlow;
import io.odoohub.security.CredentialStore;
import io.odoohub.security.SecretBox;
import io.odoohub.shopify.FakeShopifyAdmin;
import io.odoohub.shopify.Fixtures;
import io.odoohub.shopify.OdooShop;
import io.odoohub.shopify.model.ShopifyTopic;
import io.odoohub.shopify.ShopifySender;
import io.odoohub.shopify.flow.ShopifyPush;
import io.odoohub.store.HubDatabase;
import io.odoohub.store.Jdbc;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.PostgresServer;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole runtime on PostgreSQL (Debian's, started by the test; {@code hub.db.url=jdbc:postgresql://...}), every
 * connector switched on, against the Odoo of this run (the sandbox, or the real Odoo 18 and 19): each flow goes the
 * real path (signed webhooks over HTTP, the inbox, the drains, the pulls from the fake Pardot, a Google Ads import
 * from the fake service, the push to the fake Shopify Admin API, a dead letter and its replay, the management API with
 * tokens, credentials sealed with the master key), and what lands in Odoo and in the hub's PostgreSQL tables is
 * asserted.
 */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresRuntimeIT {

    private static final String SHOPIFY_SECRET = "fake-shopify-secret-pg_secret";
    private static final String SHOPIFY_TOKEN = "fake-shopify-token-pg_token";
    private static final String CATALOG_SECRET = "pg-runtime-catalog-secret";
    private static final String ADMIN = "pg-runtime-it-admin-token-0123456789";
    private static final String GADS_CUSTOMER = "1234567890";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String LOCATION = "gid://shopify/Location/655441491";

    private PostgresServer postgres;
    private TestOdoo odoo;
    private OdooClient rpc;
    private FakePardot pardot;
    private FakeShopifyAdmin shopifyAdmin;
    private FakeGoogleAds googleAds;
    private byte[] masterKey;
    private Path dataDir;
    private HubRuntime hub;
    private Jdbc hubDb;
    private ApiClient api;
    private ShopifySender shopify;
    private Webhooks catalog;

    @BeforeAll
    void start() throws Exception {
        postgres = PostgresServer.start();
        odoo = TestOdoo.start();
        rpc = odoo.client();
        // Odoo as a shop has it (as in ShopifyFlowIT): the order's currency, carrier, payment method and tax
        OdooShop shop = new OdooShop(rpc).currency("USD");
        shop.carrier("Standard delivery");
        shop.paymentMethod("Shopify Payments", "shopify");
        shop.saleTax("US State Tax 8%", 8.0);
        shop.categoryUnder(odoo.rootCategory().id(), "Clothes");
        // and Google Ads' account currency with a rate (as in GoogleAdsIT)
        LocalDate today = LocalDate.now(NEW_YORK);
        int gbp = (Integer) odoo.searchRead("res.currency", List.of(List.of("name", "=", "GBP")), List.of("id")).get(0).get("id");
        rpc.write("res.currency", List.of(gbp), Map.of("active", true), null);
        rpc.create("res.currency.rate", List.of(Map.of("currency_id", gbp, "name", today.minusDays(30).toString(), "rate", 0.5)), null);

        pardot = new FakePardot();
        shopifyAdmin = new FakeShopifyAdmin(SHOPIFY_TOKEN, 1000, 1000);
        List<FakeGoogleAds.Day> days = new ArrayList<>();
        for (int d = 0; d < 12; d++) {
            days.add(new FakeGoogleAds.Day("111", "Brand", CampaignStatus.ENABLED, today.minusDays(d), 10, 100, 5_000_000L, 1.0, 40.0));
        }
        googleAds = new FakeGoogleAds().account(GADS_CUSTOMER, "GBP", NEW_YORK.getId(), days);
        GoogleAdsApi.Opener opener = () -> googleAds.services(FakeGoogleAds.TOKEN, "9998887777");

        masterKey = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(masterKey);
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.db.url", postgres.jdbcUrl());
        settings.put("hub.db.user", "postgres");
        settings.put("hub.db.password", "");
        settings.put("hub.master-key", Base64.getEncoder().encodeToString(masterKey));
        settings.put("hub.admin-token", ADMIN);
        settings.put("hub.catalog.webhook-secret", CATALOG_SECRET);
        // Shopify: webhooks, the maps of ShopifyFlowIT, the push to the fake Admin API
        settings.put("hub.shopify.client-secret", SHOPIFY_SECRET);
        settings.put("hub.shopify.shop", "example.myshopify.com");
        settings.put("hub.shopify.admin-url", shopifyAdmin.baseUrl());
        settings.put("hub.shopify.access-token", SHOPIFY_TOKEN);
        settings.put("hub.shopify.carrier-map", "Standard Shipping=Standard delivery");
        settings.put("hub.shopify.payment-map", "shopify_payments=Shopify Payments");
        settings.put("hub.shopify.category-map", "Shirts=" + odoo.rootCategory().name() + " / Clothes");
        settings.put("hub.shopify.location-map", "655441491=WH/Stock");
        settings.put("hub.shopify.push.location", "655441491");
        // Pardot: the fake, its schedule parked (the test pulls)
        settings.put("hub.pardot.business-unit-id", FakePardot.BU);
        settings.put("hub.pardot.api-base", pardot.baseUrl());
        settings.put("hub.pardot.token-url", pardot.tokenUrl());
        settings.put("hub.pardot.backoff-ms", "20");
        settings.put("hub.pardot.pull-delay-ms", "3600000");
        settings.put("hub.pardot.mapping-file", "routes/pardot-field-mappings.json");
        // Google Ads: the fake service through the opener bean, its schedule parked (the test runs it through the API)
        settings.put("hub.google-ads.enabled", "true");
        settings.put("hub.google-ads.customer-ids", "123-456-7890");
        settings.put("hub.google-ads.conversion-action", "777");
        settings.put("hub.google-ads.lookback-days", "3");
        settings.put("hub.google-ads.first-run-days", "7");
        settings.put("hub.google-ads.start-delay-ms", "3600000");
        dataDir = Files.createTempDirectory("postgres-runtime-it");
        hub = HubRuntime.start(dataDir, settings, Map.of(GoogleAdsConnector.OPENER_BEAN, opener));
        hubDb = new Jdbc(hub.bean("hubDataSource", DataSource.class));
        api = new ApiClient(hub.httpPort(), Duration.ofMinutes(3));
        shopify = new ShopifySender(hub.httpPort(), SHOPIFY_SECRET);
        catalog = new Webhooks(hub.httpPort(), CATALOG_SECRET);
        CredentialStore credentials = hub.bean("credentialStore", CredentialStore.class);
        credentials.put(PardotTokens.CLIENT_ID, FakePardot.CLIENT_ID);
        credentials.put(PardotTokens.CLIENT_SECRET, FakePardot.CLIENT_SECRET);
        credentials.put(PardotTokens.REFRESH_TOKEN, FakePardot.REFRESH_TOKEN);
    }

    @AfterAll
    void stop() throws Exception {
        AutoCloseable[] all = {hub, googleAds, shopifyAdmin, pardot, odoo, postgres};
        Exception first = null;
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Test
    @Order(10)
    void theStateStoreIsThePostgresServerAndNoH2FileIsMade() throws Exception {
        assertThat(hub.bean("hubDatabase", HubDatabase.class).isPostgres()).isTrue();
        assertThat(hubDb.one("version", "SELECT version()", rs -> rs.getString(1)).orElseThrow()).startsWith("PostgreSQL");
        // every migration applied, in order, on this server
        List<String> versions = hubDb.list("flyway", "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
                rs -> rs.getString(1));
        assertThat(versions).contains("1", "2", "10", "20", "30", "40", "50", "60");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hub.") && n.endsWith(".db"));
        }
    }

    @Test
    @Order(20)
    void signedShopifyWebhooksLandInOdooAsACustomerProductsAndAConfirmedOrder() throws Exception {
        assertThat(shopify.send("customers/create", Fixtures.text("customer.json")).body()).contains("accepted");
        assertThat(shopify.send("products/create", Fixtures.text("product.json")).body()).contains("accepted");
        settled(ShopifyTopic.FLOW);
        String order = Fixtures.text("order.json");
        assertThat(shopify.send("orders/create", order).body()).contains("accepted");
        settled(ShopifyTopic.FLOW);

        assertThat(odoo.searchRead("res.partner", List.of(List.of("email", "=ilike", "bob.norman@mail.example.com"),
                List.of("parent_id", "=", false)), List.of("name"))).extracting(p -> p.get("name")).containsExactly("Bob Norman");
        assertThat(odoo.searchRead("product.product", List.of(List.of("default_code", "like", "TEE-")), List.of("default_code")))
                .extracting(v -> v.get("default_code")).containsExactlyInAnyOrder("TEE-S-RED", "TEE-S-BLUE", "TEE-L-RED", "TEE-L-BLUE");
        List<Map<String, Object>> orders = odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "#1001")),
                List.of("name", "state", "order_line"));
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0)).containsEntry("name", "SHOP#1001").containsEntry("state", "sale");
        assertThat((List<?>) orders.get(0).get("order_line")).hasSize(3);

        // the hub's tables on PostgreSQL: every event done, the entities' state, the history, what Shopify has
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE flow = ? AND status = 'done'", ShopifyTopic.FLOW)).isEqualTo(3);
        assertThat(hubDb.one("order state", "SELECT odoo_model, odoo_id FROM entity_state WHERE flow = ? AND entity_key = ?",
                rs -> rs.getString(1) + ":" + rs.getInt(2), ShopifyTopic.FLOW, "order:820982911946154508"))
                .contains("sale.order:" + orders.get(0).get("id"));
        assertThat(count("SELECT COUNT(*) FROM sync_log WHERE flow = ? AND status = 'success'", ShopifyTopic.FLOW)).isGreaterThanOrEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM shopify_variant_state WHERE product_id = ?", 788032119674292922L)).isEqualTo(4);
    }

    @Test
    @Order(30)
    void odoosPriceChangeIsPushedToShopifyOnce() throws Exception {
        int template = (Integer) odoo.searchRead("product.template", List.of(List.of("name", "=", "Example T-Shirt")), List.of("id"))
                .get(0).get("id");
        rpc.write("product.template", List.of(template), Map.of("list_price", 24.5), null);
        ShopifyPush push = hub.bean("shopifyPush", ShopifyPush.class);
        ShopifyPush.Summary pushed = push.run();
        assertThat(pushed.pricesPushed()).as("%s", pushed).isEqualTo(4);
        assertThat(shopifyAdmin.variantPrices).containsEntry("gid://shopify/ProductVariant/642667041472713922", "24.50");
        int calls = shopifyAdmin.calls.get();
        ShopifyPush.Summary again = push.run();
        assertThat(shopifyAdmin.calls.get()).as("nothing sent twice: %s", again).isEqualTo(calls);
        // what Shopify now has is recorded in the hub's table, and the push's cursor with it
        Map<String, String> recorded = new java.util.HashMap<>();
        hubDb.list("variant prices", "SELECT variant_id, price FROM shopify_variant_state WHERE product_id = ?",
                rs -> recorded.put("gid://shopify/ProductVariant/" + rs.getLong(1), rs.getString(2)), 788032119674292922L);
        assertThat(recorded).hasSize(4).allSatisfy((gid, price) ->
                assertThat(new java.math.BigDecimal(price)).isEqualByComparingTo(shopifyAdmin.variantPrices.get(gid)));
        assertThat(count("SELECT COUNT(*) FROM shopify_cursor")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(40)
    void aSignedCatalogWebhookBecomesAnOdooProduct() throws Exception {
        HttpResponse<String> r = catalog.send("pg-cat-1", Webhooks.product("PG-1", "Postgres mug", "9.90", null));
        assertThat(r.body()).contains("\"accepted\"");
        assertThat(catalog.send("pg-cat-1", Webhooks.product("PG-1", "Postgres mug", "9.90", null)).body()).contains("\"duplicate\"");
        settled(CatalogProductFlow.FLOW);
        List<Map<String, Object>> products = odoo.searchRead("product.template", List.of(List.of("default_code", "=", "PG-1")),
                List.of("name", "list_price"));
        assertThat(products).hasSize(1);
        assertThat(products.get(0)).containsEntry("name", "Postgres mug").containsEntry("list_price", 9.9);
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE flow = ? AND dedupe_key LIKE ? AND status = 'done'",
                CatalogProductFlow.FLOW, "%pg-cat-1%")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sync_log WHERE flow = ? AND status = 'success'", CatalogProductFlow.FLOW)).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(50)
    void aDroppedProductFileAndAnApiSyncLandInOdooAndInTheLocalCatalog() throws Exception {
        Path drop = dataDir.resolve("drop/products");
        Path tmp = Files.createTempFile(dataDir, "drop", ".tmp");
        Files.writeString(tmp, """
                supplier_reference,title,ean,price,category
                PG-F1,File mug,4006381333979,12.50,ROOT
                PG-F2,File jug,4006381333986,13.00,ROOT
                """.replace("ROOT", odoo.rootCategory().name()));
        Files.move(tmp, drop.resolve("pg-products.csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                odoo.searchRead("product.template", List.of(List.of("default_code", "in", List.of("PG-F1", "PG-F2"))), List.of("id")).size() == 2);
        settled(CatalogProductFlow.FLOW);
        Map<String, Object> mug = odoo.searchRead("product.template", List.of(List.of("default_code", "=", "PG-F1")),
                List.of("name", "barcode", "list_price")).get(0);
        assertThat(mug).containsEntry("name", "File mug").containsEntry("barcode", "4006381333979").containsEntry("list_price", 12.5);
        // the rows are in the local catalog on PostgreSQL, bound to their Odoo products
        assertThat(hubDb.one("local", "SELECT title, price, odoo_id FROM catalog_product WHERE external_key = ?",
                rs -> rs.getString(1) + "|" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString() + "|" + rs.getInt(3), "PG-F1"))
                .contains("File mug|12.5|" + mug.get("id"));

        // a product made through the catalog's API, then synced to Odoo: the catalog's own log on PostgreSQL
        HttpResponse<String> made = api.send("POST", "/api/v1/products", ADMIN,
                "{\"title\": \"Api lamp\", \"ean\": \"3700123456789\", \"price\": 30, \"supplier_reference\": \"PG-API-1\", \"supplier_id\": 15}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String id = ApiClient.json(made).get("id").asText();
        JsonNode synced = call("POST", "/api/v1/odoo/sync/" + id, ADMIN, "{}", 200);
        assertThat(synced.get("success").asBoolean()).isTrue();
        int odooId = synced.get("odoo_product_id").asInt();
        assertThat(odoo.searchRead("product.template", List.of(List.of("id", "=", odooId)), List.of("name")).get(0)).containsEntry("name", "Api lamp");
        assertThat(call("POST", "/api/v1/odoo/sync/" + id, ADMIN, "{}", 200).get("skipped").asBoolean()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM catalog_sync_log WHERE product_id = ? AND sync_status = 'success' AND odoo_product_id = ?",
                id, odooId)).isEqualTo(1);
        assertThat(call("GET", "/api/v1/odoo/logs?sync_status=success&product_id=" + id, ADMIN, null, 200).get("total").asInt()).isEqualTo(1);
        assertThat(call("GET", "/api/v1/odoo/stats", ADMIN, null, 200).get("total_syncs").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(call("GET", "/api/v1/products?supplier_id=15", ADMIN, null, 200).toString()).contains("PG-API-1");

        // changed on both sides, then the two-way sync: each field's owner wins (title the hub, price Odoo), the conflicts
        // kept on PostgreSQL
        rpc.write("product.template", List.of(odooId), Map.of("name", "Api lamp (Odoo)", "list_price", 35.0), null);
        assertThat(api.send("PUT", "/api/v1/products/" + id, ADMIN, "{\"title\": \"Api lamp (hub)\", \"price\": 32}").statusCode()).isEqualTo(200);
        Inbox inbox = hub.bean("inbox", Inbox.class);
        long imports = inbox.countsByStatus(io.odoohub.catalog.flow.CatalogSync.IMPORT_FLOW).getOrDefault("done", 0L);
        JsonNode twoWay = call("POST", "/api/v1/odoo/bidirectional-sync", ADMIN, "{}", 202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                inbox.countsByStatus(io.odoohub.catalog.flow.CatalogSync.IMPORT_FLOW).getOrDefault("done", 0L) == imports + 1);
        assertThat(hubDb.list("conflicts", "SELECT local_field, winner FROM catalog_sync_conflict WHERE product_id = ? AND batch_id = ?",
                rs -> rs.getString(1) + ":" + rs.getString(2), id, twoWay.get("batch_id").asText()))
                .containsExactlyInAnyOrder("title:hub", "price:odoo");
        assertThat(odoo.searchRead("product.template", List.of(List.of("id", "=", odooId)), List.of("name", "list_price")).get(0))
                .containsEntry("name", "Api lamp (hub)").containsEntry("list_price", 35.0);
        assertThat(hubDb.one("local", "SELECT title, price FROM catalog_product WHERE id = ?",
                rs -> rs.getString(1) + "|" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString(), id)).contains("Api lamp (hub)|35");
    }

    @Test
    @Order(60)
    void aPardotPullEndsAsALead() throws Exception {
        long prospect = pardot.addProspect("ann@example.com", "Ann", "Lee", "Acme", "(415) 555-2671", 42, "B+").get("id").asLong();
        PardotSchedule schedule = hub.bean("pardotPull", PardotSchedule.class);
        int pulled = schedule.pullProspects();
        assertThat(pulled).isEqualTo(1);
        settled(ProspectFlow.FLOW);
        List<Map<String, Object>> leads = odoo.searchRead("crm.lead", List.of(List.of("email_from", "=ilike", "ann@example.com")),
                List.of("contact_name", "partner_name", "x_pardot_score"));
        assertThat(leads).hasSize(1);
        assertThat(leads.get(0)).containsEntry("contact_name", "Ann Lee").containsEntry("partner_name", "Acme").containsEntry("x_pardot_score", 42);
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE flow = ? AND status = 'done'", ProspectFlow.FLOW)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM pardot_cursor WHERE cursor_at IS NOT NULL")).isGreaterThanOrEqualTo(1);

        // an engagement activity pulled from Pardot lands on the lead
        pardot.addActivity(prospect, 4, "Form", "Contact us", null);
        schedule.pullActivities();
        settled(io.odoohub.pardot.flow.ActivityFlow.FLOW);
        int lead = (Integer) odoo.searchRead("crm.lead", List.of(List.of("email_from", "=ilike", "ann@example.com")), List.of("id")).get(0).get("id");
        assertThat(odoo.searchRead("mail.activity", List.of(List.of("res_model", "=", "crm.lead"), List.of("res_id", "=", lead)),
                List.of("activity_type_id"))).extracting(a -> (Object) ((List<?>) a.get("activity_type_id")).get(1)).containsExactly("Form Completed");
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE flow = ? AND status = 'done'", io.odoohub.pardot.flow.ActivityFlow.FLOW))
                .isEqualTo(1);

        // the lead's stage changed in Odoo is pushed back to the prospect once, and what was sent is kept on PostgreSQL
        assertThat(schedule.push()).as("the hub's own writes are not echoed").isZero();
        int qualified = (Integer) odoo.searchRead("crm.stage", List.of(List.of("name", "=", "Qualified")), List.of("id")).get(0).get("id");
        rpc.write("crm.lead", List.of(lead), Map.of("stage_id", qualified), null);
        assertThat(schedule.push()).isEqualTo(1);
        assertThat(pardot.prospect(prospect).get("Odoo_Stage__c").asText()).isEqualTo("Qualified");
        assertThat(schedule.push()).as("nothing changed since").isZero();
        assertThat(hubDb.one("push state", "SELECT prospect_id, stage_name FROM pardot_push_state WHERE lead_id = ?",
                rs -> rs.getString(1) + "|" + rs.getString(2), lead)).contains(prospect + "|Qualified");
    }

    @Test
    @Order(70)
    void aGoogleAdsImportThroughTheApiWritesTheMetricsOnce() throws Exception {
        JsonNode run = call("POST", "/api/v1/google-ads/metrics/run", ADMIN, null, 200).get("imports").get(0);
        // first run: 7 days back plus 3 days of lookback, up to today, one campaign
        assertThat(run.get("rows").asInt()).isEqualTo(11);
        assertThat(odoo.searchRead(OdooAdsSchema.METRICS, List.of(), List.of("id"))).hasSize(11);
        assertThat(odoo.searchRead("utm.campaign", List.of(List.of("x_google_ads_campaign_id", "=", "111")), List.of("title")))
                .extracting(c -> c.get("title")).containsExactly("Brand");
        assertThat(hubDb.one("run", "SELECT last_success_day, failures FROM google_ads_run WHERE customer_id = ?",
                rs -> rs.getObject(1, LocalDate.class) + "/" + rs.getInt(2), GADS_CUSTOMER))
                .contains(LocalDate.parse(run.get("to").asText()) + "/0");
        // a second run writes the lookback again over the same records
        call("POST", "/api/v1/google-ads/metrics/run", ADMIN, null, 200);
        assertThat(odoo.searchRead(OdooAdsSchema.METRICS, List.of(), List.of("id"))).hasSize(11);

        // a confirmed order with a click id is uploaded as a conversion once, and the run is recorded on PostgreSQL
        int partner = rpc.create("res.partner", List.of(Map.of("name", "PG buyer")), null).get(0);
        int product = rpc.create("product.product", List.of(Map.of("name", "PG consulting", "type", "service", "list_price", 40.0)), null).get(0);
        List<Integer> order = rpc.create("sale.order", List.of(Map.of("partner_id", partner, "x_gclid", "gclid-pg-1",
                "order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_uom_qty", 1.0))))), null);
        rpc.call("sale.order", "action_confirm", List.of(order), Map.of());
        JsonNode upload = call("POST", "/api/v1/google-ads/conversions/run", ADMIN, null, 200);
        assertThat(upload.get("uploaded").asInt()).as("%s", upload).isEqualTo(1);
        assertThat(googleAds.accepted()).extracting(c -> c.getGclid()).containsExactly("gclid-pg-1");
        assertThat(call("POST", "/api/v1/google-ads/conversions/run", ADMIN, null, 200).get("uploaded").asInt()).isZero();
        assertThat(googleAds.accepted()).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM google_ads_run WHERE customer_id = ? AND last_success_at IS NOT NULL", GADS_CUSTOMER))
                .isEqualTo(2);

        // a label mapping, and the same category again refused by the unique key (SQLState 23xxx on PostgreSQL too)
        String category = odoo.rootCategory().name();
        long mapping = call("POST", "/api/v1/google-ads/label-mappings", ADMIN,
                "{\"odoo_category\":\"" + category + "\",\"label\":\"all\",\"label_index\":2}", 201).get("id").asLong();
        call("POST", "/api/v1/google-ads/label-mappings", ADMIN, "{\"odoo_category\":\"" + category + "\",\"label\":\"x\"}", 409);
        assertThat(hubDb.one("label", "SELECT label, label_index FROM google_ads_label_mapping WHERE id = ?",
                rs -> rs.getString(1) + ":" + rs.getInt(2), mapping)).contains("all:2");
    }

    @Test
    @Order(80)
    void aRefusedEventIsADeadLetterThatTheApiListsAndReplays() throws Exception {
        String operator = api.issue(ADMIN, "pg-operator", Role.OPERATOR);
        String missing = "PG category made later";
        assertThat(catalog.send("pg-dead-1", Webhooks.product("PG-DEAD", "Dead mug", "3", missing)).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                count("SELECT COUNT(*) FROM dead_letter WHERE flow = ? AND status = 'dead'", CatalogProductFlow.FLOW) == 1);
        JsonNode listed = call("GET", "/api/v1/dead-letters?flow=" + CatalogProductFlow.FLOW + "&status=dead", operator, null, 200);
        assertThat(listed.get("items")).hasSize(1);
        JsonNode dead = listed.get("items").get(0);
        assertThat(dead.get("source_key").asText()).isEqualTo("PG-DEAD");
        assertThat(dead.get("reason").asText()).contains(missing);
        long id = dead.get("id").asLong();
        assertThat(count("SELECT COUNT(*) FROM inbox_event e JOIN dead_letter d ON d.inbox_event_id = e.id WHERE d.id = ? AND e.status = 'dead'",
                id)).isEqualTo(1);

        rpc.create("product.category", List.of(Map.of("name", missing)), null);
        call("POST", "/api/v1/dead-letters/" + id + "/replay", operator, "", 200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                odoo.searchRead("product.template", List.of(List.of("default_code", "=", "PG-DEAD")), List.of("id")).size() == 1);
        settled(CatalogProductFlow.FLOW);
        assertThat(hubDb.one("dead letter", "SELECT status FROM dead_letter WHERE id = ?", rs -> rs.getString(1), id)).contains("replayed");
        assertThat(call("POST", "/api/v1/dead-letters/" + id + "/replay", operator, "", 409)).isNotNull();
    }

    @Test
    @Order(90)
    void theApiAnswersATokenItIssuedAndStoresOnlyItsHash() throws Exception {
        String viewer = api.issue(ADMIN, "pg-viewer", Role.VIEWER);
        JsonNode flows = call("GET", "/api/v1/flows", viewer, null, 200);
        List<String> names = new ArrayList<>();
        flows.get("flows").forEach(f -> names.add(f.get("flow").asText()));
        assertThat(names).contains(ShopifyTopic.FLOW, CatalogProductFlow.FLOW, ProspectFlow.FLOW);
        JsonNode history = call("GET", "/api/v1/sync-history?flow=" + ShopifyTopic.FLOW, viewer, null, 200);
        assertThat(history.get("total").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode stats = call("GET", "/api/v1/sync-history/stats?flow=" + CatalogProductFlow.FLOW, viewer, null, 200);
        assertThat(stats.toString()).contains("total");
        // a viewer may not pause a flow; a wrong token is refused
        assertThat(api.send("POST", "/api/v1/flows/" + CatalogProductFlow.FLOW + "/pause", viewer, "{}").statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/flows", viewer + "x", null).statusCode()).isEqualTo(401);
        // an account of the console and the operator's page: only a salted hash of its password, its role in its own table
        String password = "pg-console-" + Long.toHexString(new SecureRandom().nextLong()) + "-Pw";
        call("POST", "/api/v1/console-users", ADMIN, "{\"username\": \"pg-ops\", \"password\": \"" + password + "\", \"role\": \"operator\"}", 201);
        call("POST", "/api/v1/console-users", ADMIN, "{\"username\": \"pg-ops\", \"password\": \"" + password + "\", \"role\": \"operator\"}", 409);
        assertThat(call("GET", "/api/v1/console-users", ADMIN, null, 200).toString()).contains("pg-ops").doesNotContain(password);
        assertThat(hubDb.one("console user", "SELECT u.password_hash, r.role FROM console_user u JOIN console_user_role r ON r.username = u.username"
                + " WHERE u.username = ?", rs -> rs.getString(1) + "|" + rs.getString(2), "pg-ops").orElseThrow())
                .startsWith("pbkdf2-sha256$").endsWith("|operator").doesNotContain(password);
        // the token's last use is recorded, and only its hash is kept
        assertThat(hubDb.one("token", "SELECT token_hash, role, last_used_at IS NOT NULL FROM api_token WHERE name = ?",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3), "pg-viewer").orElseThrow())
                .doesNotContain(viewer).endsWith("|" + Role.VIEWER.wireName() + "|true");
    }

    @Test
    @Order(100)
    void aCredentialIsSealedUnderTheMasterKeyInPostgres() throws Exception {
        String value = "pg-canary-" + Long.toHexString(new SecureRandom().nextLong()) + "-s3cr3t";
        HttpResponse<String> put = api.send("PUT", "/api/v1/credentials/pg-canary", ADMIN, "{\"value\": \"" + value + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(value);
        String sealed = hubDb.one("credential", "SELECT ciphertext FROM credential WHERE name = ?", rs -> rs.getString(1), "pg-canary")
                .orElseThrow();
        assertThat(sealed).doesNotContain(value)
                .doesNotContain(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        // opened with the master key the hub was given, and with no other
        assertThat(new CredentialStore(hub.bean("hubDataSource", DataSource.class), new SecretBox(masterKey)).get("pg-canary")).contains(value);
        byte[] other = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(other);
        CredentialStore wrongKey = new CredentialStore(hub.bean("hubDataSource", DataSource.class), new SecretBox(other));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrongKey.get("pg-canary")).isInstanceOf(RuntimeException.class);
        // the Pardot credentials the pull used are in the same table, sealed too
        assertThat(count("SELECT COUNT(*) FROM credential WHERE name LIKE 'pardot%'")).isEqualTo(3);
        assertThat(hubDb.list("credentials", "SELECT ciphertext FROM credential", rs -> rs.getString(1)))
                .noneMatch(c -> c.contains(FakePardot.CLIENT_SECRET) || c.contains(FakePardot.REFRESH_TOKEN));
    }

    @Test
    @Order(110)
    void theOperatorsPageActivityCountsComeFromPostgres() {
        io.odoohub.observe.FlowActivity.Window hour = new io.odoohub.observe.FlowActivity(hub.bean("hubDataSource", DataSource.class),
                java.time.Clock.systemUTC()).lastHour(CatalogProductFlow.FLOW);
        // PG-1 and the two file rows and PG-DEAD received, written (PG-DEAD after its replay), one dead letter
        assertThat(hour.received()).isEqualTo(count("SELECT COUNT(*) FROM inbox_event WHERE flow = ?", CatalogProductFlow.FLOW)).isGreaterThanOrEqualTo(4);
        assertThat(hour.written()).isGreaterThanOrEqualTo(4);
        assertThat(hour.dead()).isEqualTo(1);
    }

    private long count(String sql, Object... args) {
        return hubDb.one("count", sql, rs -> rs.getLong(1), args).orElseThrow();
    }

    /** Waits until the flow has nothing pending, and fails on a dead letter of it. */
    private void settled(String flow) {
        Inbox inbox = hub.bean("inbox", Inbox.class);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> inbox.depth(flow) == 0);
        assertThat(inbox.countsByStatus(flow).getOrDefault("dead", 0L)).as("dead letters of %s: %s", flow, inbox.countsByStatus(flow)).isZero();
    }

    private JsonNode call(String method, String path, String token, String body, int expectStatus) throws Exception {
        HttpResponse<String> r = api.send(method, path, token, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expectStatus);
        return r.body().isEmpty() ? null : ApiClient.json(r);
    }
}
