package io.odoohub.googleads;

import io.odoohub.support.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The connector's settings ({@code google-ads.*} in application.properties). Secrets are not here: they are in the
 * credential store under the names of {@link GoogleAdsCredentials}.
 *
 * @param customerIds          the accounts whose metrics are imported and conversions uploaded (digits only)
 * @param loginCustomerId      the manager account the calls go through, or null
 * @param endpoint             where the API is: host:port over TLS, or a plaintext test server on loopback
 * @param conversionAction     the conversion action's id (or its resource name) that uploads use
 * @param uploadWonOpportunities also upload won opportunities carrying a gclid, not only confirmed sale orders
 */
public record GoogleAdsSettings(
        boolean enabled,
        List<String> customerIds,
        String loginCustomerId,
        AdsEndpoint endpoint,
        String authMode,
        Duration importPeriod,
        Duration uploadPeriod,
        int lookbackDays,
        int firstRunDays,
        Duration structureRefresh,
        int odooBatchSize,
        String conversionAction,
        boolean uploadWonOpportunities,
        Duration tooRecentRetry,
        Duration transientBackoffMax,
        double reconciliationThreshold) {

    /** The Google Ads name of {@code hub.retry.pull.max-delay-ms} (minutes), kept as an alias; empty = the shared value. */
    public static final String TRANSIENT_BACKOFF_MAX = "google-ads.transient-backoff-max-minutes";
    public static final String OAUTH = "oauth";
    public static final String SERVICE_ACCOUNT = "service-account";

    public static GoogleAdsSettings from(PropertiesComponent p) {
        String mode = SettingsReader.get(p, "google-ads.auth", OAUTH);
        if (!mode.equals(OAUTH) && !mode.equals(SERVICE_ACCOUNT)) {
            throw new IllegalArgumentException("setting google-ads.auth must be oauth or service-account, was '" + mode + "'");
        }
        String login = digits(SettingsReader.get(p, "google-ads.login-customer-id", ""), "google-ads.login-customer-id");
        return new GoogleAdsSettings(
                SettingsReader.bool(p, "google-ads.enabled", false),
                customerIds(SettingsReader.get(p, "google-ads.customer-ids", "")),
                login.isEmpty() ? null : login,
                AdsEndpoint.parse(SettingsReader.get(p, AdsEndpoint.SETTING, "googleads.googleapis.com:443")),
                mode,
                Duration.ofMinutes(SettingsReader.positive(p, "google-ads.import-period-minutes", 240)),
                Duration.ofMinutes(SettingsReader.positive(p, "google-ads.upload-period-minutes", 60)),
                SettingsReader.positive(p, "google-ads.lookback-days", 14),
                SettingsReader.positive(p, "google-ads.first-run-days", 30),
                Duration.ofHours(SettingsReader.positive(p, "google-ads.structure-refresh-hours", 24)),
                SettingsReader.positive(p, "google-ads.odoo-batch-size", 1000),
                SettingsReader.get(p, "google-ads.conversion-action", ""),
                SettingsReader.bool(p, "google-ads.upload-won-opportunities", false),
                Duration.ofHours(SettingsReader.positive(p, "google-ads.too-recent-retry-hours", 6)),
                Duration.ofMinutes(SettingsReader.positive(p, TRANSIENT_BACKOFF_MAX, 60)),
                SettingsReader.decimal(p, "google-ads.reconciliation-threshold", 0.01));
    }

    /** "123-456-7890, 1112223333" -> [1234567890, 1112223333]; anything but digits and dashes is refused. */
    static List<String> customerIds(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String id = digits(part.trim(), "google-ads.customer-ids");
            if (!id.isEmpty()) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    static String digits(String raw, String setting) {
        String id = raw.replace("-", "");
        if (!id.matches("\\d*")) {
            throw new IllegalArgumentException("setting " + setting + " must be customer ids such as 123-456-7890, was '" + raw + "'");
        }
        return id;
    }

    /** The conversion action as a resource name of one customer. */
    public String conversionActionOf(String customerId) {
        if (conversionAction.startsWith("customers/")) {
            return conversionAction;
        }
        return "customers/" + customerId + "/conversionActions/" + conversionAction;
    }
}
