package io.odoohub.catalog;

import static io.odoohub.support.SettingsReader.read;

import io.odoohub.support.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The product catalog's settings ({@code catalog.*} in application.properties), declared in {@link #DECLARED}. Its
 * webhook secret and the product drop folder are the hub's ({@code hub.catalog.webhook-secret}, {@code hub.catalog.drop-dir}).
 *
 * @param exportBatchSize   products per load call; also the events the drain applies at once for files and the webhook
 * @param dropMaxFileBytes  a dropped product file larger than this is not read (it is read whole): a dead letter says so
 * @param imageMaxBytes     images fetched from image_url larger than this are refused
 * @param imageAllowedHosts internal hosts image_url may reach (an intranet image server)
 * @param mappingProfile    field mappings kept as a file beside the routes, applied at start when present
 */
public record CatalogSettings(int exportBatchSize, long dropMaxFileBytes, long imageMaxBytes, Set<String> imageAllowedHosts,
                              Path mappingProfile) {

    static final Setting<Integer> EXPORT_BATCH_SIZE = Setting.positive("hub.catalog.export.batch-size", "CATALOG_EXPORT_BATCH_SIZE", "500",
            "products per load call; also the events the drain applies at once for dropped files and the webhook");
    static final Setting<Integer> DROP_MAX_FILE_BYTES = Setting.positive("hub.catalog.drop.max-file-bytes", "CATALOG_DROP_MAX_FILE_BYTES",
            "16777216", "a product file dropped in `hub.catalog.drop-dir` larger than this is not read (files are read whole): a dead"
                    + " letter says so (bytes)");
    static final Setting<Integer> IMAGE_MAX_BYTES = Setting.positive("hub.catalog.image.max-bytes", "CATALOG_IMAGE_MAX_BYTES", "5242880",
            "images fetched from `image_url` larger than this are refused (bytes)");
    static final Setting<String> IMAGE_ALLOWED_HOSTS = Setting.text("hub.catalog.image.allowed-hosts", "CATALOG_IMAGE_ALLOWED_HOSTS", "",
            "hosts `image_url` may reach although they are internal (comma-separated), e.g. an intranet image server: see"
                    + " [How it works](#how-it-works)");
    static final Setting<String> MAPPING_PROFILE = Setting.text("hub.catalog.mapping-profile", "HUB_CATALOG_MAPPING_PROFILE",
            "{{hub.routes.dir}}/catalog-field-mappings.json",
            "field mappings kept as a file beside the routes (JSON array, the API's shape), applied at start when present");

    static final Setting<Integer> SCHEDULES_REFRESH_MS = Setting.positive("hub.catalog.schedules.refresh-ms", "CATALOG_SCHEDULES_REFRESH_MS",
            "30000", "how often each runtime reads the schedules again, so that one created, changed or deleted on another runtime"
                    + " gets its route here: see [Schedules in a cluster](operations.md#schedules-in-a-cluster) (ms)");

    /** Every setting of the catalog, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(EXPORT_BATCH_SIZE, DROP_MAX_FILE_BYTES, IMAGE_MAX_BYTES,
            IMAGE_ALLOWED_HOSTS, MAPPING_PROFILE, SCHEDULES_REFRESH_MS);

    public static CatalogSettings from(PropertiesComponent p) {
        return new CatalogSettings(read(p, EXPORT_BATCH_SIZE), read(p, DROP_MAX_FILE_BYTES), read(p, IMAGE_MAX_BYTES),
                Set.copyOf(List.of(read(p, IMAGE_ALLOWED_HOSTS).split(","))), Path.of(read(p, MAPPING_PROFILE)));
    }
}
