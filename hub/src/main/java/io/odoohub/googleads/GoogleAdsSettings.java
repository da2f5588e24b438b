package io.odoohub.googleads;

import static io.odoohub.support.SettingsReader.read;

import io.odoohub.connector.HubSettings;
import io.odoohub.support.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;
import io.odoohub.googleads.client.AdsEndpoint;
import io.odoohub.googleads.client.GoogleAdsCredentials;
import io.odoohub.googleads.flow.Account;
import io.odoohub.googleads.flow.Conversions;
import io.odoohub.googleads.flow.Metrics;

/**
 * The connector's settings ({@code google-ads.*} in application.properties), declared in {@link #DECLARED}. Secrets are
 * not here: they are in the credential store under the names of {@link GoogleAdsCredentials}.
 *
 * @param account             which accounts, reached how
 * @param metrics             the metrics import
 * @param conversions         the conversion upload
 * @param transientBackoffMax the longest pause-with-backoff of the two jobs
 */
public record GoogleAdsSettings(Account account, Metrics metrics, Conversions conversions, Duration transientBackoffMax, Duration startDelay) {

    /** The Google Ads name of {@code hub.retry.pull.max-delay-ms} (minutes), kept as an alias; empty = the shared value. */
    private static final String CUSTOMER_IDS_RULE = "must be customer ids such as 123-456-7890";

    static final Setting<Boolean> ENABLED = Setting.bool("hub.google-ads.enabled", "GOOGLE_ADS_ENABLED", "false",
            "turns the connector on (with `hub.google-ads.customer-ids` and the credentials)");
    static final Setting<String> AUTH = Setting.oneOf("hub.google-ads.auth", "GOOGLE_ADS_AUTH", GoogleAdsCredentials.OAUTH,
            "which credentials are used: `oauth` (client id and secret, refresh token) or `service-account` (the JSON key)",
            GoogleAdsCredentials.OAUTH, GoogleAdsCredentials.SERVICE_ACCOUNT);
    static final Setting<List<String>> CUSTOMER_IDS = Setting.text("hub.google-ads.customer-ids", "GOOGLE_ADS_CUSTOMER_IDS", "",
            "accounts to read, comma-separated, `123-456-7890` or digits").map(GoogleAdsSettings::customerIds).type("customer ids");
    static final Setting<String> LOGIN_CUSTOMER_ID = Setting.text("hub.google-ads.login-customer-id", "GOOGLE_ADS_LOGIN_CUSTOMER_ID", "",
            "the manager account, when access goes through one").map(GoogleAdsSettings::digits).type("customer id");
    static final Setting<String> ENDPOINT = Setting.text(AdsEndpoint.SETTING, "GOOGLE_ADS_ENDPOINT", "googleads.googleapis.com:443",
            "the API, `host:port` over TLS; `plaintext://127.0.0.1:<port>` names a test server on this machine (refused at start"
                    + " for any host but loopback; no credential is sent over it)").type("host:port");
    static final Setting<Integer> IMPORT_PERIOD_MINUTES = Setting.positive("hub.google-ads.import-period-minutes",
            "GOOGLE_ADS_IMPORT_PERIOD_MINUTES", "240", "how often metrics are imported (minutes)");
    static final Setting<Integer> UPLOAD_PERIOD_MINUTES = Setting.positive("hub.google-ads.upload-period-minutes",
            "GOOGLE_ADS_UPLOAD_PERIOD_MINUTES", "60", "how often conversions are uploaded (minutes)");
    static final Setting<Integer> LOOKBACK_DAYS = Setting.positive("hub.google-ads.lookback-days", "GOOGLE_ADS_LOOKBACK_DAYS", "14",
            "days re-read on every run (Google revises conversions)");
    static final Setting<Integer> FIRST_RUN_DAYS = Setting.positive("hub.google-ads.first-run-days", "GOOGLE_ADS_FIRST_RUN_DAYS", "30",
            "days read by the first run");
    static final Setting<Integer> STRUCTURE_REFRESH_HOURS = Setting.positive("hub.google-ads.structure-refresh-hours",
            "GOOGLE_ADS_STRUCTURE_REFRESH_HOURS", "24", "an unchanged campaign is written again after this (hours)");
    static final Setting<Integer> ODOO_BATCH_SIZE = Setting.positive("hub.google-ads.odoo-batch-size", "GOOGLE_ADS_ODOO_BATCH_SIZE", "1000",
            "metric rows per Odoo write");
    static final Setting<String> CONVERSION_ACTION = Setting.text("hub.google-ads.conversion-action", "GOOGLE_ADS_CONVERSION_ACTION", "",
            "the conversion action's id, or `customers/<id>/conversionActions/<id>`; empty = no uploads");
    static final Setting<Boolean> UPLOAD_WON_OPPORTUNITIES = Setting.bool("hub.google-ads.upload-won-opportunities",
            "GOOGLE_ADS_UPLOAD_WON_OPPORTUNITIES", "false", "also upload won opportunities that carry a gclid");
    static final Setting<Integer> TOO_RECENT_RETRY_HOURS = Setting.positive("hub.google-ads.too-recent-retry-hours",
            "GOOGLE_ADS_TOO_RECENT_RETRY_HOURS", "6", "a click Google says is too recent is uploaded again after this (hours)");
    static final Setting<Optional<Duration>> TRANSIENT_BACKOFF_MAX = Setting.text("hub.google-ads.transient-backoff-max-minutes",
            "GOOGLE_ADS_TRANSIENT_BACKOFF_MAX_MINUTES", "",
            "the longest pause-with-backoff of the two jobs; empty = `hub.retry.pull.max-delay-ms` (this key is its alias, kept)")
            .map(GoogleAdsSettings::minutes).type("whole number ≥ 1, or empty");
    static final Setting<Double> RECONCILIATION_THRESHOLD = Setting.decimal("hub.google-ads.reconciliation-threshold",
            "GOOGLE_ADS_RECONCILIATION_THRESHOLD", "0.01", "relative difference above which a day is flagged (0.01 = 1 %)")
            .check(v -> v >= 0, "must be 0 or more").type("number ≥ 0");
    static final Setting<Integer> TICK_MS = Setting.positive("hub.google-ads.tick-ms", "GOOGLE_ADS_TICK_MS", "60000",
            "how often the two jobs look whether they are due (ms)");
    static final Setting<Integer> START_DELAY_MS = Setting.integer("hub.google-ads.start-delay-ms", "GOOGLE_ADS_START_DELAY_MS", "30000",
            "the wait after this runtime's start before its ticks run a job (ms; 0 = at once)").check(v -> v >= 0, "must be 0 or more").type("whole number ≥ 0");

    /** Every setting of the connector, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(ENABLED, AUTH, CUSTOMER_IDS, LOGIN_CUSTOMER_ID, ENDPOINT,
            IMPORT_PERIOD_MINUTES, UPLOAD_PERIOD_MINUTES, LOOKBACK_DAYS, FIRST_RUN_DAYS, STRUCTURE_REFRESH_HOURS, ODOO_BATCH_SIZE,
            CONVERSION_ACTION, UPLOAD_WON_OPPORTUNITIES, TOO_RECENT_RETRY_HOURS, TRANSIENT_BACKOFF_MAX, RECONCILIATION_THRESHOLD,
            TICK_MS, START_DELAY_MS);

    public static GoogleAdsSettings from(PropertiesComponent p) {
        // read by routes/google-ads-*.camel.yaml as a placeholder: checked here, with the others
        read(p, TICK_MS);
        String login = read(p, LOGIN_CUSTOMER_ID);
        return new GoogleAdsSettings(
                new Account(read(p, ENABLED), read(p, CUSTOMER_IDS), login.isEmpty() ? null : login, AdsEndpoint.parse(read(p, ENDPOINT)),
                        read(p, AUTH)),
                new Metrics(Duration.ofMinutes(read(p, IMPORT_PERIOD_MINUTES)), read(p, LOOKBACK_DAYS), read(p, FIRST_RUN_DAYS),
                        Duration.ofHours(read(p, STRUCTURE_REFRESH_HOURS)), read(p, ODOO_BATCH_SIZE), read(p, RECONCILIATION_THRESHOLD)),
                new Conversions(Duration.ofMinutes(read(p, UPLOAD_PERIOD_MINUTES)), read(p, CONVERSION_ACTION),
                        read(p, UPLOAD_WON_OPPORTUNITIES), Duration.ofHours(read(p, TOO_RECENT_RETRY_HOURS))),
                // the alias of hub.retry.pull.max-delay-ms: empty = the shared value
                read(p, TRANSIENT_BACKOFF_MAX).orElseGet(() -> Duration.ofMillis(read(p, HubSettings.RETRY_PULL_MAX_DELAY_MS))),
                Duration.ofMillis(read(p, START_DELAY_MS)));
    }

    /** "123-456-7890, 1112223333" -> [1234567890, 1112223333]; anything but digits and dashes is refused. */
    static List<String> customerIds(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String id = digits(part.trim());
            if (!id.isEmpty()) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    static String digits(String raw) {
        String id = raw.replace("-", "");
        if (!id.matches("\\d*")) {
            throw new IllegalArgumentException(CUSTOMER_IDS_RULE);
        }
        return id;
    }

    private static Optional<Duration> minutes(String raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            int m = Integer.parseInt(raw);
            if (m >= 1) {
                return Optional.of(Duration.ofMinutes(m));
            }
        } catch (NumberFormatException e) {
            // the rule below
        }
        throw new IllegalArgumentException("must be a whole number of minutes, at least 1, or empty");
    }
}
