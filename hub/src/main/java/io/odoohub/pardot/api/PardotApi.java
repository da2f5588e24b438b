package io.odoohub.pardot.api;

import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.ApiRouteBuilder;
import io.odoohub.api.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import io.odoohub.pardot.client.Api;
import io.odoohub.pardot.client.PardotClient;
import io.odoohub.pardot.flow.PardotState;

/**
 * {@code GET /api/v1/pardot/conflicts} (the values each side's rule overrode, newest first) and
 * {@code GET /api/v1/pardot/status} (the day's calls against the limit, the cursors). Viewers may read both.
 */
public final class PardotApi extends ApiRouteBuilder {

    private final PardotState state;
    private final PardotClient client;
    private final Api settings;

    public PardotApi(ApiGuard guard, PardotState state, PardotClient client, Api settings) {
        super(guard);
        this.state = state;
        this.client = client;
        this.settings = settings;
    }

    @Override
    protected void configureApi() {
        rest(BASE + "/pardot").description("The Pardot connector")
                .get("/conflicts").routeId("api-pardot-conflicts").description("The conflict log, newest first (at most 500)")
                    .param().name("prospect_id").type(RestParamType.query).required(false).endParam()
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-pardot-conflicts")
                .get("/status").routeId("api-pardot-status").description("Calls today against the daily limit, and the cursors")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-pardot-status");
        from("direct:api-pardot-conflicts").process(guard.require(Role.VIEWER)).process(this::conflicts);
        from("direct:api-pardot-status").process(guard.require(Role.VIEWER)).process(this::status);
    }

    private void conflicts(Exchange e) {
        String prospect = e.getMessage().getHeader("prospect_id", String.class);
        if (prospect != null && !prospect.matches("\\d{1,19}")) {
            ApiResponses.error(e, 400, "prospect_id must be a number");
            return;
        }
        List<Map<String, Object>> items = state.conflicts(prospect == null || prospect.isBlank() ? null : prospect, 500).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prospect_id", c.prospectId());
            m.put("odoo_model", c.odooModel());
            m.put("odoo_id", c.odooId());
            m.put("field", c.field());
            m.put("odoo_value", c.odooValue());
            m.put("pardot_value", c.pardotValue());
            m.put("winner", c.winner());
            return m;
        }).toList();
        ApiResponses.json(e, 200, Map.of("items", items));
    }

    private void status(Exchange e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", settings.enabled());
        m.put("calls_today", client.callsToday());
        m.put("daily_limit", settings.dailyLimit());
        for (String cursor : List.of("prospects", "activities", "push")) {
            m.put(cursor + "_cursor", String.valueOf(state.cursor(cursor)));
        }
        ApiResponses.json(e, 200, m);
    }
}
