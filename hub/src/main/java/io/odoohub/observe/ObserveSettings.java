package io.odoohub.observe;

import static io.odoohub.support.SettingsReader.read;

import io.odoohub.support.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Settings of health, metrics and notifications ({@code hub.observe.*}, {@code hub.notify.*} in
 * application.properties), declared in {@link #DECLARED} and checked at start so that a bad value stops the start with
 * its name.
 *
 * @param cacheTtl            how long a flow's inbox figures are kept between two reads (scrapes, health calls)
 * @param webhookUrl          where notifications are POSTed as JSON; null: no webhook
 * @param smtp                the mail server notifications go through; null: no mail
 * @param deadLetterThreshold open dead letters of a flow above which operators are told (once per crossing)
 * @param checkPeriod         how often pauses and dead letters are checked for notifications
 * @param timeout             connect and read timeout of one notification
 */
public record ObserveSettings(Duration cacheTtl, URI webhookUrl, Smtp smtp, int deadLetterThreshold, Duration checkPeriod,
        Duration timeout) {

    /** SMTP settings; {@code password} is secret: never logged, never in {@link #toString()}. */
    public record Smtp(String host, int port, String username, char[] password, String from, String to, boolean starttls,
            boolean ssl) {

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", user '" + username + "', from " + from + ", to " + to
                    + (ssl ? ", ssl" : starttls ? ", starttls" : "") + "]";
        }
    }

    static final Setting<Integer> CACHE_MS = Setting.positive("hub.observe.cache-ms", "HUB_OBSERVE_CACHE_MS", "1000",
            "inbox figures are read at most this often, however often health and metrics are asked (ms)");
    static final Setting<URI> WEBHOOK_URL = Setting.text("hub.notify.webhook-url", "HUB_NOTIFY_WEBHOOK_URL", "",
            "where notifications are POSTed as JSON; empty = no webhook (only its host is logged: such URLs often hold a token)")
            .map(ObserveSettings::webhookUrl).type("http(s) URL").secret();
    static final Setting<Integer> DEAD_LETTER_THRESHOLD = Setting.integer("hub.notify.dead-letter-threshold",
            "HUB_NOTIFY_DEAD_LETTER_THRESHOLD", "100",
            "open dead letters of a flow above which operators are told, once per crossing")
            .check(v -> v >= 0, "must be 0 or more").type("whole number ≥ 0");
    static final Setting<Integer> CHECK_PERIOD_MS = Setting.positive("hub.notify.check-period-ms", "HUB_NOTIFY_CHECK_PERIOD_MS", "5000",
            "how often pauses and dead letters are checked for notifications; a failed send is tried again at the next check (ms)");
    static final Setting<Integer> TIMEOUT_MS = Setting.positive("hub.notify.timeout-ms", "HUB_NOTIFY_TIMEOUT_MS", "5000",
            "connect and read timeout of one notification (ms)");
    static final Setting<String> SMTP_HOST = Setting.text("hub.notify.smtp.host", "HUB_NOTIFY_SMTP_HOST", "",
            "the mail server notifications go through; empty = no mail");
    static final Setting<Integer> SMTP_PORT = Setting.integer("hub.notify.smtp.port", "HUB_NOTIFY_SMTP_PORT", "587", "its port")
            .check(v -> v >= 1 && v <= 65535, "must be a port number").type("port");
    static final Setting<String> SMTP_USERNAME = Setting.text("hub.notify.smtp.username", "HUB_NOTIFY_SMTP_USERNAME", "",
            "its login; empty = none");
    static final Setting<String> SMTP_PASSWORD = Setting.text("hub.notify.smtp.password", "HUB_NOTIFY_SMTP_PASSWORD", "",
            "its password").secret();
    static final Setting<String> SMTP_FROM = Setting.text("hub.notify.smtp.from", "HUB_NOTIFY_SMTP_FROM", "",
            "the sender (needed with a host)");
    static final Setting<String> SMTP_TO = Setting.text("hub.notify.smtp.to", "HUB_NOTIFY_SMTP_TO", "",
            "the recipients, comma-separated (needed with a host)");
    static final Setting<Boolean> SMTP_STARTTLS = Setting.bool("hub.notify.smtp.starttls", "HUB_NOTIFY_SMTP_STARTTLS", "true",
            "upgrade the connection with STARTTLS");
    static final Setting<Boolean> SMTP_SSL = Setting.bool("hub.notify.smtp.ssl", "HUB_NOTIFY_SMTP_SSL", "false",
            "SMTPS from the first byte (port 465)");

    /** Every setting of health, metrics and notifications, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(CACHE_MS, WEBHOOK_URL, DEAD_LETTER_THRESHOLD, CHECK_PERIOD_MS, TIMEOUT_MS,
            SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM, SMTP_TO, SMTP_STARTTLS, SMTP_SSL);

    public static ObserveSettings from(PropertiesComponent p) {
        Smtp smtp = null;
        String host = read(p, SMTP_HOST);
        if (!host.isEmpty()) {
            String from = read(p, SMTP_FROM);
            String to = read(p, SMTP_TO);
            if (from.isEmpty() || to.isEmpty()) {
                throw new IllegalArgumentException("settings hub.notify.smtp.from and hub.notify.smtp.to are needed with hub.notify.smtp.host");
            }
            smtp = new Smtp(host, read(p, SMTP_PORT), read(p, SMTP_USERNAME), read(p, SMTP_PASSWORD).toCharArray(), from, to,
                    read(p, SMTP_STARTTLS), read(p, SMTP_SSL));
        }
        return new ObserveSettings(Duration.ofMillis(read(p, CACHE_MS)), read(p, WEBHOOK_URL), smtp, read(p, DEAD_LETTER_THRESHOLD),
                Duration.ofMillis(read(p, CHECK_PERIOD_MS)), Duration.ofMillis(read(p, TIMEOUT_MS)));
    }

    /** An http(s) URL, or null for an empty value. */
    private static URI webhookUrl(String webhook) {
        if (webhook.isEmpty()) {
            return null;
        }
        URI url;
        try {
            url = URI.create(webhook);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
        return url;
    }

    /** Whether any notification channel is configured. */
    public boolean notifying() {
        return webhookUrl != null || smtp != null;
    }

    @Override
    public String toString() {
        return "ObserveSettings[cache " + cacheTtl.toMillis() + " ms, webhook " + (webhookUrl == null ? "off" : webhookUrl.getHost())
                + ", smtp " + (smtp == null ? "off" : smtp) + ", dead-letter threshold " + deadLetterThreshold
                + ", check every " + checkPeriod.toMillis() + " ms]";
    }
}
