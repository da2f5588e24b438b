package io.odoohub.catalog;

import org.apache.camel.builder.RouteBuilder;

/**
 * The apply routes of the background sync flows: the inbox drain hands them a batch of events and they answer one
 * outcome per event (the hub's one retry policy, dead letters and history apply).
 */
final class CatalogSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:apply-" + CatalogSync.EXPORT_FLOW).routeId("apply-" + CatalogSync.EXPORT_FLOW).routeConfigurationId("hub-inbox-apply")
                .bean("catalogSync", "applyExport");
        from("direct:apply-" + CatalogSync.IMPORT_FLOW).routeId("apply-" + CatalogSync.IMPORT_FLOW).routeConfigurationId("hub-inbox-apply")
                .bean("catalogSync", "applyImport");
    }
}
