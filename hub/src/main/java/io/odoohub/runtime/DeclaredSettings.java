package io.odoohub.runtime;

import io.odoohub.catalog.CatalogSettings;
import io.odoohub.connector.HubSettings;
import io.odoohub.console.ConsoleSettings;
import io.odoohub.observe.ObserveSettings;
import io.odoohub.security.SecuritySettings;
import io.odoohub.shopify.ShopifySettings;
import io.odoohub.support.Setting;
import io.odoohub.support.SettingsReader;
import java.util.List;
import org.apache.camel.spi.PropertiesComponent;
import io.odoohub.googleads.GoogleAdsSettings;
import io.odoohub.pardot.PardotSettings;

/**
 * Every declared setting, by area, with the documentation page whose generated table lists them. A test holds these,
 * {@code application.properties} and the tables equal.
 */
public final class DeclaredSettings {

    /** One area's settings and the page (from the repository's root) whose table lists them. */
    public record Area(String name, String page, List<Setting<?>> settings) {
    }

    public static final List<Area> AREAS = List.of(
            new Area("server", "docs/configuration.md", ServerSettings.DECLARED),
            new Area("hub", "docs/configuration.md", HubSettings.DECLARED),
            new Area("security", "docs/configuration.md", SecuritySettings.DECLARED),
            new Area("observe", "docs/operations.md", ObserveSettings.DECLARED),
            new Area("console", "docs/operations.md", ConsoleSettings.DECLARED),
            new Area("pardot", "docs/pardot.md", PardotSettings.DECLARED),
            new Area("shopify", "docs/shopify.md", ShopifySettings.DECLARED),
            new Area("google-ads", "docs/google-ads.md", GoogleAdsSettings.DECLARED),
            new Area("catalog", "docs/catalog.md", CatalogSettings.DECLARED));

    private DeclaredSettings() {
    }

    /** Reads every declared setting once: the first bad value stops the start, named, before anything is opened. */
    public static void check(PropertiesComponent properties) {
        AREAS.forEach(area -> area.settings().forEach(setting -> SettingsReader.read(properties, setting)));
    }
}
