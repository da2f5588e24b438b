package io.odoohub.catalog.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiClient;
import io.odoohub.store.ClusteredQuartz;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules over HTTP: the seed's CRUD, toggle and run; an invalid cron refused with the reason; a schedule kept
 * across a restart and fired by Quartz from its stored trigger (the five-field form fires on the minute, so this waits
 * up to a minute); a schedule switched off or deleted takes its trigger out of the clustered job store.
 * Runs against the sandbox and the real Odoo.
 */
@Tag(TestOdoo.TAG)
class CatalogScheduleIT {

    private static final String ADMIN = "catalog-schedule-admin-token-0123456789";

    @TempDir
    Path dataDir;

    private TestOdoo odoo;
    private HubRuntime hub;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        odoo = TestOdoo.start();
        startHub();
    }

    private void startHub() throws Exception {
        Map<String, String> settings = odoo.hubSettings();
        settings.put("hub.admin-token", ADMIN);
        hub = HubRuntime.start(dataDir, settings);
        api = new ApiClient(hub.httpPort());
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        odoo.close();
    }

    @Test
    void schedulesAreManagedRefusedWhenInvalidKeptAcrossARestartAndFired() throws Exception {
        for (String[] bad : new String[][] {{"61 * * * *", "not valid"}, {"0 6 * *", "five fields"}, {"0 7 1 * 1", "both a day of month"},
                {"0 7 * * 9", "out of range"}}) {
            HttpResponse<String> r = api.send("POST", "/api/v1/odoo/schedules", ADMIN, schedule("Bad", bad[0]));
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(ApiClient.json(r).get("error").asText()).as(bad[0]).contains(bad[1]);
        }
        HttpResponse<String> created = api.send("POST", "/api/v1/odoo/schedules", ADMIN, """
                {"name": "Daily Product Export", "description": "Export all modified products to Odoo every morning",
                 "cron_expression": "0 6 * * *", "sync_direction": "to_odoo", "sync_type": "incremental",
                 "filters": {"modified_today": true}, "batch_size": 100, "is_enabled": true}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long daily = ApiClient.json(created).get("id").asLong();
        JsonNode updated = ApiClient.json(api.send("PUT", "/api/v1/odoo/schedules/" + daily, ADMIN,
                "{\"cron_expression\": \"0 8 * * *\", \"batch_size\": 200}"));
        assertThat(updated.get("cron_expression").asText()).isEqualTo("0 8 * * *");
        assertThat(updated.get("batch_size").asInt()).isEqualTo(200);
        assertThat(updated.get("name").asText()).isEqualTo("Daily Product Export");
        assertThat(updated.get("filters").get("modified_today").asBoolean()).isTrue();
        assertThat(ApiClient.json(api.send("PATCH", "/api/v1/odoo/schedules/" + daily + "/toggle", ADMIN, "{}")).get("is_enabled").asBoolean())
                .isFalse();
        assertThat(hub.context().getRoute(CatalogSchedules.routeId(daily))).as("a disabled schedule has no trigger").isNull();
        assertThat(storedTriggers()).as("nor a trigger in the clustered job store").doesNotContain(CatalogSchedules.triggerName(daily));

        String productId = ApiClient.json(api.send("POST", "/api/v1/products", ADMIN,
                "{\"title\": \"Scheduled\", \"ean\": \"4099999999994\"}")).get("id").asText();
        JsonNode run = ApiClient.json(api.send("POST", "/api/v1/odoo/schedules/" + daily + "/run", ADMIN, "{}"));
        assertThat(run.get("products_queued").asInt()).isEqualTo(1);
        String batch = run.get("batch_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> logs("batch_id=" + batch).get("total").asInt() == 1);
        assertThat(logs("batch_id=" + batch).get("items").get(0).get("schedule_id").asLong()).isEqualTo(daily);

        JsonNode minute = ApiClient.json(api.send("POST", "/api/v1/odoo/schedules", ADMIN, """
                {"name": "Every minute", "cron_expression": "* * * * *", "sync_direction": "to_odoo", "sync_type": "full",
                 "batch_size": 50, "is_enabled": true, "filters": {}}"""));
        long every = minute.get("id").asLong();
        api.send("PUT", "/api/v1/products/" + productId, ADMIN, "{\"title\": \"Scheduled, changed\"}");

        hub.close();
        startHub();
        assertThat(hub.context().getRoute(CatalogSchedules.routeId(every))).as("registered again at start").isNotNull();
        assertThat(storedTriggers()).as("its trigger kept in the job store").containsExactly(CatalogSchedules.triggerName(every));
        assertThat(ApiClient.json(api.send("GET", "/api/v1/odoo/schedules", ADMIN, null)).get("items")).hasSize(2);
        Awaitility.await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1)).until(() ->
                logs("sync_status=success&product_id=" + productId).get("items").findValuesAsText("triggered_by").contains("schedule"));
        JsonNode fired = logs("sync_status=success&product_id=" + productId).get("items").get(0);
        assertThat(fired.get("schedule_id").asLong()).isEqualTo(every);
        assertThat(odoo.searchRead("product.template", List.of(List.of("barcode", "=", "4099999999994")), List.of("name")).get(0))
                .containsEntry("name", "Scheduled, changed");
        assertThat(ApiClient.json(api.send("GET", "/api/v1/odoo/schedules", ADMIN, null)).get("items").findValuesAsText("last_run_at"))
                .doesNotContainNull();

        assertThat(api.send("DELETE", "/api/v1/odoo/schedules/" + every, ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(hub.context().getRoute(CatalogSchedules.routeId(every))).isNull();
        assertThat(storedTriggers()).as("a deleted schedule's trigger is deleted from the job store").isEmpty();
        assertThat(api.send("POST", "/api/v1/odoo/schedules/" + every + "/run", ADMIN, "{}").statusCode()).isEqualTo(404);
    }

    private java.util.Set<String> storedTriggers() throws Exception {
        return ClusteredQuartz.triggerNames(hub.context(), CatalogSchedules.GROUP);
    }

    private JsonNode logs(String query) throws Exception {
        return ApiClient.json(api.send("GET", "/api/v1/odoo/logs?" + query, ADMIN, null));
    }

    private static String schedule(String name, String cron) {
        return "{\"name\": \"" + name + "\", \"cron_expression\": \"" + cron + "\", \"sync_direction\": \"to_odoo\", \"sync_type\": \"full\"}";
    }
}
