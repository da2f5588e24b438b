package io.odoohub.shopify.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.NewEvent;
import io.odoohub.shopify.client.ShopifyAdminClient;
import io.odoohub.shopify.client.ShopifyGraphql;
import io.odoohub.shopify.client.ShopifyPages;
import io.odoohub.shopify.model.ShopifyTopic;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial import, in the seed's order: customers, then products, then the orders created in a date range. Each
 * GraphQL page is turned into webhook-shaped events and stored in the inbox in one transaction (the drain writes
 * them to Odoo as it does webhooks, in the order stored), then the page's cursor is saved. After a crash the import
 * resumes from the saved cursor: a page stored twice is deduplicated by its events' keys (kind, id, updated_at).
 * Pages stay under Shopify's query cost limit, and records with long nested lists are completed first
 * ({@link ShopifyPages}).
 */
public final class ShopifyImport {

    /** Where an import stands. {@code state}: idle, running, finished or failed. */
    public record Progress(String state, String phase, long done, long total, String from, String to, String error) {
    }

    private enum Phase {
        CUSTOMERS("customers", "customers/update", ShopifyGraphql.CUSTOMERS, ShopifyGraphql.CUSTOMERS_COUNT, "customersCount", ShopifyGraphql::customer),
        PRODUCTS("products", "products/update", ShopifyGraphql.PRODUCTS, ShopifyGraphql.PRODUCTS_COUNT, "productsCount", ShopifyGraphql::product),
        ORDERS("orders", "orders/updated", ShopifyGraphql.ORDERS, ShopifyGraphql.ORDERS_COUNT, "ordersCount", ShopifyGraphql::order);

        final String name;
        final String topic;
        final ShopifyGraphql.Query query;
        final String countQuery;
        final String countField;
        final Function<JsonNode, ObjectNode> toRest;

        Phase(String name, String topic, ShopifyGraphql.Query query, String countQuery, String countField, Function<JsonNode, ObjectNode> toRest) {
            this.name = name;
            this.topic = topic;
            this.query = query;
            this.countQuery = countQuery;
            this.countField = countField;
            this.toRest = toRest;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyImport.class);
    static final String RANGE = "import.range";

    private final Supplier<ShopifyAdminClient> shopify;
    private final Inbox inbox;
    private final ShopifyState state;
    private final FlowCounters counters;
    private final int pageSize;
    private volatile Progress progress = new Progress("idle", null, 0, 0, null, null, null);
    private Thread worker;

    /** @param pageSize records per GraphQL page at most (250 at most; fewer when the query cost limit needs it) */
    public ShopifyImport(Supplier<ShopifyAdminClient> shopify, Inbox inbox, ShopifyState state, FlowCounters counters, int pageSize) {
        this.pageSize = Math.min(250, pageSize);
        this.shopify = shopify;
        this.inbox = inbox;
        this.state = state;
        this.counters = counters;
    }

    public Progress progress() {
        return progress;
    }

    /**
     * Starts the import of orders created from {@code from} to {@code to} (inclusive) in the background, or resumes
     * the unfinished one with the same range. A different range starts over.
     */
    public synchronized Progress start(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("the import range starts after it ends (" + from + " > " + to + ")");
        }
        if (worker != null && worker.isAlive()) {
            return progress;
        }
        String range = from + ".." + to;
        if (!range.equals(state.cursor(RANGE).orElse(null))) {
            for (Phase p : Phase.values()) {
                state.saveCursor(cursorName(p), null);
            }
            state.saveCursor(RANGE, range);
        }
        progress = new Progress("running", Phase.CUSTOMERS.name, 0, 0, from.toString(), to.toString(), null);
        worker = new Thread(() -> runAll(from, to), "shopify-import");
        worker.setDaemon(true);
        worker.start();
        return progress;
    }

    /** Runs the whole import on the calling thread (the background thread's body; tests call it directly). */
    public void runAll(LocalDate from, LocalDate to) {
        try {
            for (Phase p : Phase.values()) {
                runPhase(p, from, to);
            }
            progress = new Progress("finished", null, progress.done(), progress.total(), from.toString(), to.toString(), null);
            LOG.info("Shopify initial import {}..{} finished", from, to);
        } catch (RuntimeException e) {
            progress = new Progress("failed", progress.phase(), progress.done(), progress.total(), from.toString(), to.toString(), e.getMessage());
            LOG.warn("Shopify initial import stopped in {} at {}/{}: {}. Starting it again resumes from the last saved page.",
                    progress.phase(), progress.done(), progress.total(), e.getMessage());
        }
    }

    private void runPhase(Phase phase, LocalDate from, LocalDate to) {
        // cursor value: "<records done>|<endCursor>" or "<records done>|done"
        String saved = state.cursor(cursorName(phase)).orElse(null);
        long done = saved == null ? 0 : Long.parseLong(saved.substring(0, saved.indexOf('|')));
        String after = saved == null ? null : saved.substring(saved.indexOf('|') + 1);
        Map<String, Object> filter = new LinkedHashMap<>();
        if (phase == Phase.ORDERS) {
            filter.put("query", "created_at:>=" + from + " created_at:<=" + to);
        }
        ShopifyAdminClient api = shopify.get();
        long total = api.execute(phase.countField, phase.countQuery, filter, 0).path(phase.countField).path("count").asLong();
        progress = new Progress("running", phase.name, done, total, from.toString(), to.toString(), null);
        if ("done".equals(after)) {
            return;
        }
        ShopifyPages pages = new ShopifyPages(api, phase.query, filter, pageSize);
        boolean more = true;
        while (more) {
            ShopifyPages.Page page = pages.page(after);
            List<NewEvent> events = new ArrayList<>();
            for (JsonNode node : page.nodes()) {
                events.add(event(phase, phase.toRest.apply(node)));
            }
            long stored = inbox.storeAll(events).stream().filter(r -> !r.duplicate()).count();
            counters.add(ShopifyTopic.FLOW, FlowCounters.Kind.RECEIVED, (int) stored);
            done += events.size();
            more = page.hasNextPage();
            after = page.endCursor();
            String next = done + "|" + (more ? after : "done");
            if (!state.advanceCursor(cursorName(phase), saved, next)) {
                throw new IllegalStateException("another node moved the import's " + phase.name + " cursor meanwhile (it runs the import); "
                        + "this node stops its run");
            }
            saved = next;
            progress = new Progress("running", phase.name, done, total, from.toString(), to.toString(), null);
            LOG.info("Shopify initial import: {} {}/{}", phase.name, done, total);
        }
    }

    private static NewEvent event(Phase phase, ObjectNode rest) {
        long id = rest.path("id").asLong();
        String updated = rest.path("updated_at").asText(null);
        Instant updatedAt = updated == null ? null : OffsetDateTime.parse(updated).toInstant();
        String entity = (phase == Phase.CUSTOMERS ? "customer:" : phase == Phase.PRODUCTS ? "product:" : "order:") + id;
        return new NewEvent(ShopifyTopic.FLOW, "shopify", phase.topic, "import:" + entity + ":" + updated, entity, updatedAt, rest.toString());
    }

    private static String cursorName(Phase p) {
        return "import." + p.name;
    }
}
