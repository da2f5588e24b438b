package io.odoohub.catalog.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.model.Schedule;
import io.odoohub.catalog.model.ScheduleStore;
import io.odoohub.store.ClusteredQuartz;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules written by another runtime (here: straight into the shared database, as another runtime's editor does)
 * get, change and lose their route on this one within {@code hub.catalog.schedules.refresh-ms}; the trigger they share
 * in the clustered job store is left to the runtime that made the change.
 */
class CatalogSchedulesRefreshIT {

    @TempDir
    Path dataDir;

    @Test
    void aScheduleMadeChangedAndSwitchedOffElsewhereGetsChangesAndLosesItsRouteHere() throws Exception {
        try (TestOdoo odoo = TestOdoo.start()) {
            Map<String, String> settings = odoo.hubSettings();
            settings.put("hub.catalog.schedules.refresh-ms", "300");
            settings.put("hub.console.enabled", "false");
            try (HubRuntime hub = HubRuntime.start(dataDir, settings)) {
                ScheduleStore elsewhere = new ScheduleStore(hub.bean("hubDataSource", DataSource.class));
                Schedule made = elsewhere.insert(new Schedule(0, "Made elsewhere", null, "0 6 * * *", "to_odoo", "full", "{}", 50, true,
                        null, Instant.now()));
                String routeId = CatalogSchedules.routeId(made.id());
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.context().getRoute(routeId) != null);
                assertThat(cron(hub.context().getRoute(routeId))).isEqualTo("0 0 6 * * ?");
                assertThat(ClusteredQuartz.triggerNames(hub.context(), CatalogSchedules.GROUP)).contains(CatalogSchedules.triggerName(made.id()));

                Schedule changed = elsewhere.update(new Schedule(made.id(), made.name(), null, "30 7 * * *", "to_odoo", "full", "{}", 50, true,
                        null, made.createdAt()));
                assertThat(changed.cronExpression()).isEqualTo("30 7 * * *");
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.context().getRoute(routeId) != null
                        && "0 30 7 * * ?".equals(cron(hub.context().getRoute(routeId))));

                elsewhere.update(new Schedule(made.id(), made.name(), null, "30 7 * * *", "to_odoo", "full", "{}", 50, false, null,
                        made.createdAt()));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.context().getRoute(routeId) == null);
            }
        }
    }

    private static String cron(Route route) {
        return ((QuartzEndpoint) route.getEndpoint()).getCron();
    }
}
