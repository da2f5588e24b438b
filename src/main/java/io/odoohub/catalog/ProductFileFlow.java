package io.odoohub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.error.ErrorPolicy;
import io.odoohub.odoo.BatchResult;
import io.odoohub.odoo.RowFailure;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the product-file flow ({@code routes/product-files.camel.yaml}): read the dropped file, map its rows,
 * and after {@code odoo:product.template?operation=load} turn every refused row into a dead letter with Odoo's reason.
 */
public final class ProductFileFlow {

    public static final String FLOW = "product-files";
    private static final Logger LOG = LoggerFactory.getLogger(ProductFileFlow.class);
    private static final String ROWS_PROPERTY = "hubProductRows";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProductFileParser parser = new ProductFileParser();
    private final ProductMapper mapper = new ProductMapper();
    private final DeadLetterStore deadLetters;

    public ProductFileFlow(DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** File -> product.template values for load; rows that cannot be keyed are dead letters at once. */
    public void parse(Exchange exchange) {
        exchange.setProperty(ErrorPolicy.FLOW_PROPERTY, FLOW);
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String content = exchange.getMessage().getBody(String.class);
        if (content == null) {
            throw new IllegalArgumentException("product file " + fileName + " could not be read as text");
        }
        ProductFileParser.Parsed parsed = parser.parse(fileName, content);
        for (ProductFileParser.RowProblem p : parsed.problems()) {
            deadLetters.add(DeadLetter.of(FLOW, exchange.getFromRouteId(), fileName + ":" + p.line(), toJson(p.fields()),
                    p.reason(), "invalid input", 1));
        }
        List<Map<String, Object>> values = new ArrayList<>(parsed.rows().size());
        for (ProductRow row : parsed.rows()) {
            values.add(mapper.toOdoo(row));
        }
        exchange.setProperty(ROWS_PROPERTY, parsed.rows());
        exchange.getMessage().setBody(values);
        LOG.info("Product file {}: {} row(s) to upsert into Odoo, {} refused before mapping", fileName, values.size(),
                parsed.problems().size());
    }

    /** After load: one dead letter per refused row, and a line that says what happened. */
    @SuppressWarnings("unchecked")
    public void report(Exchange exchange) {
        BatchResult result = exchange.getMessage().getBody(BatchResult.class);
        List<ProductRow> rows = exchange.getProperty(ROWS_PROPERTY, List.class);
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        for (RowFailure f : result.failures()) {
            ProductRow row = rows.get(f.index());
            deadLetters.add(DeadLetter.of(FLOW, exchange.getFromRouteId(), row.key(), toJson(row.fields()),
                    f.message(), f.field() == null ? "refused by Odoo" : "refused by Odoo: " + f.field(), 1));
        }
        LOG.info("Product file {}: {} product(s) upserted into Odoo, {} refused by Odoo (dead letters), {} Odoo call(s)",
                fileName, result.writtenCount(), result.failedCount(), result.calls());
    }

    private static String toJson(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            return String.valueOf(fields);
        }
    }
}
