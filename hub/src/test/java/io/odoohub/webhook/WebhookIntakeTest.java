package io.odoohub.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.NewEvent;
import io.odoohub.support.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The intake's steps in their order, with a webhook that counts what it is asked; nothing reaches an inbox here. */
class WebhookIntakeTest {

    private static final String PROOF = "X-Test-Secret";

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final List<String> asked = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private final WebhookIntake intake = new WebhookIntake("Test webhook", Set.of(PROOF), Json.mapper(4, 100), null, new FlowCounters(), 64) {
        @Override
        protected Verdict verify(Delivery delivery) {
            asked.add("verify");
            return Verdict.of("right".equals(delivery.header(PROOF)), PROOF);
        }

        @Override
        protected Events events(Delivery delivery) throws IOException {
            asked.add("events");
            if (delivery.header("CamelHttpUri") != null) {
                asked.add("saw CamelHttpUri");
            }
            JsonNode root = delivery.json();
            if (root.path("ignore").asBoolean()) {
                return Events.ignored("told to");
            }
            if (!root.has("id")) {
                throw new IllegalArgumentException("no \"id\"\nhere");
            }
            return Events.one(new NewEvent("test", "test", "t", "k", null, null, delivery.text()));
        }
    };

    @Test
    void aBodyOverTheCapIsRefusedBeforeTheSenderIsAsked() {
        Exchange ex = post("{\"id\":\"" + "x".repeat(100) + "\"}", "right");
        assertThat(status(ex)).isEqualTo(413);
        assertThat(ex.getMessage().getBody(String.class)).isEqualTo("{\"error\":\"body larger than 64 bytes\"}");
        assertThat(asked).isEmpty();
    }

    @Test
    void anUnprovenDeliveryIsRefusedBeforeItsJsonIsRead() {
        Exchange ex = post("{not json", "wrong");
        assertThat(status(ex)).isEqualTo(401);
        assertThat(ex.getMessage().getBody(String.class)).isEqualTo("{\"error\":\"missing or invalid X-Test-Secret\"}");
        assertThat(asked).containsExactly("verify");
    }

    @Test
    void unreadableAndInvalidBodiesAre400WithASafeMessage() {
        assertThat(status(post("{not json", "right"))).isEqualTo(400);
        Exchange deep = post("{\"a\":[[[[[[1]]]]]]}", "right");
        assertThat(status(deep)).isEqualTo(400);
        assertThat(deep.getMessage().getBody(String.class)).startsWith("{\"error\":\"invalid JSON: ").containsIgnoringCase("depth");
        Exchange invalid = post("{}", "right");
        assertThat(status(invalid)).isEqualTo(400);
        assertThat(invalid.getMessage().getBody(String.class)).isEqualTo("{\"error\":\"no 'id' here\"}");
    }

    @Test
    void anIgnoredDeliveryIsAcknowledgedAndOnlyTheNamedHeadersReachTheWebhook() {
        Exchange ex = new DefaultExchange(context);
        ex.getMessage().setBody("{\"ignore\":true}".getBytes());
        ex.getMessage().setHeader(PROOF, "right");
        ex.getMessage().setHeader("CamelHttpUri", "http://127.0.0.1:1/evil");
        intake.receive(ex);
        assertThat(status(ex)).isEqualTo(200);
        assertThat(ex.getMessage().getBody(String.class)).isEqualTo("{\"status\":\"ignored\"}");
        assertThat(asked).containsExactly("verify", "events");
    }

    private Exchange post(String body, String proof) {
        Exchange ex = new DefaultExchange(context);
        ex.getMessage().setBody(body.getBytes());
        ex.getMessage().setHeader(PROOF, proof);
        intake.receive(ex);
        return ex;
    }

    private static Object status(Exchange ex) {
        return ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE);
    }
}
