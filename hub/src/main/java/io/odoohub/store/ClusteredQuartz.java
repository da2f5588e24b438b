package io.odoohub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzConstants;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's camel-quartz: one Quartz scheduler per runtime whose jobs and triggers live in the hub's database
 * (JobStoreTX, clustered), so that every Quartz route of every runtime sharing the database fires once per period
 * across them, and a firing held by a runtime that dies is run again by another (Quartz's recovery).
 *
 * <p>What camel-quartz needs for that, all set here:
 * <ul>
 *   <li>the same scheduler name on every runtime ({@link #SCHEDULER_NAME}: the {@code SCHED_NAME} of Quartz's
 *       tables), not prefixed with the CamelContext's name ({@code prefixInstanceName=false}), and each runtime its
 *       own instance id ({@code AUTO});</li>
 *   <li>the job's key is the endpoint's {@code quartz://group/name}, the same on every runtime
 *       ({@code prefixJobNameWithEndpointId} stays false: endpoint ids differ between runtimes);</li>
 *   <li>every Quartz endpoint is {@code recoverableJob=true}: the job requests recovery (so a dead runtime's firing
 *       is run again elsewhere, and camel-quartz finds the route of a recovering trigger by its job's key), and a
 *       restart that finds its trigger already stored does not take it for a duplicate;</li>
 *   <li>every Quartz endpoint is {@code usingFixedCamelContextName=true}: the job data stored with the trigger names
 *       the CamelContext by its name ({@code camel.main.name}, the same on every runtime), not by its JMX management
 *       name, and the context is registered under that name in the scheduler's context.</li>
 * </ul>
 * In a clustered job store camel-quartz never deletes or pauses a trigger when its route stops (another runtime
 * fires it): a trigger that must go (a catalog schedule deleted or switched off) is unscheduled explicitly
 * ({@link #unschedule}).
 */
public final class ClusteredQuartz {

    /** The scheduler's name: the {@code SCHED_NAME} of every row in Quartz's tables; the same on every runtime. */
    public static final String SCHEDULER_NAME = "odoo-hub";
    /** Threads that run fired jobs (a job hands its work to the inbox or a flow and returns). */
    static final int THREADS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ClusteredQuartz.class);

    private ClusteredQuartz() {
    }

    /**
     * Installs the {@code quartz} component on the hub's database. Call before any route is added.
     *
     * @param checkinIntervalMs how often this runtime tells the others it is alive; a runtime silent for about this
     *                          plus 7.5 s is taken for dead and its firings are recovered
     */
    public static QuartzComponent install(CamelContext context, HubDatabase database, long checkinIntervalMs) throws Exception {
        Scheduler running = SchedulerRepository.getInstance().lookup(SCHEDULER_NAME);
        if (running != null && !running.isShutdown()) {
            throw new IllegalStateException("a Quartz scheduler named '" + SCHEDULER_NAME + "' already runs in this JVM (another hub"
                    + " runtime): one hub per JVM");
        }
        // the job store reaches the hub's pool through Quartz's connection manager, under a name of this runtime's own
        String dataSourceName = "hub-db-" + Integer.toHexString(System.identityHashCode(database));
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PoolConnections(database.dataSource()));

        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(properties(dataSourceName, database.isPostgres(), checkinIntervalMs));
        quartz.setPrefixInstanceName(false);
        quartz.setPrefixJobNameWithEndpointId(false);
        // jobs name the context by its name (usingFixedCamelContextName); camel-quartz registers it by its JMX name
        quartz.addScheduleInitTask(scheduler -> scheduler.getContext().put(QuartzConstants.QUARTZ_CAMEL_CONTEXT + "-" + context.getName(), context));
        context.addComponent("quartz", quartz);
        context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> {
            if (endpoint instanceof QuartzEndpoint q) {
                q.setRecoverableJob(true);
                q.setUsingFixedCamelContextName(true);
            }
            return endpoint;
        });
        // stopped before the database closes (services stop in reverse order), waiting for the jobs that run
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                Scheduler scheduler = quartz.getScheduler();
                if (scheduler != null && !scheduler.isShutdown()) {
                    LOG.info("Stopping the Quartz scheduler {} ({})", scheduler.getSchedulerName(), scheduler.getSchedulerInstanceId());
                    scheduler.shutdown(true);
                }
            }
        }, true, true);
        LOG.info("Quartz: clustered job store in the hub's database ({}), check-in every {} ms", database.isPostgres() ? "PostgreSQL" : "H2",
                checkinIntervalMs);
        return quartz;
    }

    /** Quartz's settings: JobStoreTX on the hub's pool, clustered, the driver delegate of the database. */
    static Map<String, Object> properties(String dataSourceName, boolean postgres, long checkinIntervalMs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.put("org.quartz.jobStore.dataSource", dataSourceName);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkinIntervalMs));
        // triggers are taken under the cluster's row lock, so two runtimes never take the same one
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /** Removes a trigger (and its job) from the cluster: for a schedule that was deleted or switched off. */
    public static boolean unschedule(CamelContext context, String group, String name) throws Exception {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        Scheduler scheduler = quartz == null ? null : quartz.getScheduler();
        if (scheduler == null || scheduler.isShutdown()) {
            return false;
        }
        return scheduler.unscheduleJob(org.quartz.TriggerKey.triggerKey(name, group));
    }

    /** The names of the triggers of a group in the cluster's job store (a set the caller may change). */
    public static java.util.Set<String> triggerNames(CamelContext context, String group) throws Exception {
        java.util.Set<String> names = new java.util.HashSet<>();
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        Scheduler scheduler = quartz == null ? null : quartz.getScheduler();
        if (scheduler != null && !scheduler.isShutdown()) {
            scheduler.getTriggerKeys(org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(group)).forEach(k -> names.add(k.getName()));
        }
        return names;
    }

    /** Connections from the hub's pool; closing one returns it; the pool is the hub's, never shut down here. */
    private record PoolConnections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the hub closes its pool itself, after the scheduler stopped
        }

        @Override
        public void initialize() {
        }
    }
}
