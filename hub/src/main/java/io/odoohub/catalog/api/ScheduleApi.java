package io.odoohub.catalog.api;

import io.odoohub.catalog.flow.CatalogSchedules;
import io.odoohub.catalog.model.Schedule;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.Role;
import java.util.Map;
import org.apache.camel.Exchange;

/** {@code /api/v1/odoo/schedules} (the seed's): changes need admin, running one now needs operator. */
public final class ScheduleApi extends CatalogApiSupport {

    private final ScheduleEditor editor;

    public ScheduleApi(ApiGuard guard, ScheduleEditor editor) {
        super(guard);
        this.editor = editor;
    }

    @Override
    protected void endpoints() {
        endpoint("GET", "/odoo/schedules", "api-odoo-schedules-list", Role.VIEWER, "Lists schedules",
                e -> ApiResponses.json(e, 200, Map.of("items", editor.list().stream().map(Schedule::toJson).toList())));
        endpoint("POST", "/odoo/schedules", "api-odoo-schedules-create", Role.ADMIN, "Creates a schedule (five-field cron)", this::create);
        endpoint("PUT", "/odoo/schedules/{id}", "api-odoo-schedules-update", Role.ADMIN, "Updates the named fields of a schedule", this::update);
        endpoint("DELETE", "/odoo/schedules/{id}", "api-odoo-schedules-delete", Role.ADMIN, "Deletes a schedule", this::delete);
        endpoint("PATCH", "/odoo/schedules/{id}/toggle", "api-odoo-schedules-toggle", Role.ADMIN, "Turns a schedule on or off", this::toggle);
        endpoint("POST", "/odoo/schedules/{id}/run", "api-odoo-schedules-run", Role.OPERATOR, "Runs a schedule now", this::run);
    }

    private void create(Exchange e) {
        Schedule saved = editor.create(ApiResponses.readObject(e));
        ApiResponses.json(e, 201, saved.toJson(), Map.of("Location", BASE + "/odoo/schedules/" + saved.id()));
    }

    private void update(Exchange e) {
        ApiResponses.json(e, 200, editor.update(longPath(e, "id"), ApiResponses.readObject(e)).toJson());
    }

    private void delete(Exchange e) throws Exception {
        editor.delete(longPath(e, "id"));
        ApiResponses.noContent(e);
    }

    private void toggle(Exchange e) {
        ApiResponses.json(e, 200, editor.toggle(longPath(e, "id")).toJson());
    }

    private void run(Exchange e) {
        CatalogSchedules.Run r = editor.run(longPath(e, "id"), "api");
        ApiResponses.json(e, 202, Map.of("success", true, "batch_id", r.batchId(), "products_queued", r.productsQueued()));
    }
}
