package io.odoohub.observe;

import static io.odoohub.support.SettingsReader.get;
import static io.odoohub.support.SettingsReader.integer;
import static io.odoohub.support.SettingsReader.positive;
import static io.odoohub.support.SettingsReader.bool;

import java.net.URI;
import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Settings of health, metrics and notifications ({@code hub.observe.*}, {@code hub.notify.*} in
 * application.properties), checked at start so that a bad value stops the start with its name.
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

    public static ObserveSettings from(PropertiesComponent p) {
        String webhook = get(p, "hub.notify.webhook-url", "");
        URI webhookUrl = null;
        if (!webhook.isEmpty()) {
            try {
                webhookUrl = URI.create(webhook);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting hub.notify.webhook-url is not a URL");
            }
            if (!"http".equals(webhookUrl.getScheme()) && !"https".equals(webhookUrl.getScheme()) || webhookUrl.getHost() == null) {
                throw new IllegalArgumentException("setting hub.notify.webhook-url must be an http:// or https:// URL");
            }
        }
        Smtp smtp = null;
        String host = get(p, "hub.notify.smtp.host", "");
        if (!host.isEmpty()) {
            String from = get(p, "hub.notify.smtp.from", "");
            String to = get(p, "hub.notify.smtp.to", "");
            if (from.isEmpty() || to.isEmpty()) {
                throw new IllegalArgumentException("settings hub.notify.smtp.from and hub.notify.smtp.to are needed with hub.notify.smtp.host");
            }
            smtp = new Smtp(host, port(p, "hub.notify.smtp.port", 587), get(p, "hub.notify.smtp.username", ""),
                    get(p, "hub.notify.smtp.password", "").toCharArray(), from, to,
                    bool(p, "hub.notify.smtp.starttls", true), bool(p, "hub.notify.smtp.ssl", false));
        }
        int threshold = integer(p, "hub.notify.dead-letter-threshold", 100);
        if (threshold < 0) {
            throw new IllegalArgumentException("setting hub.notify.dead-letter-threshold must be 0 or more, was " + threshold);
        }
        return new ObserveSettings(Duration.ofMillis(positive(p, "hub.observe.cache-ms", 1000)), webhookUrl, smtp, threshold,
                Duration.ofMillis(positive(p, "hub.notify.check-period-ms", 5000)),
                Duration.ofMillis(positive(p, "hub.notify.timeout-ms", 5000)));
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




    private static int port(PropertiesComponent p, String key, int fallback) {
        int v = integer(p, key, fallback);
        if (v < 1 || v > 65535) {
            throw new IllegalArgumentException("setting " + key + " must be a port number, was " + v);
        }
        return v;
    }

}
