package io.odoohub.catalog.flow;

import io.odoohub.catalog.odoo.ProductImporter;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.Schedule;
import io.odoohub.catalog.model.ScheduleStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.store.ClusteredQuartz;
import io.odoohub.support.Json;
import io.odoohub.support.RouteTemplates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schedules: each enabled schedule is a Quartz trigger (route {@code catalog-schedule-<id>}) that calls
 * {@code direct:catalog-scheduled-sync}, the YAML route {@code routes/catalog-scheduled-sync.camel.yaml}, which
 * calls {@link #fire}. Schedules live in the database and are registered again at start.
 */
public final class CatalogSchedules {

    /** Header naming the schedule that fired. */
    public static final String SCHEDULE_ID = "catalogScheduleId";
    /** The route template of a schedule's trigger, in {@code routes/catalog-scheduled-sync.camel.yaml}. */
    static final String TEMPLATE = "catalog-schedule";
    /** The Quartz group of the schedules' triggers (the template's {@code quartz://catalog/...}). */
    static final String GROUP = "catalog";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSchedules.class);

    /** What a run queued. */
    public record Run(String batchId, int productsQueued) {
    }

    private final ScheduleStore store;
    private final CatalogStore catalog;
    private final CatalogSync sync;
    private final Clock clock;
    private CamelContext context;
    /** The schedules this runtime has a route for, with the five-field cron the route was made with. */
    private final Map<Long, String> routed = new java.util.HashMap<>();

    public CatalogSchedules(ScheduleStore store, CatalogStore catalog, CatalogSync sync, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.sync = sync;
        this.clock = clock;
    }

    /**
     * Registers every enabled schedule (at start), and deletes from the clustered job store the triggers of
     * schedules that are no longer there or switched off (the triggers are read first: a trigger is stored only after
     * its schedule was saved).
     */
    public synchronized void start(CamelContext context) throws Exception {
        this.context = context;
        java.util.Set<String> stored = ClusteredQuartz.triggerNames(context, GROUP);
        for (Schedule s : store.list()) {
            if (s.enabled()) {
                stored.remove(triggerName(s.id()));
                register(s);
            }
        }
        for (String stale : stored) {
            if (ClusteredQuartz.unschedule(context, GROUP, stale)) {
                LOG.info("Trigger {}/{} deleted: its schedule is no longer there or is switched off", GROUP, stale);
            }
        }
    }

    /**
     * (Re)registers or removes a schedule's trigger after a change. A changed cron replaces the stored trigger's
     * (camel-quartz reschedules it when the new route starts); a switched-off schedule's trigger is deleted.
     */
    public synchronized void refresh(Schedule s) throws Exception {
        if (s.enabled()) {
            removeRoute(s.id());
            register(s);
        } else {
            unregister(s.id());
        }
    }

    /**
     * A schedule deleted or switched off: its route goes, and so does its trigger in the clustered job store (stopping
     * a route leaves the trigger there for the other runtimes to fire, see {@link ClusteredQuartz}).
     */
    public synchronized void unregister(long id) throws Exception {
        removeRoute(id);
        ClusteredQuartz.unschedule(context, GROUP, triggerName(id));
    }

    private void removeRoute(long id) throws Exception {
        String routeId = routeId(id);
        if (context.getRoute(routeId) != null) {
            context.getRouteController().stopRoute(routeId);
            context.removeRoute(routeId);
        }
        routed.remove(id);
    }

    /**
     * Reads the schedules again (every {@code hub.catalog.schedules.refresh-ms}, route {@code catalog-schedules-refresh}):
     * a schedule created, changed, switched off or deleted on another runtime gets, changes or loses its route here, so
     * that whichever runtime Quartz hands a firing to has the route that runs it. The triggers are left alone: the
     * runtime where the change was made has rescheduled or deleted the one trigger they all share.
     */
    public synchronized void reconcile() {
        if (context == null) {
            return; // not started yet
        }
        Map<Long, Schedule> enabled = new java.util.HashMap<>();
        store.list().stream().filter(Schedule::enabled).forEach(s -> enabled.put(s.id(), s));
        for (Long id : List.copyOf(routed.keySet())) {
            if (!enabled.containsKey(id)) {
                try {
                    removeRoute(id);
                    LOG.info("Schedule {} was deleted or switched off (on another runtime): its route is removed here", id);
                } catch (Exception e) {
                    LOG.warn("Schedule {}: its route could not be removed: {}", id, e.getMessage());
                }
            }
        }
        for (Schedule s : enabled.values()) {
            if (!s.cronExpression().equals(routed.get(s.id()))) {
                try {
                    removeRoute(s.id());
                    register(s);
                } catch (Exception e) {
                    LOG.warn("Schedule {} '{}' could not be registered: {}", s.id(), s.name(), e.getMessage());
                }
            }
        }
    }

    private void register(Schedule s) throws Exception {
        String cron = URLEncoder.encode(CronExpressions.toQuartz(s.cronExpression()), StandardCharsets.UTF_8);
        // the route is the template catalog-schedule of routes/catalog-scheduled-sync.camel.yaml
        RouteTemplates.add(context, TEMPLATE, routeId(s.id()), Map.of("scheduleId", s.id(), "cron", cron));
        routed.put(s.id(), s.cronExpression());
        LOG.info("Schedule {} '{}' registered: {} ({})", s.id(), s.name(), s.cronExpression(), s.syncDirection());
    }

    static String routeId(long id) {
        return "catalog-schedule-" + id;
    }

    /** The trigger's name in Quartz group {@link #GROUP}: {@code quartz://catalog/schedule-<id>} in the template. */
    static String triggerName(long id) {
        return "schedule-" + id;
    }

    /** A schedule fired (or was run by hand): queues its sync. */
    public Run fire(Exchange exchange) {
        Long id = exchange.getMessage().getHeader(SCHEDULE_ID, Long.class);
        Schedule s = store.get(id).orElseThrow(() -> new IllegalArgumentException("schedule " + id + " does not exist"));
        return run(s, "schedule");
    }

    public Run run(Schedule s, String triggeredBy) {
        JsonNode filters;
        try {
            filters = s.filters() == null ? Json.INTERNAL.createObjectNode() : Json.INTERNAL.readTree(s.filters());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            filters = Json.INTERNAL.createObjectNode();
        }
        Run run;
        switch (s.syncDirection()) {
            case "from_odoo" -> {
                String batch = sync.batchId("import");
                @SuppressWarnings("unchecked")
                Map<String, Object> odooFilters = filters.has("odoo_filters") ? Json.INTERNAL.convertValue(filters.get("odoo_filters"), Map.class) : Map.of();
                sync.queueImport("from_odoo", ProductImporter.domain(odooFilters), true, true, s.batchSize(), triggeredBy, s.id(), batch);
                run = new Run(batch, 0);
            }
            case "bidirectional" -> {
                String batch = sync.batchId("sync");
                sync.queueImport("bidirectional", List.of(), false, false, s.batchSize(), triggeredBy, s.id(), batch);
                run = new Run(batch, 0);
            }
            default -> {
                Instant since = filters.hasNonNull("modified_since") ? Instant.parse(filters.get("modified_since").asText()) : null;
                if (filters.path("modified_today").asBoolean()) {
                    since = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                CatalogStore.Filter f = new CatalogStore.Filter(filters.hasNonNull("supplier_id") ? filters.get("supplier_id").asLong() : null,
                        filters.path("has_ean").asBoolean(), since, "incremental".equals(s.syncType()), false);
                CatalogSync.Queued q = sync.queueExport(catalog.ids(f), s.batchSize(), filters.path("sync_images").asBoolean(true), false,
                        triggeredBy, s.id(), sync.batchId("sync"));
                run = new Run(q.batchId(), q.products());
            }
        }
        store.markRun(s.id(), clock.instant());
        LOG.info("Schedule {} '{}' ran ({}): batch {}, {} product(s) queued", s.id(), s.name(), triggeredBy, run.batchId(), run.productsQueued());
        return run;
    }
}
