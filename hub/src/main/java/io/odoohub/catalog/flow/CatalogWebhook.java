package io.odoohub.catalog.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.inbox.NewEvent;
import io.odoohub.support.Json;
import io.odoohub.webhook.HmacVerifier;
import io.odoohub.webhook.WebhookIntake;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /webhooks/catalog/products} ({@code routes/catalog-webhook.camel.yaml}): one product (the catalog's
 * fields, optional {@code updated_at}) signed with {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
 * body>}. Stored in the inbox, then answered; the drain writes it to Odoo. {@code X-Hub-Event-Id} deduplicates
 * deliveries (without it, the body's content does).
 */
public final class CatalogWebhook extends WebhookIntake {

    static final String SIGNATURE = "X-Hub-Signature-256";
    static final String EVENT_ID = "X-Hub-Event-Id";

    private final HmacVerifier verifier;
    private final CatalogProductFlow flow;

    public CatalogWebhook(HmacVerifier verifier, InboxIntake inbox, CatalogProductFlow flow, FlowCounters counters, int maxBodyBytes) {
        super("Catalog webhook", Set.of(SIGNATURE, EVENT_ID), Json.CATALOG_WEBHOOK, inbox, counters, maxBodyBytes);
        this.verifier = verifier;
        this.flow = flow;
    }

    @Override
    protected Verdict verify(Delivery delivery) {
        if (!verifier.isConfigured()) {
            return Verdict.notConfigured("the catalog webhook is not configured (set HUB_CATALOG_WEBHOOK_SECRET)");
        }
        return Verdict.of(verifier.verify(delivery.body(), delivery.header(SIGNATURE), "sha256="), SIGNATURE);
    }

    @Override
    protected Events events(Delivery delivery) throws IOException {
        NewEvent event = flow.event("webhook", fields(delivery.json()));
        String eventId = delivery.header(EVENT_ID);
        if (eventId != null && !eventId.isBlank()) {
            if (eventId.length() > 200) {
                throw new IllegalArgumentException(EVENT_ID + " longer than 200 characters");
            }
            event = new NewEvent(event.flow(), event.source(), event.type(), "webhook-id:" + eventId, event.entityKey(),
                    event.sourceUpdatedAt(), event.payload());
        }
        return Events.one(event);
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
