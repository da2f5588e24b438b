package io.odoohub.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.inbox.NewEvent;
import io.odoohub.support.Json;
import io.odoohub.webhook.HmacVerifier;
import io.odoohub.webhook.InboundHeaders;
import io.odoohub.webhook.WebhookReply;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /webhooks/catalog/products}: one product (the catalog's fields, optional {@code updated_at}) signed
 * with {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}. The request thread verifies, stores
 * the event in the inbox and answers; the drain writes it to Odoo. {@code X-Hub-Event-Id} deduplicates deliveries
 * (without it, the body's content does).
 */
public class CatalogWebhookRoute extends RouteBuilder {

    public static final String PATH = "/webhooks/catalog/products";
    static final String SIGNATURE = "X-Hub-Signature-256";
    static final String EVENT_ID = "X-Hub-Event-Id";
    private static final Set<String> KEEP = Set.of("Content-Type", "Content-Length", SIGNATURE, EVENT_ID);

    private final HmacVerifier verifier;
    private final InboxIntake inbox;
    private final CatalogProductFlow flow;
    private final FlowCounters counters;
    private final int maxBodyBytes;

    public CatalogWebhookRoute(HmacVerifier verifier, InboxIntake inbox, CatalogProductFlow flow, FlowCounters counters, int maxBodyBytes) {
        this.verifier = verifier;
        this.inbox = inbox;
        this.flow = flow;
        this.counters = counters;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void configure() {
        from("platform-http:" + PATH + "?httpMethodRestrict=POST").routeId("webhook-catalog-products")
                .process(this::receive);
    }

    void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        InboundHeaders.keepOnly(in, KEEP);
        if (!verifier.isConfigured()) {
            WebhookReply.answer(in, 503, "{\"error\":\"the catalog webhook is not configured (set HUB_CATALOG_WEBHOOK_SECRET)\"}");
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
        String signature = in.getHeader(SIGNATURE, String.class);
        if (signature == null || !signature.startsWith("sha256=") || !verifier.verify(body, signature.substring(7))) {
            log.warn("Catalog webhook: refused a delivery with a missing or wrong signature ({} bytes)", body.length);
            WebhookReply.answer(in, 401, "{\"error\":\"missing or invalid " + SIGNATURE + "\"}");
            return;
        }
        Map<String, String> fields;
        try {
            fields = fields(Json.CATALOG_WEBHOOK.readTree(body));
        } catch (JacksonException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"invalid JSON: " + e.getOriginalMessage().replace("\"", "'") + "\"}");
            return;
        } catch (java.io.IOException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"unreadable body\"}");
            return;
        } catch (IllegalArgumentException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
            return;
        }
        NewEvent event;
        try {
            event = flow.event("webhook", fields);
        } catch (IllegalArgumentException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
            return;
        }
        String eventId = in.getHeader(EVENT_ID, String.class);
        if (eventId != null && !eventId.isBlank()) {
            if (eventId.length() > 200) {
                WebhookReply.answer(in, 400, "{\"error\":\"" + EVENT_ID + " longer than 200 characters\"}");
                return;
            }
            event = new NewEvent(event.flow(), event.source(), event.type(), "webhook-id:" + eventId, event.entityKey(),
                    event.sourceUpdatedAt(), event.payload());
        }
        Inbox.Receipt receipt = inbox.store(event);
        counters.add(CatalogProductFlow.FLOW, receipt.duplicate() ? FlowCounters.Kind.DUPLICATE : FlowCounters.Kind.RECEIVED, 1);
        WebhookReply.answer(in, 200, "{\"status\":\"" + (receipt.duplicate() ? "duplicate" : "accepted") + "\",\"event_id\":" + receipt.id() + "}");
    }

    private static Map<String, String> fields(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be one JSON object of product fields");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                String v = e.getValue().asText().trim();
                if (!v.isEmpty()) {
                    fields.put(e.getKey().trim().toLowerCase(Locale.ROOT), v);
                }
            }
        }
        return fields;
    }

}
