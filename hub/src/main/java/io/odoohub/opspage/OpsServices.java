package io.odoohub.opspage;

import io.odoohub.catalog.CatalogConnector;
import io.odoohub.catalog.flow.CatalogSync;
import io.odoohub.catalog.api.MappingEditor;
import io.odoohub.catalog.client.OdooConnection;
import io.odoohub.catalog.api.ScheduleEditor;
import io.odoohub.catalog.model.SyncHistory;
import io.odoohub.history.SyncLog;
import io.odoohub.inbox.DeadLetterReplay;
import io.odoohub.inbox.FlowReports;
import io.odoohub.inbox.Inbox;
import io.odoohub.observe.FlowActivity;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.connector.Connector;
import io.odoohub.security.CredentialStore;
import io.odoohub.store.DeadLetterStore;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * The hub's services the operator's page calls: the same objects the management API calls, made once at start.
 *
 * @param flows        the inbox flows, in the order the connectors declare them
 * @param connectors   the connectors (name, switched on, flows, credential names)
 * @param consoleRoles the roles Hawtio admits ({@code hub.console.roles}): a page login holding one is a Hawtio login too
 */
public record OpsServices(CamelContext context, List<String> flows, List<Connector> connectors, FlowReports flowReports,
                          FlowActivity activity, DeadLetterStore deadLetters, DeadLetterReplay replay, Inbox inbox, SyncLog history,
                          CredentialStore credentials, Set<String> consoleRoles) {

    public OpsServices {
        flows = List.copyOf(flows);
        connectors = List.copyOf(connectors);
        consoleRoles = Set.copyOf(consoleRoles);
    }

    public MappingEditor mappings() {
        return bean(CatalogConnector.MAPPING_EDITOR_BEAN, MappingEditor.class);
    }

    public ScheduleEditor schedules() {
        return bean(CatalogConnector.SCHEDULE_EDITOR_BEAN, ScheduleEditor.class);
    }

    public OdooConnection odoo() {
        return bean(CatalogConnector.CONNECTION_BEAN, OdooConnection.class);
    }

    public SyncHistory catalogHistory() {
        return bean(CatalogConnector.HISTORY_BEAN, SyncHistory.class);
    }

    public CatalogSync catalogSync() {
        return bean("catalogSync", CatalogSync.class);
    }

    public OdooNeeds odooNeeds() {
        return context.getRegistry().lookupByNameAndType(OdooNeeds.BEAN, OdooNeeds.class);
    }

    private <T> T bean(String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("the hub has no " + name + " (" + type.getSimpleName() + ")");
        }
        return bean;
    }
}
