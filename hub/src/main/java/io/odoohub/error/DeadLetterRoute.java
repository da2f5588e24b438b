package io.odoohub.error;

import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** Where the error policy sends what failed for good: into the dead_letter table. */
public class DeadLetterRoute extends RouteBuilder {

    private final DeadLetterStore store;

    public DeadLetterRoute(DeadLetterStore store) {
        this.store = store;
    }

    @Override
    public void configure() {
        from(ErrorPolicy.DEAD_LETTER_ENDPOINT).routeId("hub-dead-letter").routeConfigurationId(RoutePolicies.HOUSEKEEPING)
                .process(this::record);
    }

    void record(Exchange exchange) {
        Throwable failure = FailureClassifier.failureOf(exchange);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        String flow = exchange.getProperty(ErrorPolicy.FLOW_PROPERTY, routeId, String.class);
        int attempts = Math.max(1, exchange.getProperty(ErrorPolicy.ATTEMPTS_PROPERTY, 1, Integer.class));
        String payload = exchange.getProperty(ErrorPolicy.PAYLOAD_PROPERTY, String.class);
        if (payload == null) {
            payload = exchange.getMessage().getBody(String.class);
        }
        store.add(DeadLetter.of(flow == null ? "unknown" : flow, routeId,
                exchange.getProperty(ErrorPolicy.SOURCE_KEY_PROPERTY, String.class), payload,
                reasonOf(failure), typeOf(failure), attempts));
    }

    /** Odoo's own message when Odoo refused; else the exception's message. */
    public static String reasonOf(Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        if (t instanceof OdooFaultException f) {
            return f.getOdooMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public static String typeOf(Throwable t) {
        if (t == null) {
            return null;
        }
        if (t instanceof OdooFaultException f) {
            return "Odoo fault " + f.getFaultCode() + (f.getOdooType() == null ? "" : " " + f.getOdooType());
        }
        return t.getClass().getName();
    }
}
