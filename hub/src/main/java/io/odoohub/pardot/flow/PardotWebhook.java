package io.odoohub.pardot.flow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.inbox.NewEvent;
import io.odoohub.support.Json;
import io.odoohub.webhook.HmacVerifier;
import io.odoohub.webhook.WebhookIntake;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.odoohub.pardot.client.PardotNormaliser;

/**
 * {@code POST /webhooks/pardot} ({@code routes/pardot-callback.camel.yaml}): visitor activities posted by an
 * Engagement Studio external action, Salesforce Flow or form-handler forwarding. Pardot signs nothing, so the
 * integrator sets a secret ({@code PARDOT_WEBHOOK_SECRET}) and the sender proves it either as
 * {@code X-Pardot-Webhook-Secret: <secret>} or {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>};
 * anything else, or no secret configured, is 401. The body is one activity in the v5 shape, a JSON array of them, or
 * {@code {"values": [...]}}; each is stored in the inbox, then answered with the counts.
 */
public final class PardotWebhook extends WebhookIntake {

    public static final String SECRET_HEADER = "X-Pardot-Webhook-Secret";
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private final HmacVerifier secrets;

    public PardotWebhook(String secrets, InboxIntake intake, FlowCounters counters, int maxBodyBytes) {
        super("Pardot callback", Set.of(SECRET_HEADER, SIGNATURE_HEADER), Json.PARDOT, intake, counters, maxBodyBytes);
        this.secrets = new HmacVerifier(secrets, HmacVerifier.Encoding.HEX);
    }

    @Override
    protected Verdict verify(Delivery delivery) {
        String shared = delivery.header(SECRET_HEADER);
        // a sender that sends the secret is judged by it alone
        boolean authentic = shared != null ? secrets.isSecret(shared)
                : secrets.verify(delivery.body(), delivery.header(SIGNATURE_HEADER), "sha256=");
        return Verdict.of(authentic, SECRET_HEADER + " or " + SIGNATURE_HEADER);
    }

    @Override
    protected Events events(Delivery delivery) throws IOException {
        JsonNode root;
        try {
            root = delivery.json();
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid JSON"); // the callback's answer has never carried the parser's detail
        }
        JsonNode list = root != null && root.has("values") ? root.get("values") : root;
        if (list == null || !(list.isArray() || list.isObject())) {
            throw new IllegalArgumentException("the body must be an activity object, an array of them or {\"values\": [...]}");
        }
        List<NewEvent> events = new ArrayList<>();
        for (JsonNode a : list.isArray() ? list : List.of(list)) {
            events.add(ActivityFlow.event(PardotNormaliser.activity(a), a.toString()));
        }
        return Events.batch(events);
    }
}
