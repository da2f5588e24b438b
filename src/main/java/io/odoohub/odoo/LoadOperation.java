package io.odoohub.odoo;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * load: upsert by external id. The body is either a List of Maps (one per record; see {@link LoadTable}) or a
 * List of {@link LoadRecord} with the columns in header {@code OdooLoadFields}. The body becomes a
 * {@link BatchResult}.
 */
final class LoadOperation {

    private LoadOperation() {
    }

    @SuppressWarnings("unchecked")
    static void load(Exchange exchange, OdooEndpoint endpoint) {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        LoadTable table;
        if (body instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(LoadRecord.class::isInstance)) {
            List<String> fields = Messages.stringList(in.getHeader(OdooConstants.LOAD_FIELDS));
            if (fields == null || fields.isEmpty()) {
                throw new IllegalArgumentException("odoo:" + endpoint.getModel() + "?operation=load with LoadRecord rows needs header "
                        + OdooConstants.LOAD_FIELDS);
            }
            table = new LoadTable(fields, (List<LoadRecord>) list);
        } else if (body instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
            loadMaps(exchange, endpoint, (List<Map<String, ?>>) list);
            return;
        } else {
            throw new IllegalArgumentException("odoo:" + endpoint.getModel()
                    + "?operation=load needs a List of Maps or of LoadRecord as body, got " + Messages.describe(body));
        }
        BatchResult progress = Messages.progress(exchange, table.records().size());
        OdooBatchWriter writer = new OdooBatchWriter(endpoint.client(), endpoint.getConfiguration().getBatchSize());
        BatchResult result = writer.load(endpoint.getModel(), table.fields(), table.records(),
                Messages.mapHeader(in, OdooConstants.CONTEXT), progress);
        Messages.setBatchResult(exchange, result);
    }

    /**
     * Maps with different keys are loaded in groups of the same keys: in one load call a column a record lacks
     * would be an empty cell, and load empties the field for an empty cell.
     */
    private static void loadMaps(Exchange exchange, OdooEndpoint endpoint, List<Map<String, ?>> maps) {
        Map<java.util.Set<String>, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < maps.size(); i++) {
            groups.computeIfAbsent(maps.get(i).keySet(), k -> new java.util.ArrayList<>()).add(i);
        }
        BatchResult progress = Messages.progress(exchange, maps.size());
        OdooBatchWriter writer = new OdooBatchWriter(endpoint.client(), endpoint.getConfiguration().getBatchSize());
        Map<String, Object> context = Messages.mapHeader(exchange.getMessage(), OdooConstants.CONTEXT);
        for (List<Integer> indexes : groups.values()) {
            List<Map<String, ?>> group = new java.util.ArrayList<>(indexes.size());
            for (int i : indexes) {
                group.add(maps.get(i));
            }
            LoadTable table = LoadTable.fromMaps(group);
            BatchResult part = progress.slice(indexes);
            writer.load(endpoint.getModel(), table.fields(), table.records(), context, part);
            progress.merge(part, indexes);
        }
        Messages.setBatchResult(exchange, progress);
    }
}
