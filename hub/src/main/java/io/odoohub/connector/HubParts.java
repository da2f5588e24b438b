package io.odoohub.connector;

import io.odoohub.api.ApiGuard;
import io.odoohub.history.SyncLog;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.inbox.Inbox;
import io.odoohub.inbox.InboxDrain;
import io.odoohub.inbox.InboxIntake;
import io.odoohub.odoo.OdooConfiguration;
import io.odoohub.security.CredentialStore;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.store.HubDatabase;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The shared pieces every connector builds on, made once at start by {@code runtime.HubConfiguration} (the composition root) and handed to each
 * {@link Connector}: the store, the Odoo connection settings (the {@code odoo:} component's defaults), the inbox (its batched intake for request threads, its drain for a flow's own retry schedule or batch size), flow pause state, the sync
 * history, the counters, the dead letters, the credential store and the management API's guard.
 */
public record HubParts(
        CamelContext context,
        HubSettings settings,
        HubDatabase database,
        OdooConfiguration odoo,
        CredentialStore credentials,
        ApiGuard apiGuard,
        Inbox inbox,
        InboxIntake intake,
        InboxDrain drain,
        FlowControl flowControl,
        SyncLog syncLog,
        FlowCounters counters,
        DeadLetterStore deadLetters,
        Clock clock) {

    /** The properties (application.properties, overridden by environment variables) a connector reads its settings from. */
    public PropertiesComponent properties() {
        return context.getPropertiesComponent();
    }
}
