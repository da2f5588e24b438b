package io.odoohub.catalog;

import io.odoohub.catalog.flow.CatalogSync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiClient;
import io.odoohub.inbox.Inbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.Ports;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-way sync (ownership, conflicts, no echo) and the saved Odoo connection, over HTTP (sandbox and real Odoo). */
@Tag(TestOdoo.TAG)
class CatalogTwoWayIT {

    private static final String ADMIN = "catalog-twoway-admin-token-0123456789";
    private static final String WRONG_KEY = "catalog-twoway-wrong-key-5f3a9c";

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
        hub = HubRuntime.start(dataDir, settings);
        api = new ApiClient(hub.httpPort());
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        odoo.close();
    }

    @Test
    void aChangeOnBothSidesIsAConflictWonByTheFieldsOwnerAndNothingEchoes() throws Exception {
        JsonNode lamp = ApiClient.json(api.send("POST", "/api/v1/products", ADMIN,
                "{\"title\": \"Lamp\", \"ean\": \"4012345678901\", \"price\": 10, \"description\": \"A lamp\", \"supplier_reference\": \"LAMP-1\"}"));
        String id = lamp.get("id").asText();
        int odooId = ApiClient.json(api.send("POST", "/api/v1/odoo/sync/" + id, ADMIN, "{}")).get("odoo_product_id").asInt();

        odoo.client().write("product.template", List.of(odooId), Map.of("name", "Lamp (Odoo)", "list_price", 15.0,
                "description_sale", "Edited in Odoo"), null);
        assertThat(api.send("PUT", "/api/v1/products/" + id, ADMIN, "{\"title\": \"Lamp (hub)\", \"price\": 12}").statusCode()).isEqualTo(200);

        String batch = twoWay();
        // title is owned by the hub, price by Odoo (the default table); the description changed only in Odoo
        JsonNode conflicts = ApiClient.json(api.send("GET", "/api/v1/odoo/conflicts", ADMIN, null)).get("items");
        assertThat(conflicts).hasSize(2);
        assertThat(conflicts.findValues("local_field").stream().map(JsonNode::asText)).containsExactlyInAnyOrder("title", "price");
        for (JsonNode c : conflicts) {
            assertThat(c.get("batch_id").asText()).isEqualTo(batch);
            if (c.get("local_field").asText().equals("title")) {
                assertThat(c.get("hub_value").asText()).isEqualTo("Lamp (hub)");
                assertThat(c.get("odoo_value").asText()).isEqualTo("Lamp (Odoo)");
                assertThat(c.get("winner").asText()).isEqualTo("hub");
            } else {
                assertThat(c.get("hub_value").asText()).isEqualTo("12");
                assertThat(c.get("odoo_value").asText()).isEqualTo("15");
                assertThat(c.get("winner").asText()).isEqualTo("odoo");
            }
        }
        Map<String, Object> inOdoo = odoo.searchRead("product.template", List.of(List.of("id", "=", odooId)),
                List.of("name", "list_price", "description_sale")).get(0);
        assertThat(inOdoo).containsEntry("name", "Lamp (hub)").containsEntry("list_price", 15.0).containsEntry("description_sale", "Edited in Odoo");
        JsonNode local = ApiClient.json(api.send("GET", "/api/v1/products/" + id, ADMIN, null));
        assertThat(local.get("title").asText()).isEqualTo("Lamp (hub)");
        assertThat(local.get("price").decimalValue()).isEqualByComparingTo("15");
        assertThat(local.get("description").asText()).isEqualTo("Edited in Odoo");

        // what the hub wrote is not read back as an Odoo change: a second run finds nothing to do
        long before = odoo.callsByMethod().getOrDefault("product.template.load", 0L);
        String second = twoWay();
        JsonNode logs = ApiClient.json(api.send("GET", "/api/v1/odoo/logs?batch_id=" + second, ADMIN, null));
        assertThat(logs.get("total").asInt()).isZero();
        assertThat(ApiClient.json(api.send("GET", "/api/v1/odoo/conflicts", ADMIN, null)).get("items")).hasSize(2);
        assertThat(odoo.callsByMethod().getOrDefault("product.template.load", 0L)).isEqualTo(before);
    }

    @Test
    void theSavedConnectionIsTestedWithAClearMessageForEachFailureAndItsKeyNeverShows() throws Exception {
        assertThat(ApiClient.json(api.send("GET", "/api/v1/odoo/config", ADMIN, null)).get("source").asText()).isEqualTo("hub settings");
        HttpResponse<String> slash = api.send("PUT", "/api/v1/odoo/config", ADMIN, config(odoo.url() + "/", odoo.db(), odoo.key()));
        assertThat(slash.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(slash).get("error").asText()).contains("must not end with a slash");

        assertThat(put(config(odoo.url(), "Production_DB", odoo.key()))).isEqualTo(200);
        JsonNode noDb = test();
        assertThat(noDb.get("success").asBoolean()).isFalse();
        assertThat(noDb.get("message").asText()).startsWith("Database not found").contains("Production_DB");

        // a key of its own, so that no other text (the real Odoo's key "admin" is also its login) can stand for it
        assertThat(put(config(odoo.url(), odoo.db(), WRONG_KEY))).isEqualTo(200);
        assertThat(test().get("message").asText()).startsWith("Access Denied");
        HttpResponse<String> withWrongKey = api.send("GET", "/api/v1/odoo/config", ADMIN, null);
        assertThat(withWrongKey.body()).doesNotContain(WRONG_KEY).contains("\"source\":\"saved\"");
        assertThat(ApiClient.json(withWrongKey).has("odoo_password")).isFalse();
        assertThat(storedCiphertext()).doesNotContain(WRONG_KEY);

        assertThat(put(config("http://127.0.0.1:" + Ports.free(), odoo.db(), odoo.key()))).isEqualTo(200);
        assertThat(test().get("message").asText()).contains("unreachable");

        assertThat(put(config(odoo.url(), odoo.db(), odoo.key()))).isEqualTo(200);
        JsonNode ok = test();
        assertThat(ok.get("success").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.get("message").asText()).isEqualTo("Connection successful");
        assertThat(ok.get("odoo_version").asText()).startsWith(odoo.majorVersion() + ".");
        // XML-RPC on the sandbox and Odoo 18; JSON-2 on Odoo 19 (and XML-RPC in its XML-RPC pass), with the reason
        assertThat(ok.get("transport").asText()).isEqualTo(odoo.hubProtocol());
        assertThat(ok.get("transport_reason").asText()).contains(odoo.hubTransportReason());
        assertThat(ok.get("user_id").asInt()).isPositive();
        assertThat(ok.get("database").asText()).isEqualTo(odoo.db());
        // a later PUT without the password keeps the stored one
        assertThat(put("{\"name\": \"Production Odoo\", \"odoo_url\": \"" + odoo.url() + "\", \"odoo_db\": \"" + odoo.db()
                + "\", \"odoo_username\": \"" + odoo.login() + "\"}")).isEqualTo(200);
        assertThat(test().get("success").asBoolean()).isTrue();

        HttpResponse<String> shown = api.send("GET", "/api/v1/odoo/config", ADMIN, null);
        assertThat(shown.body()).contains("\"source\":\"saved\"").contains("Production Odoo");
        assertThat(ApiClient.json(shown).has("odoo_password")).isFalse();
        JsonNode status = ApiClient.json(api.send("GET", "/api/v1/odoo/status", ADMIN, null));
        assertThat(status.get("connected").asBoolean()).isTrue();
        assertThat(storedCiphertext()).isNotBlank().isNotEqualTo(odoo.key());
    }

    private static String storedCiphertext() throws Exception {
        try (Connection c = hub.bean("hubDataSource", DataSource.class).getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT ciphertext FROM credential WHERE name = 'catalog.odoo-password'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String twoWay() throws Exception {
        Inbox inbox = hub.bean("inbox", Inbox.class);
        long done = inbox.countsByStatus(CatalogSync.IMPORT_FLOW).getOrDefault("done", 0L);
        HttpResponse<String> r = api.send("POST", "/api/v1/odoo/bidirectional-sync", ADMIN, "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                inbox.countsByStatus(CatalogSync.IMPORT_FLOW).getOrDefault("done", 0L) == done + 1);
        return ApiClient.json(r).get("batch_id").asText();
    }

    private static String config(String url, String db, String key) {
        return "{\"name\": \"Production Odoo\", \"odoo_url\": \"" + url + "\", \"odoo_db\": \"" + db + "\", \"odoo_username\": \""
                + odoo.login() + "\", \"odoo_password\": \"" + key + "\"}";
    }

    private static int put(String body) throws Exception {
        HttpResponse<String> r = api.send("PUT", "/api/v1/odoo/config", ADMIN, body);
        assertThat(r.body()).doesNotContain(WRONG_KEY).doesNotContain("odoo_password");
        return r.statusCode();
    }

    private static JsonNode test() throws Exception {
        HttpResponse<String> r = api.send("POST", "/api/v1/odoo/test-connection", ADMIN, "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        return ApiClient.json(r);
    }
}
