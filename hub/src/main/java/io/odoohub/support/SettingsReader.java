package io.odoohub.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads declared settings ({@link Setting}) from the properties, with errors that name the setting and the bad value. */
public final class SettingsReader {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsReader.class);

    /**
     * Keys renamed to the one prefix style ({@code hub.<area>.*}), new key to the key it had before. An installation
     * whose own properties still set the former key keeps working: the former key's value is read, with a warning,
     * while the new key is unset or at its default. The environment variables did not change.
     */
    static final Map<String, String> FORMER_KEYS = Map.ofEntries(
            Map.entry("hub.odoo.url", "odoo.url"),
            Map.entry("hub.odoo.db", "odoo.db"),
            Map.entry("hub.odoo.username", "odoo.username"),
            Map.entry("hub.odoo.api-key", "odoo.api-key"),
            Map.entry("hub.odoo.batch-size", "odoo.batch-size"),
            Map.entry("hub.odoo.page-size", "odoo.page-size"),
            Map.entry("hub.odoo.connect-timeout-ms", "odoo.connect-timeout-ms"),
            Map.entry("hub.odoo.read-timeout-ms", "odoo.read-timeout-ms"),
            Map.entry("hub.odoo.call-deadline-ms", "odoo.call-deadline-ms"),
            Map.entry("hub.odoo.requirements-check-ms", "odoo.requirements-check-ms"),
            Map.entry("hub.odoo.transport", "odoo.transport"),
            Map.entry("hub.google-ads.enabled", "google-ads.enabled"),
            Map.entry("hub.google-ads.auth", "google-ads.auth"),
            Map.entry("hub.google-ads.customer-ids", "google-ads.customer-ids"),
            Map.entry("hub.google-ads.login-customer-id", "google-ads.login-customer-id"),
            Map.entry("hub.google-ads.endpoint", "google-ads.endpoint"),
            Map.entry("hub.google-ads.import-period-minutes", "google-ads.import-period-minutes"),
            Map.entry("hub.google-ads.upload-period-minutes", "google-ads.upload-period-minutes"),
            Map.entry("hub.google-ads.lookback-days", "google-ads.lookback-days"),
            Map.entry("hub.google-ads.first-run-days", "google-ads.first-run-days"),
            Map.entry("hub.google-ads.structure-refresh-hours", "google-ads.structure-refresh-hours"),
            Map.entry("hub.google-ads.odoo-batch-size", "google-ads.odoo-batch-size"),
            Map.entry("hub.google-ads.conversion-action", "google-ads.conversion-action"),
            Map.entry("hub.google-ads.upload-won-opportunities", "google-ads.upload-won-opportunities"),
            Map.entry("hub.google-ads.too-recent-retry-hours", "google-ads.too-recent-retry-hours"),
            Map.entry("hub.google-ads.transient-backoff-max-minutes", "google-ads.transient-backoff-max-minutes"),
            Map.entry("hub.google-ads.reconciliation-threshold", "google-ads.reconciliation-threshold"),
            Map.entry("hub.google-ads.tick-ms", "google-ads.tick-ms"),
            Map.entry("hub.google-ads.start-delay-ms", "google-ads.start-delay-ms"),
            Map.entry("hub.catalog.export.batch-size", "catalog.export.batch-size"),
            Map.entry("hub.catalog.drop.max-file-bytes", "catalog.drop.max-file-bytes"),
            Map.entry("hub.catalog.image.max-bytes", "catalog.image.max-bytes"),
            Map.entry("hub.catalog.image.allowed-hosts", "catalog.image.allowed-hosts"),
            Map.entry("hub.catalog.mapping-profile", "catalog.mapping-profile"),
            Map.entry("hub.shopify.shop", "shopify.shop"),
            Map.entry("hub.shopify.access-token", "shopify.access-token"),
            Map.entry("hub.shopify.client-secret", "shopify.client-secret"),
            Map.entry("hub.shopify.api-version", "shopify.api-version"),
            Map.entry("hub.shopify.admin-url", "shopify.admin-url"),
            Map.entry("hub.shopify.webhook.max-body-bytes", "shopify.webhook.max-body-bytes"),
            Map.entry("hub.shopify.order-prefix", "shopify.order-prefix"),
            Map.entry("hub.shopify.confirm-policy", "shopify.confirm-policy"),
            Map.entry("hub.shopify.warehouse", "shopify.warehouse"),
            Map.entry("hub.shopify.location-map", "shopify.location-map"),
            Map.entry("hub.shopify.carrier-map", "shopify.carrier-map"),
            Map.entry("hub.shopify.payment-map", "shopify.payment-map"),
            Map.entry("hub.shopify.tax-map", "shopify.tax-map"),
            Map.entry("hub.shopify.category-map", "shopify.category-map"),
            Map.entry("hub.shopify.metafield-map", "shopify.metafield-map"),
            Map.entry("hub.shopify.odoo-owns", "shopify.odoo-owns"),
            Map.entry("hub.shopify.inbox.batch-size", "shopify.inbox.batch-size"),
            Map.entry("hub.shopify.push.enabled", "shopify.push.enabled"),
            Map.entry("hub.shopify.push.interval-ms", "shopify.push.interval-ms"),
            Map.entry("hub.shopify.push.location", "shopify.push.location"),
            Map.entry("hub.shopify.import.page-size", "shopify.import.page-size"),
            Map.entry("hub.shopify.reconcile.enabled", "shopify.reconcile.enabled"),
            Map.entry("hub.catalog.webhook-secret", "hub.webhooks.catalog.secret"),
            Map.entry("hub.catalog.drop-dir", "hub.drop.products"));

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private SettingsReader() {
    }

    /**
     * The value of a declared setting: the property (application.properties, or the environment variable its value
     * names), else the declared default; parsed and checked. A bad value throws {@link IllegalArgumentException}
     * {@code setting <key> (<ENV>) must be ..., was '<value>'}; a secret's value is not shown.
     */
    public static <T> T read(PropertiesComponent p, Setting<T> setting) {
        String value = p.resolveProperty(setting.key()).map(String::trim).orElse(null);
        String defaultValue = setting.defaultValue().contains("{{") ? p.parseUri(setting.defaultValue()).trim() : setting.defaultValue();
        String former = FORMER_KEYS.get(setting.key());
        if (former != null && (value == null || value.isEmpty() || value.equals(defaultValue))) {
            String old = p.resolveProperty(former).map(String::trim).orElse("");
            if (!old.isEmpty() && !old.equals(value)) {
                if (WARNED.add(former)) {
                    LOG.warn("setting {} is now called {}: the value set under {} is used; rename it (the environment variable {} is unchanged)",
                            former, setting.key(), former, setting.env());
                }
                value = old;
            }
        }
        if (value == null || value.isEmpty() && !setting.keepsEmpty()) {
            value = defaultValue;
        }
        try {
            return setting.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + setting.key() + " (" + setting.env() + ") " + e.getMessage()
                    + (setting.isSecret() ? " (the value is secret: not shown)" : ", was '" + value + "'"),
                    setting.isSecret() ? null : e); // a secret's parse error stays out of the cause too
        }
    }
}
