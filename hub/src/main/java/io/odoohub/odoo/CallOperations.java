package io.odoohub.odoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** call (any public method), version and authenticate. */
final class CallOperations {

    private CallOperations() {
    }

    /**
     * Calls {@code method} with positional args: the ids from header {@code OdooIds} first when set, then the body
     * when it is a List. Private methods are refused here before Odoo refuses them.
     */
    static void call(Exchange exchange, OdooEndpoint endpoint) {
        Message in = exchange.getMessage();
        String method = in.getHeader(OdooConstants.METHOD, endpoint.getConfiguration().getMethod(), String.class);
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("odoo:" + endpoint.getModel() + "?operation=call needs a method option or header "
                    + OdooConstants.METHOD);
        }
        if (method.startsWith("_")) {
            throw new IllegalArgumentException("Private methods such as '" + method + "' cannot be called remotely");
        }
        List<Object> args = new ArrayList<>();
        List<Integer> ids = Messages.ids(in.getHeader(OdooConstants.IDS));
        if (ids != null) {
            args.add(ids);
        }
        if (in.getBody() instanceof List<?> bodyArgs) {
            args.addAll(bodyArgs);
        }
        Map<String, Object> kwargs = Messages.mapHeader(in, OdooConstants.KWARGS);
        Map<String, Object> context = Messages.mapHeader(in, OdooConstants.CONTEXT);
        if (context != null) {
            kwargs = kwargs == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(kwargs);
            kwargs.put("context", context);
        }
        in.setBody(endpoint.client().call(endpoint.getModel(), method, args, kwargs == null ? Map.of() : kwargs));
    }

    static void version(Exchange exchange, OdooEndpoint endpoint) {
        exchange.getMessage().setBody(endpoint.client().version());
    }

    static void authenticate(Exchange exchange, OdooEndpoint endpoint) {
        exchange.getMessage().setBody(endpoint.client().authenticate());
    }
}
