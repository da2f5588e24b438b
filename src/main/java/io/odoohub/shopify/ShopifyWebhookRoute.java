package io.odoohub.shopify;

import io.odoohub.error.RoutePolicies;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.inbox.NewEvent;
import io.odoohub.shopify.model.ShopifyPayloads;
import io.odoohub.support.Hashes;
import io.odoohub.support.Json;
import io.odoohub.webhook.HmacVerifier;
import io.odoohub.webhook.InboundHeaders;
import io.odoohub.webhook.WebhookReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /webhooks/shopify}: every topic on one endpoint, the topic from {@code X-Shopify-Topic}. On the
 * request thread: size cap, then the signature (base64 HMAC-SHA256 of the raw body with the app's client secret,
 * constant time, old and new secret during a rotation) before anything is parsed, then the JSON, then the event is
 * stored in the inbox and answered; the drain writes it to Odoo.
 *
 * <p>Dedupe key: {@code X-Shopify-Event-Id} with the topic (Shopify's guidance: the same event id means a
 * duplicate; one event reaches each subscription of a topic), else {@code X-Shopify-Webhook-Id}, else the body's
 * hash. Entity key: the order, product, customer or inventory level; {@code updated_at} drops stale updates.
 */
public class ShopifyWebhookRoute extends RouteBuilder {

    public static final String PATH = "/webhooks/shopify";
    static final String TOPIC = "X-Shopify-Topic";
    static final String HMAC = "X-Shopify-Hmac-Sha256";
    static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    static final String EVENT_ID = "X-Shopify-Event-Id";
    static final String TRIGGERED_AT = "X-Shopify-Triggered-At";
    private static final Set<String> KEEP = Set.of("Content-Type", "Content-Length", TOPIC, HMAC, "X-Shopify-Shop-Domain",
            "X-Shopify-API-Version", WEBHOOK_ID, EVENT_ID, TRIGGERED_AT);

    private final HmacVerifier verifier;
    private final InboxIntake inbox;
    private final FlowCounters counters;
    private final int maxBodyBytes;

    public ShopifyWebhookRoute(HmacVerifier verifier, InboxIntake inbox, FlowCounters counters, int maxBodyBytes) {
        this.verifier = verifier;
        this.inbox = inbox;
        this.counters = counters;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void configure() {
        from("platform-http:" + PATH + "?httpMethodRestrict=POST").routeId("webhook-shopify").routeConfigurationId(RoutePolicies.WEBHOOK).process(this::receive);
    }

    void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        InboundHeaders.keepOnly(in, KEEP);
        if (!verifier.isConfigured()) {
            WebhookReply.answer(in, 503, "{\"error\":\"the Shopify webhook is not configured (set SHOPIFY_CLIENT_SECRET)\"}");
            return;
        }
        long declared = declaredLength(in.getHeader("Content-Length", String.class));
        if (declared > maxBodyBytes) {
            WebhookReply.answer(in, 413, "{\"error\":\"body larger than " + maxBodyBytes + " bytes\"}");
            return;
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > maxBodyBytes) {
            WebhookReply.answer(in, 413, "{\"error\":\"body larger than " + maxBodyBytes + " bytes\"}");
            return;
        }
        // base64 only: a hex digest (or anything else) does not decode to the 32 bytes of the HMAC and fails here
        if (!verifier.verify(body, in.getHeader(HMAC, String.class))) {
            log.warn("Shopify webhook: refused a delivery with a missing or wrong {} ({} bytes)", HMAC, body.length);
            WebhookReply.answer(in, 401, "{\"error\":\"missing or invalid " + HMAC + "\"}");
            return;
        }
        String topicName = in.getHeader(TOPIC, String.class);
        Optional<ShopifyTopic> topic = ShopifyTopic.of(topicName);
        if (topic.isEmpty()) {
            log.info("Shopify webhook: topic '{}' is not handled; acknowledged and ignored", sanitize(topicName));
            WebhookReply.answer(in, 200, "{\"status\":\"ignored\"}");
            return;
        }
        NewEvent event;
        try {
            JsonNode root = Json.SHOPIFY_WEBHOOK.readTree(body);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the body must be one JSON object");
            }
            event = event(topic.get(), root, new String(body, StandardCharsets.UTF_8), in.getHeader(EVENT_ID, String.class),
                    in.getHeader(WEBHOOK_ID, String.class));
        } catch (JacksonException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"invalid JSON: " + quoteSafe(e.getOriginalMessage()) + "\"}");
            return;
        } catch (IOException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"unreadable body\"}");
            return;
        } catch (IllegalArgumentException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"" + quoteSafe(e.getMessage()) + "\"}");
            return;
        }
        Inbox.Receipt receipt = inbox.store(event);
        counters.add(ShopifyConnector.FLOW, receipt.duplicate() ? FlowCounters.Kind.DUPLICATE : FlowCounters.Kind.RECEIVED, 1);
        WebhookReply.answer(in, 200, "{\"status\":\"" + (receipt.duplicate() ? "duplicate" : "accepted") + "\",\"event_id\":" + receipt.id() + "}");
    }

    /** The Content-Length the sender declared, or -1 (absent, not a number: the body's real length decides). */
    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The inbox event of one delivery. */
    static NewEvent event(ShopifyTopic topic, JsonNode root, String payload, String eventId, String webhookId) {
        String entity = switch (topic.entity()) {
            case ORDER -> "order:" + id(root);
            case PRODUCT -> "product:" + id(root);
            case CUSTOMER -> "customer:" + (topic == ShopifyTopic.CUSTOMERS_REDACT ? ShopifyPayloads.redactedCustomer(root) : id(root));
            case INVENTORY -> {
                var level = ShopifyPayloads.inventoryLevel(root);
                yield "inventory:" + level.inventoryItemId() + ":" + level.locationId();
            }
            case NONE -> null;
        };
        Instant updatedAt = topic == ShopifyTopic.PRODUCTS_DELETE || topic.entity() == ShopifyTopic.Entity.NONE
                ? null : ShopifyPayloads.updatedAt(root);
        return new NewEvent(ShopifyConnector.FLOW, "shopify", topic.topic(), dedupeKey(topic, eventId, webhookId, payload), entity,
                updatedAt, payload);
    }

    private static long id(JsonNode root) {
        JsonNode id = root.path("id");
        if (!id.canConvertToLong() || id.asLong() <= 0) {
            throw new IllegalArgumentException("the payload has no numeric id");
        }
        return id.asLong();
    }

    static String dedupeKey(ShopifyTopic topic, String eventId, String webhookId, String payload) {
        if (eventId != null && !eventId.isBlank()) {
            return checked("event:" + topic.topic() + ":" + eventId.trim(), EVENT_ID);
        }
        if (webhookId != null && !webhookId.isBlank()) {
            return checked("webhook:" + webhookId.trim(), WEBHOOK_ID);
        }
        return "body:" + topic.topic() + ":" + Hashes.sha256Hex(payload);
    }

    private static String checked(String key, String header) {
        if (key.length() > 300) {
            throw new IllegalArgumentException(header + " is too long");
        }
        return key;
    }

    private static String sanitize(String s) {
        if (s == null) {
            return "(none)";
        }
        String cut = s.length() > 60 ? s.substring(0, 60) : s;
        return cut.replaceAll("[^A-Za-z0-9/_.-]", "?");
    }

    private static String quoteSafe(String s) {
        return s == null ? "" : s.replace("\\", "/").replace("\"", "'").replaceAll("[\\r\\n\\t]", " ");
    }

}
