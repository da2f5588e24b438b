package io.odoohub.webhook;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The answer of an inbound webhook route: a status and a small JSON body, and none of the request's headers. */
public final class WebhookReply {

    private WebhookReply() {
    }

    public static void answer(Message in, int status, String json) {
        in.getHeaders().clear();
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(json);
    }
}
