package io.odoohub.odoo;

import java.util.ArrayList;
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

    /** Maps that name different columns are loaded in groups of the same columns ({@link LoadTable#groupsByColumns}). */
    private static void loadMaps(Exchange exchange, OdooEndpoint endpoint, List<Map<String, ?>> maps) {
        BatchResult progress = Messages.progress(exchange, maps.size());
        OdooBatchWriter writer = new OdooBatchWriter(endpoint.client(), endpoint.getConfiguration().getBatchSize());
        Map<String, Object> context = Messages.mapHeader(exchange.getMessage(), OdooConstants.CONTEXT);
        for (List<Integer> indexes : LoadTable.groupsByColumns(maps)) {
            List<Map<String, ?>> group = new ArrayList<>(indexes.size());
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
