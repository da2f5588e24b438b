package io.odoohub.pardot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.inbox.FlowCounters;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** With no secret configured, every callback is refused before anything is read or stored. */
class PardotWebhookTest {

    @Test
    void withoutASecretEveryCallIs401EvenWithAnEmptySecretHeader() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PardotWebhook webhook = new PardotWebhook(" , ", null, new FlowCounters(), 1000);
            for (String given : new String[] {null, "", " "}) {
                Exchange ex = new DefaultExchange(context);
                ex.getMessage().setBody("{\"id\":1,\"prospectId\":2,\"type\":11}".getBytes());
                if (given != null) {
                    ex.getMessage().setHeader(PardotWebhook.SECRET_HEADER, given);
                }
                webhook.receive(ex);
                assertThat(ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
            }
        }
    }
}
