package io.odoohub.opspage;

import io.odoohub.api.Role;
import io.odoohub.inbox.FlowReports;
import io.odoohub.observe.FlowActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flows: each flow's state, inbox, the last hour and day with a chart; pause and resume (operator). */
final class FlowsView {

    /** One flow as the page shows it. */
    public record Row(FlowReports.FlowReport report, FlowActivity.Window hour, FlowActivity.Window day, Chart hourChart, Chart dayChart) {
    }

    private final OpsServices hub;
    private final Format format;

    FlowsView(OpsServices hub, Format format) {
        this.hub = hub;
        this.format = format;
    }

    void routes(OpsPage.Routes r) {
        r.get("/flows", Role.VIEWER, c -> c.render("flows", Map.of("rows", rows(c), "nav", "flows")));
        // the table alone, polled by htmx every few seconds
        r.get("/flows/table", Role.VIEWER, c -> c.render(200, "flows", "table", Map.of("rows", rows(c))));
        r.post("/flows/([a-z0-9._-]+)/pause", Role.OPERATOR, c -> {
            String flow = knownFlow(c.part(1));
            hub.flowReports().pause(flow, c.param("reason"), "page:" + c.user.name());
            c.redirect("/flows", "Flow " + flow + " paused: its events wait in the inbox.");
        });
        r.post("/flows/([a-z0-9._-]+)/resume", Role.OPERATOR, c -> {
            String flow = knownFlow(c.part(1));
            hub.flowReports().resume(flow, "page:" + c.user.name());
            c.redirect("/flows", "Flow " + flow + " resumed.");
        });
    }

    private List<Row> rows(Call c) {
        List<Row> rows = new ArrayList<>();
        for (String flow : hub.flows()) {
            FlowActivity.Window hour = hub.activity().lastHour(flow);
            FlowActivity.Window day = hub.activity().lastDay(flow);
            rows.add(new Row(hub.flowReports().of(flow), hour, day, Chart.of(hour, format, "last hour, by 5 minutes"),
                    Chart.of(day, format, "last 24 hours, by hour")));
        }
        return rows;
    }

    private String knownFlow(String flow) {
        if (!hub.flows().contains(flow)) {
            throw new PageException(404, "no flow '" + flow + "'");
        }
        return flow;
    }
}
