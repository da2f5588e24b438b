package io.odoohub.odoo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** search_read (every page) and fields_get. */
final class ReadOperations {

    private ReadOperations() {
    }

    /** Reads every matching record, {@code pageSize} per call, up to header {@code OdooLimit} when set. */
    static void searchRead(Exchange exchange, OdooEndpoint endpoint) {
        Message in = exchange.getMessage();
        OdooConfiguration cfg = endpoint.getConfiguration();
        List<?> domain = Messages.listHeader(in, OdooConstants.DOMAIN);
        if (domain == null && in.getBody() instanceof List<?> bodyDomain) {
            domain = bodyDomain;
        }
        List<String> fields = fields(in, cfg);
        String order = in.getHeader(OdooConstants.ORDER, cfg.getOrder(), String.class);
        if (order == null || order.isBlank()) {
            order = "id asc"; // a stable order, or pages could skip or repeat records
        }
        Integer limit = in.getHeader(OdooConstants.LIMIT, Integer.class);
        Map<String, Object> context = Messages.mapHeader(in, OdooConstants.CONTEXT);

        List<Map<String, Object>> all = new ArrayList<>();
        int pageSize = cfg.getPageSize();
        int calls = 0;
        while (true) {
            int want = limit != null && limit > 0 ? Math.min(pageSize, limit - all.size()) : pageSize;
            if (want <= 0) {
                break;
            }
            List<Map<String, Object>> page = endpoint.client().searchRead(endpoint.getModel(), domain, fields, order, all.size(), want, context);
            calls++;
            all.addAll(page);
            if (page.size() < want) {
                break;
            }
        }
        in.setHeader(OdooConstants.CALLS, calls);
        in.setBody(all);
    }

    static void fieldsGet(Exchange exchange, OdooEndpoint endpoint) {
        Message in = exchange.getMessage();
        List<String> attributes = Messages.stringList(in.getBody());
        in.setBody(endpoint.client().fieldsGet(endpoint.getModel(),
                attributes != null ? attributes : List.of("string", "type", "required", "readonly", "relation", "selection")));
    }

    private static List<String> fields(Message in, OdooConfiguration cfg) {
        List<String> fromHeader = Messages.stringList(in.getHeader(OdooConstants.FIELDS));
        if (fromHeader != null) {
            return fromHeader;
        }
        if (cfg.getFields() == null || cfg.getFields().isBlank()) {
            return List.of();
        }
        return Arrays.stream(cfg.getFields().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
