package io.odoohub.shopify.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.inbox.NewEvent;
import io.odoohub.shopify.model.ShopifyPayloads;
import io.odoohub.shopify.model.ShopifyTopic;
import io.odoohub.support.Hashes;
import io.odoohub.support.Json;
import io.odoohub.webhook.HmacVerifier;
import io.odoohub.webhook.WebhookIntake;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /webhooks/shopify} ({@code routes/shopify-webhook.camel.yaml}): every topic on one endpoint, the topic
 * from {@code X-Shopify-Topic}. The signature is the base64 HMAC-SHA256 of the raw body with the app's client secret
 * (old and new secret during a rotation); a topic the hub does not handle is acknowledged and ignored; the event is
 * stored in the inbox and answered; the drain writes it to Odoo.
 *
 * <p>Dedupe key: {@code X-Shopify-Event-Id} with the topic (Shopify's guidance: the same event id means a
 * duplicate; one event reaches each subscription of a topic), else {@code X-Shopify-Webhook-Id}, else the body's
 * hash. Entity key: the order, product, customer or inventory level; {@code updated_at} drops stale updates.
 */
public class ShopifyWebhookRoute extends WebhookIntake {

    public static final String PATH = "/webhooks/shopify";
    static final String TOPIC = "X-Shopify-Topic";
    static final String HMAC = "X-Shopify-Hmac-Sha256";
    static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    static final String EVENT_ID = "X-Shopify-Event-Id";
    static final String TRIGGERED_AT = "X-Shopify-Triggered-At";

    private final HmacVerifier verifier;

    public ShopifyWebhookRoute(HmacVerifier verifier, InboxIntake inbox, FlowCounters counters, int maxBodyBytes) {
        super("Shopify webhook", Set.of(TOPIC, HMAC, "X-Shopify-Shop-Domain", "X-Shopify-API-Version", WEBHOOK_ID, EVENT_ID, TRIGGERED_AT),
                Json.SHOPIFY_WEBHOOK, inbox, counters, maxBodyBytes);
        this.verifier = verifier;
    }

    @Override
    protected Verdict verify(Delivery delivery) {
        if (!verifier.isConfigured()) {
            return Verdict.notConfigured("the Shopify webhook is not configured (set SHOPIFY_CLIENT_SECRET)");
        }
        // base64 only: a hex digest (or anything else) does not decode to the 32 bytes of the HMAC and fails here
        return Verdict.of(verifier.verify(delivery.body(), delivery.header(HMAC)), HMAC);
    }

    @Override
    protected Events events(Delivery delivery) throws IOException {
        String topicName = delivery.header(TOPIC);
        Optional<ShopifyTopic> topic = ShopifyTopic.of(topicName);
        if (topic.isEmpty()) {
            return Events.ignored("topic '" + sanitize(topicName) + "' is not handled");
        }
        JsonNode root = delivery.json();
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body must be one JSON object");
        }
        return Events.one(event(topic.get(), root, delivery.text(), delivery.header(EVENT_ID), delivery.header(WEBHOOK_ID)));
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
        return new NewEvent(ShopifyTopic.FLOW, "shopify", topic.topic(), dedupeKey(topic, eventId, webhookId, payload), entity,
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

}
