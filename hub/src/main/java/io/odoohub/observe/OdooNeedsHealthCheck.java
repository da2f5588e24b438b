package io.odoohub.observe;

import io.odoohub.odoo.OdooNeeds;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * What the Odoo database lacks of what the connectors need ({@code odoo:requirements} at /observe/health), with what
 * the hub does instead. Odoo is asked again once the last answer is older than {@code hub.odoo.requirements-ttl-ms}.
 *
 * <p>UP while everything missing is optional: the hub works, differently, and says how. DOWN when a connector lacks
 * something it cannot work without (a module to install, a configuration error that does not pass by itself); each
 * missing thing is a detail {@code missing.<model[.field]>} with the module, the connector and what happens instead.
 * An Odoo that cannot be asked leaves the last answer standing (its time in {@code checked-at}); an outage shows in the
 * flows' checks. Never a liveness check. Values are made JSON-safe as in {@link FlowHealthCheck}.
 */
public final class OdooNeedsHealthCheck extends AbstractHealthCheck {

    private final OdooNeeds needs;

    public OdooNeedsHealthCheck(OdooNeeds needs) {
        super("hub", "odoo:requirements");
        this.needs = needs;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        OdooNeeds.Report r = needs.current();
        builder.detail("checked-at", r.checkedAt().toString());
        builder.detail("requirements", r.items().size());
        builder.detail("missing", r.missing().size());
        r.modules().ifPresent(m -> builder.detail("modules.installed", m.size()));
        for (OdooNeeds.Item i : r.missing()) {
            builder.detail("missing." + i.connector() + "." + i.finding().requirement().name(), FlowHealthCheck.safe(i.message()));
        }
        String message = FlowHealthCheck.safe(r.summary());
        if (!r.checked()) {
            builder.detail("state", "unknown");
            builder.up().message(message);
        } else if (!r.missingRequired().isEmpty()) {
            builder.detail("state", "missing_required");
            builder.down().message(message);
        } else {
            builder.detail("state", r.missing().isEmpty() ? "complete" : "missing_optional");
            builder.up().message(message);
        }
    }
}
