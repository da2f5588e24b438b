package io.odoohub.pardot;

import io.odoohub.error.PullBackoff;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooRequirement;
import io.odoohub.connector.ConnectionTest;
import io.odoohub.connector.Connector;
import io.odoohub.connector.HubParts;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.odoohub.store.SharedQuota;
import io.odoohub.pardot.api.PardotApi;
import io.odoohub.pardot.client.PardotClient;
import io.odoohub.pardot.client.PardotTokens;
import io.odoohub.pardot.flow.ActivityFlow;
import io.odoohub.pardot.flow.LeadAutomation;
import io.odoohub.pardot.flow.MembershipTags;
import io.odoohub.pardot.flow.PardotPause;
import io.odoohub.pardot.flow.PardotPuller;
import io.odoohub.pardot.flow.PardotSchedule;
import io.odoohub.pardot.flow.PardotState;
import io.odoohub.pardot.flow.PardotWebhook;
import io.odoohub.pardot.flow.PipelinePusher;
import io.odoohub.pardot.flow.PipelineValues;
import io.odoohub.pardot.flow.ProspectDeletions;
import io.odoohub.pardot.flow.ProspectFlow;
import io.odoohub.pardot.odoo.LeadMapper;
import io.odoohub.pardot.odoo.MappingProfile;
import io.odoohub.pardot.odoo.PardotOdoo;
import io.odoohub.pardot.odoo.ProspectCleanser;

/**
 * Pardot (Account Engagement) v5 <-> Odoo. Routes: {@code routes/pardot-pull.camel.yaml} (scheduled pulls into the
 * inbox), {@code routes/pardot-prospects.camel.yaml} and {@code pardot-activities.camel.yaml} (apply to Odoo),
 * {@code routes/pardot-callback.camel.yaml} ({@code POST /webhooks/pardot}), {@code routes/pardot-push.camel.yaml}
 * (Odoo -> Pardot). Without {@code hub.pardot.business-unit-id} the schedules do nothing; the callback answers 401
 * until a secret is set.
 */
public final class PardotConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(PardotConnector.class);

    @Override
    public List<String> requiredRoutes() {
        // routes/pardot-prospects, pardot-activities and pardot-callback .camel.yaml
        return List.of("apply-" + ProspectFlow.FLOW, "apply-" + ActivityFlow.FLOW, "webhook-pardot");
    }

    @Override
    public List<String> flows() {
        return PardotPause.FLOWS;
    }

    /** Every model and field of Odoo 18 the connector uses (CRM, its stages and teams, mail activities, partner tags). */
    @Override
    public List<OdooRequirement> odooRequirements() {
        return on ? PardotOdoo.REQUIREMENTS : List.of(); // switched off: it writes nothing to Odoo
    }

    /** Set by {@link #install}: a business unit is configured. */
    private boolean on;
    private Supplier<ConnectionTest> test;

    @Override
    public Optional<Supplier<ConnectionTest>> connectionTest() {
        return Optional.ofNullable(test);
    }

    /** Reads one prospect's id (one call of the day's budget): the token endpoint and the business unit both answer. */
    public static ConnectionTest test(PardotSettings settings, PardotClient client) {
        if (!settings.enabled()) {
            return ConnectionTest.failed("Pardot is off: set PARDOT_BUSINESS_UNIT_ID and the credentials pardot.client-id,"
                    + " pardot.client-secret, pardot.refresh-token");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("business_unit", settings.api().businessUnitId());
        details.put("api_base", settings.api().apiBase());
        try {
            PardotClient.Page page = client.query("prospects", List.of("id"), Map.of("limit", "1"));
            details.put("calls_today", client.callsToday());
            details.put("daily_limit", settings.api().dailyLimit());
            return new ConnectionTest(true, "Pardot answered for business unit " + settings.api().businessUnitId() + ": prospects readable ("
                    + (page.values().isEmpty() ? "none yet" : "at least one") + "); " + client.callsToday() + " of "
                    + settings.api().dailyLimit() + " calls used today", details);
        } catch (RuntimeException e) {
            LOG.warn("Pardot connection test failed: {}", e.getMessage());
            return new ConnectionTest(false, "Pardot refused: " + e.getMessage(), details);
        }
    }

    @Override
    public boolean switchedOn() {
        return on;
    }

    @Override
    public List<String> credentialNames() {
        return List.of(PardotTokens.CLIENT_ID, PardotTokens.CLIENT_SECRET, PardotTokens.REFRESH_TOKEN);
    }

    @Override
    public void install(HubParts hub) throws Exception {
        PardotSettings settings = PardotSettings.from(hub.properties());
        on = settings.enabled();
        MappingProfile profile = MappingProfile.read(settings.prospects().mappingFile());
        PardotState state = new PardotState(hub.database().dataSource(), hub.clock());
        PardotOdoo odoo = new PardotOdoo(hub.context().getComponent("odoo", OdooComponent.class).client(hub.odoo()), profile);
        ProspectCleanser cleanser = new ProspectCleanser(settings.prospects().defaultRegion());
        PipelineValues pipeline = new PipelineValues(odoo, state);
        PardotPause pause = new PardotPause(hub.flowControl(), hub.clock(), settings.api().limitZone());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        PardotClient client = new PardotClient(settings.api(), new PardotTokens(settings.api().tokenUrl(), hub.credentials(), http), http, hub.clock(),
                new SharedQuota(hub.database().dataSource()));

        Registry registry = hub.context().getRegistry();
        registry.bind("pardotClient", client);
        registry.bind("pardotState", state);
        registry.bind("pardotProspects", new ProspectFlow(odoo, state, new LeadMapper(cleanser, profile),
                new LeadAutomation(odoo, state, pipeline, settings.automation(), cleanser), new MembershipTags(odoo, state),
                new ProspectDeletions(odoo, settings.prospects().privacyPolicy()), profile));
        registry.bind("pardotActivities", new ActivityFlow(odoo));
        registry.bind("pardotPull", new PardotSchedule(settings.enabled(),
                new PardotPuller(client, hub.inbox(), hub.counters(), state, pause, settings.prospects(), profile),
                new PipelinePusher(client, odoo, state, pause, hub.syncLog(), settings.push(), hub.clock()),
                new PullBackoff(hub.settings().retry().pull(), hub.clock()), settings.schedule()));
        registry.bind("pardotWebhook", new PardotWebhook(settings.webhookSecret(), hub.intake(), hub.counters(),
                hub.settings().webhooks().maxBodyBytes()));
        hub.context().addRoutes(new PardotApi(hub.apiGuard(), state, client, settings.api()));
        test = () -> test(settings, client);
        for (String flow : PardotPause.FLOWS) {
            hub.drain().useRetry(flow, settings.retry());
        }
        if (settings.enabled()) {
            LOG.info("Pardot: business unit {} at {}, {} custom field mapping(s), daily limit {}", settings.api().businessUnitId(),
                    settings.api().apiBase(), profile.prospectToLead().size(), settings.api().dailyLimit());
        } else {
            LOG.info("Pardot: off (set PARDOT_BUSINESS_UNIT_ID and the credentials pardot.client-id, pardot.client-secret, pardot.refresh-token)");
        }
    }
}
