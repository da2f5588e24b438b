package io.odoohub.store;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;

/**
 * One runtime of {@link ClusteredQuartzIT}, in a JVM of its own (Quartz allows one scheduler of a name per JVM): a
 * CamelContext named as the hub's ({@code odoo-hub}) with the hub's Quartz ({@link ClusteredQuartz#install}) on the
 * given PostgreSQL, and one Quartz route firing every 2 s that records each firing in table {@code it_firing}.
 * A firing that finds {@code it_control.slow_left} above 0 takes one and sleeps two minutes (the firing the test
 * kills its runtime during).
 *
 * <p>Arguments: JDBC URL, node name, check-in interval (ms).
 */
public final class ClusteredQuartzNode {

    /** The test's route: {@code 0/2 * * * * ?} in UTC. */
    static final String TICK = "quartz://it/tick?cron=0/2+*+*+*+*+?&trigger.timeZone=UTC";

    private ClusteredQuartzNode() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String node = args[1];
        long checkin = Long.parseLong(args[2]);
        HubDatabase db = HubDatabase.open(url, "postgres", "", 4);
        Jdbc jdbc = new Jdbc(db.dataSource());
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("odoo-hub");
        ClusteredQuartz.install(context, db, checkin);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(TICK).routeId("it-tick").process(e -> fired(e, jdbc, node));
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.stop();
            db.close();
        }));
        context.start();
        Scheduler scheduler = context.getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class).getScheduler();
        System.out.println("NODE READY " + node + " instance " + scheduler.getSchedulerInstanceId() + " clustered "
                + scheduler.getMetaData().isJobStoreClustered());
        Thread.currentThread().join();
    }

    private static void fired(Exchange exchange, Jdbc jdbc, String node) throws InterruptedException {
        JobExecutionContext job = ((QuartzMessage) exchange.getIn()).getJobExecutionContext();
        // a recovered firing runs under a trigger of its own; the job data names the firing it recovers
        long fireTime = job.isRecovering()
                ? Long.parseLong(job.getMergedJobDataMap().getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS))
                : job.getScheduledFireTime().getTime();
        record(jdbc, fireTime, node, "start", job.isRecovering());
        if (jdbc.update("take the slow firing", "UPDATE it_control SET slow_left = slow_left - 1 WHERE slow_left > 0") == 1) {
            record(jdbc, fireTime, node, "slow", job.isRecovering());
            System.out.println("SLOW FIRING " + fireTime + " on " + node);
            Thread.sleep(120_000);
        }
        record(jdbc, fireTime, node, "done", job.isRecovering());
    }

    private static void record(Jdbc jdbc, long fireTime, String node, String phase, boolean recovering) {
        jdbc.update("record a firing", "INSERT INTO it_firing (fire_time, node, phase, recovering, at_ms) VALUES (?, ?, ?, ?, ?)",
                fireTime, node, phase, recovering, System.currentTimeMillis());
    }
}
