package io.odoohub.catalog;

import io.odoohub.runtime.Connector;
import io.odoohub.runtime.HubParts;
import io.odoohub.runtime.HubSettings;
import io.odoohub.webhook.HmacVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product catalog: dropped product files ({@code routes/product-files.camel.yaml}) and the signed catalog
 * webhook store products in the inbox; {@code routes/catalog-products.camel.yaml} applies them to Odoo.
 */
public final class CatalogConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogConnector.class);

    @Override
    public List<String> flows() {
        return List.of(CatalogProductFlow.FLOW);
    }

    @Override
    public void install(HubParts hub) throws Exception {
        HubSettings settings = hub.settings();
        Files.createDirectories(settings.productDropDir());
        CatalogProductFlow products = new CatalogProductFlow(hub.inbox(), hub.counters());
        hub.context().getRegistry().bind("catalogProducts", products);
        hub.context().addRoutes(new CatalogWebhookRoute(new HmacVerifier(settings.catalogWebhookSecrets(), HmacVerifier.Encoding.HEX),
                hub.intake(), products, hub.counters(), settings.webhookMaxBodyBytes()));
        if (settings.useSandbox()) {
            copyDemoFile(settings);
        }
    }

    /** In sandbox mode only: the sample product file is dropped once, so a first run shows data flowing. */
    private static void copyDemoFile(HubSettings settings) throws IOException {
        if (settings.sandboxDemoFile().isBlank()) {
            return;
        }
        Path demo = Path.of(settings.sandboxDemoFile());
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
