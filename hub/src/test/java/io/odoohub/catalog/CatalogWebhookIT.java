package io.odoohub.catalog;

import io.odoohub.catalog.flow.CatalogProductFlow;
import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.inbox.Inbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.testsupport.Webhooks;
import io.odoohub.webhook.HmacVerifier;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed catalog webhook over real HTTP: verified before parsing, stored, deduplicated, written by the drain (sandbox and real Odoo). */
@Tag(TestOdoo.TAG)
class CatalogWebhookIT {

    private static final String OLD = "old-secret-for-tests";
    private static final String NEW = "new-secret-for-tests";

    @TempDir
    Path dataDir;

    private TestOdoo odoo;
    private HubRuntime hub;
    private Webhooks webhooks;

    @BeforeEach
    void setUp() throws Exception {
        odoo = TestOdoo.start();
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.catalog.webhook-secret", OLD + "," + NEW);
        settings.put("hub.webhooks.max-body-bytes", "4096");
        hub = HubRuntime.start(dataDir, settings);
        webhooks = new Webhooks(hub.httpPort(), NEW);
    }

    @AfterEach
    void tearDown() throws Exception {
        hub.close();
        odoo.close();
    }

    @Test
    void aSignedProductLandsInOdooAndAReplayedDeliveryIsAcknowledgedOnce() throws Exception {
        String body = Webhooks.product("W-1", "Webhook mug", "9.90", null);
        HttpResponse<String> first = webhooks.send("evt-1", body);
        HttpResponse<String> again = webhooks.send("evt-1", body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"accepted\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\"");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> products("W-1").size() == 1);
        assertThat(products("W-1").get(0)).containsEntry("name", "Webhook mug");
        // the drain settles the event just after the write it made is visible in Odoo
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(inbox().countsByStatus(CatalogProductFlow.FLOW)).containsOnly(java.util.Map.entry("done", 1L)));
    }

    @Test
    void bothSecretsVerifyDuringARotation() throws Exception {
        String body = Webhooks.product("W-2", "Old secret", "1", null);
        HttpResponse<String> withOld = new Webhooks(hub.httpPort(), OLD).send("evt-2", body);
        assertThat(withOld.statusCode()).isEqualTo(200);
    }

    @Test
    void forgedMissingAndWronglyEncodedSignaturesAreRefusedAndStoreNothing() throws Exception {
        String body = Webhooks.product("W-3", "Forged", "1", null);
        String forged = "sha256=" + HmacVerifier.sign("not-the-secret", body.getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.HEX);
        String base64 = "sha256=" + HmacVerifier.sign(NEW, body.getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.BASE64);
        String noPrefix = HmacVerifier.sign(NEW, body.getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.HEX);
        String otherBody = "sha256=" + HmacVerifier.sign(NEW, (body + " ").getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.HEX);
        for (String signature : new String[] {forged, base64, noPrefix, otherBody, null}) {
            assertThat(webhooks.send("evt-3", body, signature).statusCode()).as(String.valueOf(signature)).isEqualTo(401);
        }
        assertThat(inbox().depth(CatalogProductFlow.FLOW)).isZero();
        assertThat(inbox().countsByStatus(CatalogProductFlow.FLOW)).isEmpty();
    }

    @Test
    void badBodiesAreClearErrorsAndStoreNothing() throws Exception {
        assertThat(webhooks.send("evt-4", "{not json").statusCode()).isEqualTo(400);
        assertThat(webhooks.send("evt-5", "[1,2]").statusCode()).isEqualTo(400);
        HttpResponse<String> big = webhooks.send("evt-6", Webhooks.product("W-6", "x".repeat(5000), "1", null));
        assertThat(big.statusCode()).isEqualTo(413);
        HttpResponse<String> badDate = webhooks.send("evt-7", "{\"supplier_reference\":\"W-7\",\"updated_at\":\"yesterday\"}");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("updated_at");
        assertThat(inbox().countsByStatus(CatalogProductFlow.FLOW)).isEmpty();
    }

    @Test
    void injectedCamelHeadersNeverReachTheRoute() throws Exception {
        String body = Webhooks.product("W-8", "Injected", "2", null);
        String signature = "sha256=" + HmacVerifier.sign(NEW, body.getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.HEX);
        HttpResponse<String> r = webhooks.send("evt-8", body, signature,
                "CamelHttpUri", "http://127.0.0.1:1/evil", "CAmelExecCommandExecutable", "/bin/touch",
                "camelhttppath", "/etc", "CamelBeanMethodName", "close", "CamelHttpResponseCode", "500",
                "CamelFileName", "../../evil");
        assertThat(r.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> products("W-8").size() == 1);
    }

    @Test
    void staleUpdatesAreDropped() throws Exception {
        webhooks.send("evt-9", "{\"supplier_reference\":\"W-9\",\"ean\":\"4006381333993\",\"title\":\"Newest\",\"updated_at\":\"2026-11-23T12:00:00Z\"}");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> products("W-9").size() == 1);
        webhooks.send("evt-10", "{\"supplier_reference\":\"W-9\",\"ean\":\"4006381333993\",\"title\":\"Older\",\"updated_at\":\"2026-11-23T11:00:00Z\"}");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                inbox().countsByStatus(CatalogProductFlow.FLOW).getOrDefault("stale", 0L) == 1L);
        assertThat(products("W-9").get(0)).containsEntry("name", "Newest");
    }

    private Inbox inbox() {
        return hub.bean("inbox", Inbox.class);
    }

    private List<Map<String, Object>> products(String code) {
        return odoo.searchRead("product.template", List.of(List.of("default_code", "=", code)), List.of("name", "default_code"));
    }
}
