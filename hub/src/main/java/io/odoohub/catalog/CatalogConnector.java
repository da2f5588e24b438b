package io.odoohub.catalog;

import io.odoohub.catalog.api.CatalogProductsApi;
import io.odoohub.catalog.api.MappingApi;
import io.odoohub.catalog.api.MappingEditor;
import io.odoohub.catalog.api.OdooSyncApi;
import io.odoohub.catalog.api.ScheduleApi;
import io.odoohub.catalog.api.ScheduleEditor;
import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.catalog.flow.CatalogSchedules;
import io.odoohub.catalog.flow.CatalogSync;
import io.odoohub.catalog.flow.CatalogWebhook;
import io.odoohub.catalog.odoo.BidirectionalSync;
import io.odoohub.catalog.odoo.ProductExporter;
import io.odoohub.catalog.odoo.ProductImporter;
import io.odoohub.catalog.client.ImageFetcher;
import io.odoohub.catalog.client.OdooConnection;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.MappingProfile;
import io.odoohub.catalog.model.MappingStore;
import io.odoohub.catalog.model.ScheduleStore;
import io.odoohub.catalog.model.SyncHistory;
import io.odoohub.support.RouteTemplates;
import io.odoohub.connector.Connector;
import io.odoohub.connector.HubParts;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooRequirement;
import io.odoohub.connector.HubSettings;
import io.odoohub.webhook.HmacVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product catalog: a local catalog of products (REST {@code /api/v1/products}, dropped files, the signed
 * webhook) kept in step with Odoo's product.template: export and import, two-way sync with per-field ownership,
 * field/category/tax mappings, schedules (Quartz), history and statistics under {@code /api/v1/odoo} (the seed's API).
 */
public final class CatalogConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogConnector.class);

    @Override
    public List<String> requiredRoutes() {
        // routes/catalog-products, catalog-sync and catalog-webhook .camel.yaml
        return List.of("apply-" + CatalogProductFlow.FLOW, "apply-" + CatalogSync.EXPORT_FLOW, "apply-" + CatalogSync.IMPORT_FLOW,
                "webhook-catalog-products");
    }

    @Override
    public List<String> flows() {
        return List.of(CatalogProductFlow.FLOW, CatalogSync.EXPORT_FLOW, CatalogSync.IMPORT_FLOW);
    }

    public static final String MAPPING_EDITOR_BEAN = "catalogMappingEditor";
    public static final String SCHEDULE_EDITOR_BEAN = "catalogScheduleEditor";
    public static final String CONNECTION_BEAN = "catalogOdooConnection";
    public static final String HISTORY_BEAN = "catalogSyncHistory";

    @Override
    public List<String> credentialNames() {
        return List.of(OdooConnection.SECRET);
    }

    @Override
    public List<OdooRequirement> odooRequirements() {
        return List.of(
                OdooRequirement.model("product", FieldMapping.MODEL, "the catalog's products"),
                OdooRequirement.field("product", FieldMapping.MODEL, "barcode", "matching catalog products to Odoo's by EAN"));
    }

    @Override
    public void install(HubParts hub) throws Exception {
        HubSettings settings = hub.settings();
        Files.createDirectories(settings.productDropDir());
        CatalogSettings catalog = CatalogSettings.from(hub.properties());
        int batchSize = catalog.exportBatchSize();
        // the drain hands the products flow this many events per apply, so a dropped file goes to Odoo in loads of
        // batchSize (with the shared hub.inbox.batch-size, 200, it took 2.5 times the loads and binding reads)
        hub.drain().useBatchSize(CatalogProductFlow.FLOW, batchSize);
        javax.sql.DataSource ds = hub.database().dataSource();
        CatalogStore store = new CatalogStore(ds);
        MappingStore mappings = new MappingStore(ds);
        mappings.installDefaults();
        MappingProfile.loadIfPresent(catalog.mappingProfile(), mappings);
        SyncHistory history = new SyncHistory(ds);
        OdooConnection connection = new OdooConnection(ds, hub.credentials(), hub.context().getComponent("odoo", OdooComponent.class), hub.odoo());
        ProductExporter exporter = new ProductExporter(store, mappings, connection, history, new ImageFetcher(catalog.imageMaxBytes(), catalog.imageAllowedHosts()), hub.clock());
        ProductImporter importer = new ProductImporter(store, exporter, connection, history, hub.clock());
        BidirectionalSync twoWay = new BidirectionalSync(store, exporter, connection, history, hub.clock());
        CatalogSync sync = new CatalogSync(store, exporter, importer, twoWay, hub.inbox(), history, hub.clock());
        ScheduleStore scheduleStore = new ScheduleStore(ds);
        CatalogSchedules schedules = new CatalogSchedules(scheduleStore, store, sync, hub.clock());
        CatalogProductFlow products = new CatalogProductFlow(hub.inbox(), hub.counters(), store, exporter, sync, batchSize, catalog.dropMaxFileBytes(),
                hub.clock());
        hub.context().getRegistry().bind("catalogProducts", products);
        hub.context().getRegistry().bind("catalogSync", sync);
        hub.context().getRegistry().bind("catalogSchedules", schedules);
        hub.context().getRegistry().bind("catalogStore", store);
        hub.context().addRoutes(new CatalogProductsApi(hub.apiGuard(), store, hub.clock()));
        hub.context().addRoutes(new OdooSyncApi(hub.apiGuard(), connection, store, exporter, importer, sync, history, hub.clock()));
        MappingEditor mappingEditor = new MappingEditor(mappings, connection);
        ScheduleEditor scheduleEditor = new ScheduleEditor(scheduleStore, schedules, hub.clock());
        // the API and the operator's page change mappings and schedules through the same editors
        hub.context().getRegistry().bind(MAPPING_EDITOR_BEAN, mappingEditor);
        hub.context().getRegistry().bind(SCHEDULE_EDITOR_BEAN, scheduleEditor);
        hub.context().getRegistry().bind(CONNECTION_BEAN, connection);
        hub.context().getRegistry().bind(HISTORY_BEAN, history);
        hub.context().addRoutes(new MappingApi(hub.apiGuard(), mappingEditor, connection));
        hub.context().addRoutes(new ScheduleApi(hub.apiGuard(), scheduleEditor));
        // a schedule's route is made from a template of routes/, which Camel reads after this configuration
        RouteTemplates.whenStarted(hub.context(), schedules::start);
        hub.context().getRegistry().bind("catalogWebhook", new CatalogWebhook(new HmacVerifier(settings.webhooks().catalogSecrets(),
                HmacVerifier.Encoding.HEX), hub.intake(), products, hub.counters(), settings.webhooks().maxBodyBytes()));
        if (settings.useSandbox()) {
            copyDemoFile(settings);
        }
    }

    /** In sandbox mode only: the sample product file is dropped once, so a first run shows data flowing. */
    private static void copyDemoFile(HubSettings settings) throws IOException {
        if (settings.sandbox().demoFile().isBlank()) {
            return;
        }
        Path demo = Path.of(settings.sandbox().demoFile());
        if (!Files.isRegularFile(demo)) {
            LOG.info("Demo file {} not found; nothing dropped", demo);
            return;
        }
        Path tmp = settings.productDropDir().resolve("." + demo.getFileName() + ".tmp");
        Files.copy(demo, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, settings.productDropDir().resolve(demo.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Sandbox demo: dropped {} into {}", demo, settings.productDropDir());
    }
}
