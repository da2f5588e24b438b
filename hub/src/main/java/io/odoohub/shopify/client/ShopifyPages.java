package io.odoohub.shopify.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages of one top-level connection (customers, products, orders) for the import and the reconciliation, each
 * under Shopify's single-query limit: the page size is the largest whose requested cost ({@link ShopifyQueryCost})
 * is at most 1,000 points (and at most the configured size); a record whose nested list has more than the page asked
 * for (a product's variants, an order's lines) gets the rest by its own paged follow-up queries, appended to the
 * record before it is handed on. When Shopify still refuses a query for its cost, the next one asks for fewer records
 * in proportion, and that smaller size is kept for the rest of the run.
 */
public final class ShopifyPages {

    /** One page: its records (complete), and where the next one starts. */
    public record Page(List<JsonNode> nodes, boolean hasNextPage, String endCursor) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyPages.class);

    private final ShopifyAdminClient api;
    private final ShopifyGraphql.Query query;
    private final Map<String, Object> filter;
    private final Map<String, Integer> sizes = new LinkedHashMap<>();

    /** @param maxPageSize the configured page size (at most 250) */
    public ShopifyPages(ShopifyAdminClient api, ShopifyGraphql.Query query, Map<String, Object> filter, int maxPageSize) {
        this.api = api;
        this.query = query;
        this.filter = filter;
        sizes.put(query.connection(), Math.min(maxPageSize, fitting(query.document(), filter)));
        for (ShopifyGraphql.Nested n : query.nested()) {
            sizes.put(n.followUp(), fitting(n.followUp(), Map.of("id", "gid://shopify/Node/0")));
        }
    }

    /** Records a page currently asks for. */
    int pageSize() {
        return sizes.get(query.connection());
    }

    /** Records of one follow-up query of a nested list (the size currently asked for). */
    int followUpSize(ShopifyGraphql.Nested nested) {
        return sizes.get(nested.followUp());
    }

    /** The page after {@code after} (null: the first), each record with all of its nested lists. */
    public Page page(String after) {
        Map<String, Object> variables = new LinkedHashMap<>(filter);
        variables.put("after", after);
        JsonNode connection = execute(query.connection(), query.connection(), query.document(), variables).path(query.connection());
        List<JsonNode> nodes = new ArrayList<>();
        for (JsonNode node : connection.path("nodes")) {
            for (ShopifyGraphql.Nested nested : query.nested()) {
                complete(node, nested);
            }
            nodes.add(node);
        }
        return new Page(nodes, connection.path("pageInfo").path("hasNextPage").asBoolean(false),
                connection.path("pageInfo").path("endCursor").asText(null));
    }

    /** Appends the rest of a record's nested list to it, page by page. */
    private void complete(JsonNode node, ShopifyGraphql.Nested nested) {
        JsonNode list = node.path(nested.field());
        if (!(list instanceof ObjectNode listObject) || !list.path("pageInfo").path("hasNextPage").asBoolean(false)) {
            return;
        }
        ArrayNode all = list.path("nodes") instanceof ArrayNode a ? a : listObject.putArray("nodes");
        String after = list.path("pageInfo").path("endCursor").asText(null);
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("id", node.path("id").asText());
            variables.put("after", after);
            JsonNode rest = execute(nested.owner() + "." + nested.field(), nested.followUp(), nested.followUp(), variables)
                    .path(nested.owner()).path(nested.field());
            rest.path("nodes").forEach(all::add);
            more = rest.path("pageInfo").path("hasNextPage").asBoolean(false);
            after = rest.path("pageInfo").path("endCursor").asText(null);
        }
        listObject.putObject("pageInfo").put("hasNextPage", false).putNull("endCursor");
    }

    /**
     * Runs a document with {@code $first} at the size kept under {@code sizeKey}; when Shopify refuses it for its
     * cost, asks again for fewer (in proportion of the maximum to the cost Shopify computed), down to one.
     */
    private JsonNode execute(String operation, String sizeKey, String document, Map<String, Object> variables) {
        while (true) {
            int size = sizes.get(sizeKey);
            variables.put("first", size);
            try {
                return api.execute(operation, document, variables, size);
            } catch (ShopifyQueryCostException e) {
                if (size <= 1) {
                    throw e;
                }
                int smaller = Math.max(1, Math.min(size - 1, (int) ((long) size * e.maxCost() / Math.max(1, e.cost()))));
                LOG.warn("Shopify refused {} records a page of {} for its cost ({} > {}): asking for {}", size, operation, e.cost(),
                        e.maxCost(), smaller);
                sizes.put(sizeKey, smaller);
            }
        }
    }

    /** The largest {@code $first} whose requested cost is within Shopify's single-query limit. */
    private static int fitting(String document, Map<String, Object> filter) {
        Map<String, Object> variables = new LinkedHashMap<>(filter);
        variables.put("after", null);
        int n = ShopifyQueryCost.largestFirst(document, variables, "first", ShopifyQueryCost.MAX_SINGLE_QUERY);
        if (n == 0) {
            throw new IllegalStateException("even one record of this query costs more than Shopify allows: " + document);
        }
        return n;
    }
}
