package io.odoohub.pardot;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.inbox.NewEvent;
import io.odoohub.webhook.HmacVerifier;
import io.odoohub.webhook.InboundHeaders;
import io.odoohub.webhook.WebhookReply;
import io.odoohub.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/pardot} ({@code routes/pardot-callback.camel.yaml}): visitor activities posted by an
 * Engagement Studio external action, Salesforce Flow or form-handler forwarding. Pardot signs nothing, so the
 * integrator sets a secret ({@code PARDOT_WEBHOOK_SECRET}) and the sender proves it either as
 * {@code X-Pardot-Webhook-Secret: <secret>} or {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>};
 * anything else, or no secret configured, is 401. The body is one activity in the v5 shape, a JSON array of them, or
 * {@code {"values": [...]}}; each is stored in the inbox, then answered.
 */
public final class PardotWebhook {

    static final String SECRET_HEADER = "X-Pardot-Webhook-Secret";
    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final Logger LOG = LoggerFactory.getLogger(PardotWebhook.class);
    private static final Set<String> KEEP = Set.of("Content-Type", "Content-Length", SECRET_HEADER, SIGNATURE_HEADER);

    private final List<byte[]> secrets = new ArrayList<>();
    private final HmacVerifier hmac;
    private final InboxIntake intake;
    private final FlowCounters counters;
    private final int maxBodyBytes;

    PardotWebhook(String secrets, InboxIntake intake, FlowCounters counters, int maxBodyBytes) {
        for (String s : secrets.split(",")) {
            if (!s.isBlank()) {
                this.secrets.add(s.trim().getBytes(StandardCharsets.UTF_8));
            }
        }
        this.hmac = new HmacVerifier(secrets, HmacVerifier.Encoding.HEX);
        this.intake = intake;
        this.counters = counters;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        InboundHeaders.keepOnly(in, KEEP);
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > maxBodyBytes) {
            WebhookReply.answer(in, 413, "{\"error\":\"body larger than " + maxBodyBytes + " bytes\"}");
            return;
        }
        if (!authentic(in, body)) {
            LOG.warn("Pardot callback: refused a delivery without the shared secret or a valid signature ({} bytes)", body.length);
            WebhookReply.answer(in, 401, "{\"error\":\"missing or invalid " + SECRET_HEADER + " or " + SIGNATURE_HEADER + "\"}");
            return;
        }
        List<NewEvent> events = new ArrayList<>();
        try {
            JsonNode root = Json.PARDOT.readTree(body);
            JsonNode list = root != null && root.has("values") ? root.get("values") : root;
            if (list == null || !(list.isArray() || list.isObject())) {
                throw new IllegalArgumentException("the body must be an activity object, an array of them or {\"values\": [...]}");
            }
            for (JsonNode a : list.isArray() ? list : List.of(list)) {
                events.add(ActivityFlow.event(PardotNormaliser.activity(a), a.toString()));
            }
        } catch (java.io.IOException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"invalid JSON\"}");
            return;
        } catch (IllegalArgumentException e) {
            WebhookReply.answer(in, 400, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
            return;
        }
        int accepted = 0;
        int duplicates = 0;
        for (NewEvent e : events) {
            Inbox.Receipt r = intake.store(e);
            if (r.duplicate()) {
                duplicates++;
            } else {
                accepted++;
            }
        }
        counters.add(ActivityFlow.FLOW, FlowCounters.Kind.RECEIVED, accepted);
        counters.add(ActivityFlow.FLOW, FlowCounters.Kind.DUPLICATE, duplicates);
        WebhookReply.answer(in, 200, "{\"accepted\":" + accepted + ",\"duplicates\":" + duplicates + "}");
    }

    private boolean authentic(Message in, byte[] body) {
        if (secrets.isEmpty()) {
            return false;
        }
        String shared = in.getHeader(SECRET_HEADER, String.class);
        if (shared != null) {
            boolean ok = false;
            byte[] given = shared.trim().getBytes(StandardCharsets.UTF_8);
            for (byte[] s : secrets) {
                ok |= MessageDigest.isEqual(s, given);
            }
            return ok;
        }
        String signature = in.getHeader(SIGNATURE_HEADER, String.class);
        return signature != null && signature.startsWith("sha256=") && hmac.verify(body, signature.substring(7));
    }

}
