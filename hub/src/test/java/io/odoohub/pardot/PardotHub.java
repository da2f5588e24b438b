package io.odoohub.pardot;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooRequirement;
import io.odoohub.security.CredentialStore;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import io.odoohub.pardot.client.PardotTokens;
import io.odoohub.pardot.flow.PardotSchedule;
import io.odoohub.pardot.flow.PardotState;
import io.odoohub.pardot.flow.ProspectFlow;
import io.odoohub.pardot.odoo.PardotOdoo;

/**
 * The real runtime with the fake Pardot and the Odoo of this run ({@link TestOdoo}: the sandbox, or the real Odoo 18
 * reset to pristine), the schedules parked: tests run the pulls themselves. {@link #odoo} goes straight to Odoo, for
 * fixtures and assertions; the hub goes through the proxy, which counts its calls.
 */
public final class PardotHub implements AutoCloseable {

    static final String SECRET = "pardot-callback-secret-for-tests";

    final FakePardot fake;
    final TestOdoo target;
    final HubRuntime hub;
    final OdooClient odoo;

    PardotHub(Path dataDir, Map<String, String> extra) throws Exception {
        this(dataDir, extra, x -> Map.of());
    }

    /** {@code prepare} sets up Odoo (over XML-RPC) or the fake before the hub starts and answers more settings (e.g. ids it created). */
    PardotHub(Path dataDir, Map<String, String> extra, Function<PardotHub, Map<String, String>> prepare) throws Exception {
        fake = new FakePardot();
        target = TestOdoo.start();
        odoo = target.client();
        Map<String, String> props = target.hubSettings();
        props.put("hub.pardot.business-unit-id", FakePardot.BU);
        props.put("hub.pardot.api-base", fake.baseUrl());
        props.put("hub.pardot.token-url", fake.tokenUrl());
        props.put("hub.pardot.backoff-ms", "20");
        // the scheduled pulls' pause-with-backoff, short for tests
        props.put("hub.retry.pull.initial-delay-ms", "300");
        props.put("hub.retry.pull.max-delay-ms", "2000");
        props.put("hub.pardot.pull-delay-ms", "3600000");
        props.put("hub.pardot.webhook-secret", SECRET);
        props.put("hub.pardot.retry.first-delay-ms", "200");
        props.put("hub.pardot.retry.max-delay-ms", "1000");
        props.put("hub.pardot.mapping-file", "routes/pardot-field-mappings.json");
        props.putAll(extra);
        props.putAll(prepare.apply(this));
        hub = HubRuntime.start(dataDir, props);
        CredentialStore credentials = hub.bean("credentialStore", CredentialStore.class);
        credentials.put(PardotTokens.CLIENT_ID, FakePardot.CLIENT_ID);
        credentials.put(PardotTokens.CLIENT_SECRET, FakePardot.CLIENT_SECRET);
        credentials.put(PardotTokens.REFRESH_TOKEN, FakePardot.REFRESH_TOKEN);
    }

    PardotSchedule schedule() {
        return hub.bean("pardotPull", PardotSchedule.class);
    }

    PardotState state() {
        return hub.bean("pardotState", PardotState.class);
    }

    Inbox inbox() {
        return hub.bean("inbox", Inbox.class);
    }

    /** Waits until the flow has nothing pending. */
    void drained(String flow) {
        drained(flow, Duration.ofSeconds(60));
    }

    void drained(String flow, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox().countsByStatus(flow).getOrDefault("pending", 0L) == 0L);
    }

    int pullAndDrain() {
        int n = schedule().pullProspects();
        drained(ProspectFlow.FLOW);
        return n;
    }

    List<Map<String, Object>> leads(String email) {
        return target.searchRead("crm.lead", List.of(List.of("email_from", "=ilike", email)), List.of());
    }

    Map<String, Object> lead(String email) {
        List<Map<String, Object>> l = leads(email);
        if (l.size() != 1) {
            throw new AssertionError("expected one lead for " + email + ", found " + l.size());
        }
        return l.get(0);
    }

    /** The id of a record found by name (a fixture Odoo has on its first day, e.g. the stage "Qualified"). */
    int idByName(String model, String name) {
        List<Map<String, Object>> rows = target.searchRead(model, List.of(List.of("name", "=", name)), List.of("id"));
        assertThat(rows).as(model + " named " + name).isNotEmpty();
        return (Integer) rows.get(0).get("id");
    }

    /**
     * Every model the hub called in Odoo is one the connector declares in {@link PardotOdoo#REQUIREMENTS}; the other
     * connectors, switched off here, asked nothing.
     */
    void assertEveryModelCalledIsDeclared() {
        Set<String> declared = PardotOdoo.REQUIREMENTS.stream().map(OdooRequirement::model).collect(Collectors.toCollection(java.util.HashSet::new));
        // the hub's start check also reads the installed modules and what the catalog (always on) needs
        declared.add("ir.module.module");
        new io.odoohub.catalog.CatalogConnector().odooRequirements().forEach(r -> declared.add(r.model()));
        Set<String> called = target.modelsCalled();
        assertThat(declared).as("models the Pardot connector called in Odoo").containsAll(called);
    }

    @Override
    public void close() throws Exception {
        try {
            hub.close();
        } finally {
            target.close();
            fake.close();
        }
    }
}
