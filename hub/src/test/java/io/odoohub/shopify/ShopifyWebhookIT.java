package io.odoohub.shopify;

import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.inbox.Inbox;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.webhook.HmacVerifier;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * POST /webhooks/shopify over real HTTP: signature checked before parsing (base64, both secrets while rotating),
 * size cap, bad JSON, unknown topics, duplicates. The flow is paused so that only the intake is observed.
 */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopifyWebhookIT {

    private static final String OLD = "fake-shopify-secret-old_secret_for_tests";
    private static final String NEW = "fake-shopify-secret-new_secret_for_tests";

    private Path dataDir;
    private TestOdoo odoo;
    private HubRuntime hub;
    private ShopifySender shopify;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("shopify-webhook-it");
        odoo = TestOdoo.start();
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.shopify.client-secret", OLD + "," + NEW);
        settings.put("hub.shopify.webhook.max-body-bytes", "16384");
        hub = HubRuntime.start(dataDir, settings);
        shopify = new ShopifySender(hub.httpPort(), NEW);
    }

    @BeforeEach
    void pause() {
        hub.bean("flowControl", io.odoohub.inbox.FlowControl.class).pause(ShopifyTopic.FLOW, "test: intake only", "test", null);
    }

    @AfterAll
    void stop() throws Exception {
        hub.close();
        odoo.close();
    }

    @Test
    void forgedMissingAndHexSignaturesAreRefusedBeforeAnythingIsStored() throws Exception {
        long before = stored();
        String body = Fixtures.text("customer.json");
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String forged = HmacVerifier.sign("not-the-secret", raw, HmacVerifier.Encoding.BASE64);
        String hex = HmacVerifier.sign(NEW, raw, HmacVerifier.Encoding.HEX);
        String otherBody = HmacVerifier.sign(NEW, (body + " ").getBytes(StandardCharsets.UTF_8), HmacVerifier.Encoding.BASE64);
        for (String signature : new String[] {forged, hex, otherBody, "", null}) {
            HttpResponse<String> r = shopify.send("customers/create", body, "w-1", "e-1", signature);
            assertThat(r.statusCode()).as(String.valueOf(signature)).isEqualTo(401);
        }
        // the signature is checked before the JSON: a forged bad body is a 401, not a 400
        assertThat(shopify.send("customers/create", "{not json", "w-1b", "e-1b", forged).statusCode()).isEqualTo(401);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void bothSecretsVerifyDuringARotation() throws Exception {
        String body = Fixtures.text("customer.json");
        HttpResponse<String> withOld = new ShopifySender(hub.httpPort(), OLD).send("customers/create", body, "w-2", "e-2");
        HttpResponse<String> withNew = shopify.send("customers/update", body, "w-3", "e-3");
        assertThat(withOld.statusCode()).isEqualTo(200);
        assertThat(withNew.statusCode()).isEqualTo(200);
        assertThat(withOld.body()).contains("accepted");
    }

    @Test
    void aRedeliveryIsAcknowledgedAndStoredOnce() throws Exception {
        String body = Fixtures.text("order.json");
        long before = stored();
        HttpResponse<String> first = shopify.send("orders/create", body, "w-4", "e-4");
        HttpResponse<String> retry = shopify.send("orders/create", body, "w-4", "e-4");
        // Shopify's guidance: the same X-Shopify-Event-Id is a duplicate, whatever the webhook id
        HttpResponse<String> sameEvent = shopify.send("orders/create", body, "w-5", "e-4");
        assertThat(first.body()).contains("accepted");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("duplicate");
        assertThat(sameEvent.body()).contains("duplicate");
        // without an event id, the webhook id deduplicates
        HttpResponse<String> a = shopify.send("orders/updated", body, "w-6", null);
        HttpResponse<String> b = shopify.send("orders/updated", body, "w-6", null);
        assertThat(a.body()).contains("accepted");
        assertThat(b.body()).contains("duplicate");
        assertThat(stored()).isEqualTo(before + 2);
    }

    @Test
    void badBodiesAreClearErrorsAndStoreNothing() throws Exception {
        long before = stored();
        assertThat(signed("orders/create", "{not json").statusCode()).isEqualTo(400);
        assertThat(signed("orders/create", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(signed("orders/create", "{\"name\":\"#1\"}").body()).contains("no numeric id");
        String deep = "{\"id\":1,\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        HttpResponse<String> tooDeep = signed("orders/create", deep);
        assertThat(tooDeep.statusCode()).isEqualTo(400);
        assertThat(tooDeep.body()).containsIgnoringCase("depth");
        HttpResponse<String> badDate = signed("products/update", "{\"id\":5,\"updated_at\":\"yesterday\"}");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("updated_at");
        HttpResponse<String> big = signed("products/update", "{\"id\":5,\"body_html\":\"" + "x".repeat(20_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(stored()).isEqualTo(before);
        assertThat(odoo.searchRead("sale.order", java.util.List.of(), java.util.List.of("id"))).isEmpty();
    }

    @Test
    void anUnknownTopicIsAcknowledgedAndIgnored() throws Exception {
        long before = stored();
        HttpResponse<String> r = signed("carts/update", "{\"id\":12}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("ignored");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void injectedCamelHeadersNeverReachTheRoute() throws Exception {
        String body = Fixtures.text("customer.json");
        HttpResponse<String> r = shopify.send("customers/create", body, "w-9", "e-9", ShopifySender.sign(NEW, body),
                "CamelHttpUri", "http://127.0.0.1:1/evil", "CAmelExecCommandExecutable", "/bin/touch",
                "CamelBeanMethodName", "close", "CamelHttpResponseCode", "500");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("accepted");
    }

    private HttpResponse<String> signed(String topic, String body) throws Exception {
        return shopify.send(topic, body);
    }

    private long stored() {
        return hub.bean("inbox", Inbox.class).countsByStatus(ShopifyTopic.FLOW).values().stream().mapToLong(Long::longValue).sum();
    }
}
