package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooFaultException;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** create (batched, isolating bad rows), write and unlink. */
final class WriteOperations {

    private WriteOperations() {
    }

    @SuppressWarnings("unchecked")
    static void create(Exchange exchange, OdooEndpoint endpoint) {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        List<Map<String, Object>> rows;
        if (body instanceof Map<?, ?> single) {
            rows = List.of((Map<String, Object>) single);
        } else if (body instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
            rows = (List<Map<String, Object>>) list;
        } else {
            throw new IllegalArgumentException("odoo:" + endpoint.getModel()
                    + "?operation=create needs a body of values (a Map or a List of Maps), got " + Messages.describe(body));
        }
        OdooBatchWriter writer = new OdooBatchWriter(endpoint.client(), endpoint.getConfiguration().getBatchSize());
        BatchResult progress = Messages.progress(exchange, rows.size());
        BatchResult result = writer.create(endpoint.getModel(), rows, Messages.mapHeader(in, OdooConstants.CONTEXT), progress);
        if (body instanceof Map<?, ?> && result.failedCount() == 1) {
            // one record: Odoo's refusal is the exchange's failure, for the error policy to handle
            exchange.removeProperty(OdooConstants.PROGRESS_PROPERTY);
            RowFailure failure = result.failures().get(0);
            throw failure.cause() != null ? failure.cause()
                    : new OdooFaultException(endpoint.getModel() + ".create", 2, failure.message());
        }
        Messages.setBatchResult(exchange, result);
    }

    static void write(Exchange exchange, OdooEndpoint endpoint) {
        Message in = exchange.getMessage();
        List<Integer> ids = Messages.ids(in.getHeader(OdooConstants.IDS));
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("odoo:" + endpoint.getModel() + "?operation=write needs header " + OdooConstants.IDS);
        }
        if (!(in.getBody() instanceof Map<?, ?> values)) {
            throw new IllegalArgumentException("odoo:" + endpoint.getModel() + "?operation=write needs a Map of values as body, got "
                    + Messages.describe(in.getBody()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vals = (Map<String, Object>) values;
        in.setBody(endpoint.client().write(endpoint.getModel(), ids, vals, Messages.mapHeader(in, OdooConstants.CONTEXT)));
    }

    static void unlink(Exchange exchange, OdooEndpoint endpoint) {
        Message in = exchange.getMessage();
        List<Integer> ids = Messages.ids(in.getHeader(OdooConstants.IDS));
        if (ids == null) {
            ids = Messages.ids(in.getBody());
        }
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("odoo:" + endpoint.getModel() + "?operation=unlink needs ids in header "
                    + OdooConstants.IDS + " or as the body");
        }
        in.setBody(endpoint.client().unlink(endpoint.getModel(), ids, Messages.mapHeader(in, OdooConstants.CONTEXT)));
    }
}
