package io.odoohub.pardot;

import io.odoohub.inbox.Inbox;
import io.odoohub.odoo.OdooClient;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.security.CredentialStore;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.SandboxClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;

/** The real runtime with the sandbox and the fake Pardot, the schedules parked: tests run the pulls themselves. */
final class PardotHub implements AutoCloseable {

    static final String SECRET = "pardot-callback-secret-for-tests";

    final FakePardot fake;
    final OdooSandbox sandbox;
    final HubRuntime hub;
    final OdooClient odoo;

    PardotHub(Path dataDir, Map<String, String> extra) throws Exception {
        this(dataDir, extra, x -> Map.of());
    }

    /** {@code prepare} sets up the sandbox or the fake before the hub starts and answers more settings (e.g. ids it created). */
    PardotHub(Path dataDir, Map<String, String> extra, Function<PardotHub, Map<String, String>> prepare) throws Exception {
        fake = new FakePardot();
        sandbox = SandboxClients.start();
        odoo = SandboxClients.client(sandbox);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("odoo.url", sandbox.url());
        props.put("odoo.db", SandboxClients.DB);
        props.put("odoo.username", SandboxClients.LOGIN);
        props.put("odoo.api-key", SandboxClients.KEY);
        props.put("hub.console.enabled", "false");
        props.put("hub.pardot.business-unit-id", FakePardot.BU);
        props.put("hub.pardot.api-base", fake.baseUrl());
        props.put("hub.pardot.token-url", fake.tokenUrl());
        props.put("hub.pardot.backoff-ms", "20");
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
        drained(flow, Duration.ofSeconds(30));
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
        return odoo.searchRead("crm.lead", List.of(List.of("email_from", "=ilike", email)), List.of(), null, 0, 0, Map.of("active_test", false));
    }

    Map<String, Object> lead(String email) {
        List<Map<String, Object>> l = leads(email);
        if (l.size() != 1) {
            throw new AssertionError("expected one lead for " + email + ", found " + l.size());
        }
        return l.get(0);
    }

    @Override
    public void close() throws Exception {
        hub.close();
        sandbox.close();
        fake.close();
    }
}
