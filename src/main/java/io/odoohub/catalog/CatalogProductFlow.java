package io.odoohub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.error.ErrorPolicy;
import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxEvent;
import io.odoohub.inbox.NewEvent;
import io.odoohub.odoo.BatchResult;
import io.odoohub.odoo.RowFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog-products flow: products from dropped files (and the signed webhook) are stored in the inbox, then
 * applied in batches by {@code routes/catalog-products.camel.yaml}: events -> product.template values ->
 * {@code odoo:product.template?operation=load} -> one outcome per event.
 */
public final class CatalogProductFlow {

    public static final String FLOW = "catalog-products";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogProductFlow.class);
    private static final String EVENT_IDS = "hubEventIds";
    private static final String EARLY_OUTCOMES = "hubEarlyOutcomes";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final ProductFileParser parser = new ProductFileParser();
    private final ProductMapper mapper = new ProductMapper();
    private final Inbox inbox;
    private final FlowCounters counters;

    public CatalogProductFlow(Inbox inbox, FlowCounters counters) {
        this.inbox = inbox;
        this.counters = counters;
    }

    /** A dropped file: every row into the inbox (a row seen before, unchanged, is a duplicate and not stored again). */
    public void storeFile(Exchange exchange) {
        exchange.setProperty(ErrorPolicy.FLOW_PROPERTY, FLOW);
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String content = exchange.getMessage().getBody(String.class);
        if (content == null) {
            throw new IllegalArgumentException("product file " + fileName + " could not be read as text");
        }
        List<Map<String, String>> rows = parser.readRows(fileName, content);
        int stored = 0;
        int duplicates = 0;
        List<NewEvent> events = new ArrayList<>(rows.size());
        for (Map<String, String> fields : rows) {
            events.add(event("file", fields));
        }
        for (int from = 0; from < events.size(); from += 500) {
            for (Inbox.Receipt r : inbox.storeAll(events.subList(from, Math.min(events.size(), from + 500)))) {
                if (r.duplicate()) {
                    duplicates++;
                } else {
                    stored++;
                }
            }
        }
        counters.add(FLOW, FlowCounters.Kind.RECEIVED, stored);
        counters.add(FLOW, FlowCounters.Kind.DUPLICATE, duplicates);
        LOG.info("Product file {}: {} row(s) stored in the inbox, {} unchanged since an earlier file", fileName, stored, duplicates);
    }

    /** An inbox event for one product: keyed by its content, so an unchanged row is a duplicate. */
    public NewEvent event(String source, Map<String, String> fields) {
        String json = toJson(new TreeMap<>(fields));
        String key = ProductFileParser.keyOf(fields);
        return new NewEvent(FLOW, "catalog-" + source, "product", source + ":" + sha256(json), key, updatedAt(fields), json);
    }

    /** Inbox events -> product.template values for load; an event that cannot be mapped fails at once. */
    public void toOdooRows(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<InboxEvent> events = exchange.getMessage().getBody(List.class);
        List<Map<String, Object>> values = new ArrayList<>(events.size());
        List<Long> ids = new ArrayList<>(events.size());
        List<EventOutcome> early = new ArrayList<>();
        for (InboxEvent e : events) {
            Map<String, String> fields = fromJson(e.payload());
            String key = ProductFileParser.keyOf(fields);
            if (fields == null) {
                early.add(EventOutcome.failed(e.id(), "payload is not a JSON object of product fields", false));
            } else if (key == null) {
                early.add(EventOutcome.failed(e.id(), "product has neither supplier_reference nor ean, so it cannot be matched", false));
            } else {
                values.add(mapper.toOdoo(new ProductRow(key, fields)));
                ids.add(e.id());
            }
        }
        exchange.setProperty(EVENT_IDS, ids);
        exchange.setProperty(EARLY_OUTCOMES, early);
        exchange.getMessage().setBody(values);
    }

    /** load's result -> one outcome per event. */
    public List<EventOutcome> outcomes(Exchange exchange) {
        BatchResult result = exchange.getMessage().getBody(BatchResult.class);
        @SuppressWarnings("unchecked")
        List<Long> ids = exchange.getProperty(EVENT_IDS, List.class);
        @SuppressWarnings("unchecked")
        List<EventOutcome> out = new ArrayList<>(exchange.getProperty(EARLY_OUTCOMES, List.class));
        Map<Integer, RowFailure> failures = new TreeMap<>();
        for (RowFailure f : result.failures()) {
            failures.put(f.index(), f);
        }
        for (int i = 0; i < ids.size(); i++) {
            RowFailure f = failures.get(i);
            if (f != null) {
                out.add(EventOutcome.failed(ids.get(i), f.message(), false));
            } else {
                out.add(EventOutcome.written(ids.get(i), "product.template", result.ids().get(i), ProductMapper.FIELDS));
            }
        }
        return out;
    }

    private static Instant updatedAt(Map<String, String> fields) {
        String v = fields.get("updated_at");
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("updated_at '" + v + "' is not an ISO-8601 instant (e.g. 2026-11-23T10:15:30Z)");
        }
    }

    private static String toJson(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("product fields cannot be written as JSON", e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
