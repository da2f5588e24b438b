package io.odoohub.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.inbox.NewEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake of every webhook, in fixed steps on the request thread: keep only the headers the webhook names, refuse
 * a body over its cap (413; {@link WebhookBodyLimit} has refused larger ones while reading), have the sender proven
 * before anything is parsed (401, or 503 while no secret is set), read the body with the webhook's bounded JSON mapper
 * into inbox events (400 for what cannot be read), store them (committed before the answer), count them and answer
 * 200. The inbox drain writes them to Odoo later.
 *
 * <p>A connector's webhook extends it with its verifier ({@link #verify}) and its event extraction ({@link #events});
 * its YAML route in {@code routes/} calls {@link #receive}.
 */
public abstract class WebhookIntake {

    private static final Set<String> BODY_HEADERS = Set.of("Content-Type", "Content-Length");

    /** The connector's logger, so that a webhook's lines keep the connector's category. */
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Set<String> headers;
    private final ObjectMapper json;
    private final InboxIntake inbox;
    private final FlowCounters counters;
    private final int maxBodyBytes;

    /**
     * @param name    the webhook as the log names it ("Shopify webhook")
     * @param headers the request headers the verifier and the extraction read; every other one is dropped first
     * @param json    the bounded mapper ({@code support/Json}) the body is read with
     */
    protected WebhookIntake(String name, Set<String> headers, ObjectMapper json, InboxIntake inbox, FlowCounters counters, int maxBodyBytes) {
        this.name = name;
        this.headers = new HashSet<>(headers);
        this.headers.addAll(BODY_HEADERS);
        this.json = json;
        this.inbox = inbox;
        this.counters = counters;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Whether the delivery is the sender's, checked on the raw body before it is parsed. */
    protected abstract Verdict verify(Delivery delivery);

    /**
     * The inbox events a verified delivery carries. An {@link IllegalArgumentException} (and an unreadable body, from
     * {@link Delivery#json()}) is answered 400 with its message; nothing is stored.
     */
    protected abstract Events events(Delivery delivery) throws IOException;

    public final void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        InboundHeaders.keepOnly(in, headers);
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > maxBodyBytes) {
            WebhookReply.answer(in, 413, "{\"error\":\"body larger than " + maxBodyBytes + " bytes\"}");
            return;
        }
        Delivery delivery = new Delivery(in, body, json);
        Verdict verdict = verify(delivery);
        if (verdict.refusal() != null) {
            if (verdict.status() == 401) {
                log.warn("{}: refused a delivery with a missing or wrong {} ({} bytes)", name, verdict.proof(), body.length);
            }
            WebhookReply.answer(in, verdict.status(), "{\"error\":\"" + quoteSafe(verdict.refusal()) + "\"}");
            return;
        }
        Events events;
        try {
            events = events(delivery);
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
        if (events.ignored() != null) {
            log.info("{}: {}; acknowledged and ignored", name, events.ignored());
            WebhookReply.answer(in, 200, "{\"status\":\"ignored\"}");
            return;
        }
        int accepted = 0;
        int duplicates = 0;
        Inbox.Receipt last = null;
        for (NewEvent event : events.list()) {
            last = inbox.store(event);
            counters.add(event.flow(), last.duplicate() ? FlowCounters.Kind.DUPLICATE : FlowCounters.Kind.RECEIVED, 1);
            if (last.duplicate()) {
                duplicates++;
            } else {
                accepted++;
            }
        }
        WebhookReply.answer(in, 200, events.batch() ? "{\"accepted\":" + accepted + ",\"duplicates\":" + duplicates + "}"
                : "{\"status\":\"" + (last.duplicate() ? "duplicate" : "accepted") + "\",\"event_id\":" + last.id() + "}");
    }

    /** A message made safe to stand inside a JSON string of the answer. */
    private static String quoteSafe(String s) {
        return s == null ? "" : s.replace("\\", "/").replace("\"", "'").replaceAll("[\\r\\n\\t]", " ");
    }

    /** A delivery as the verifier and the extraction see it: the kept headers and the raw body. */
    public static final class Delivery {

        private final Message message;
        private final byte[] body;
        private final ObjectMapper json;

        Delivery(Message message, byte[] body, ObjectMapper json) {
            this.message = message;
            this.body = body;
            this.json = json;
        }

        public String header(String name) {
            return message.getHeader(name, String.class);
        }

        public byte[] body() {
            return body;
        }

        /** The body as received, for the inbox's payload. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body read with the webhook's bounded mapper (its depth and length limits), or null when it is empty. */
        public JsonNode json() throws IOException {
            return json.readTree(body);
        }
    }

    /**
     * What the verifier found: authentic, or the answer that refuses the delivery.
     *
     * @param status  200, 401 or 503
     * @param proof   what a refused delivery lacked (a header's name), for the log
     * @param refusal the answer's error, or null when the delivery is authentic
     */
    public record Verdict(int status, String proof, String refusal) {

        public static final Verdict AUTHENTIC = new Verdict(200, null, null);

        /** The sender's proof is missing or wrong: 401, naming what is expected. */
        public static Verdict refused(String proof) {
            return new Verdict(401, proof, "missing or invalid " + proof);
        }

        /** No secret is set, so nothing can be verified: 503, saying what to set. */
        public static Verdict notConfigured(String message) {
            return new Verdict(503, null, message);
        }

        public static Verdict of(boolean authentic, String proof) {
            return authentic ? AUTHENTIC : refused(proof);
        }
    }

    /**
     * What a delivery carries: one event (answered with its status and inbox id), a batch (answered with counts), or
     * nothing the hub handles (acknowledged, logged, not stored).
     */
    public record Events(List<NewEvent> list, boolean batch, String ignored) {

        public static Events one(NewEvent event) {
            return new Events(List.of(event), false, null);
        }

        public static Events batch(List<NewEvent> events) {
            return new Events(List.copyOf(events), true, null);
        }

        /** @param why the reason, for the log ("topic 'carts/update' is not handled") */
        public static Events ignored(String why) {
            return new Events(List.of(), false, why);
        }
    }
}
