package io.odoohub.pardot;

import io.odoohub.error.RetrySettings;
import io.odoohub.support.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The Pardot connector's settings ({@code hub.pardot.*} in application.properties). Secrets (OAuth client id and
 * secret, refresh token) are not here: they are read from the credential store.
 *
 * @param enabled          off unless a business unit id is set
 * @param apiBase          {@code https://pi.pardot.com} or {@code https://pi.demo.pardot.com} (or a fake in tests)
 * @param tokenUrl         the Salesforce OAuth token endpoint (login.salesforce.com or test.salesforce.com for sandboxes)
 * @param businessUnitId   the {@code Pardot-Business-Unit-Id} header (0Uv...)
 * @param pageSize         records per query page (at most 1,000)
 * @param maxConcurrent    requests at once (Pardot allows 5)
 * @param dailyLimit       the edition's daily call limit (25,000 / 50,000 / 100,000)
 * @param limitZone        the zone whose midnight resets the daily count (the account's time zone)
 * @param backoff          the least wait before a pull tries again after codes 66, 62, 85, 183, 214 (its "come back after")
 * @param overlap          how far the pull cursor reaches back, for Pardot's read lag (up to 60 s)
 * @param defaultRegion    region for phone numbers written without a country code
 * @param scoreThreshold   from this score on, a lead becomes an opportunity with a partner (0 = off)
 * @param gradeThreshold   from this grade on (A+ best, F worst), the same (empty = off)
 * @param assignment       automation assignment rules: {@code country:BE=team:Benelux}, {@code industry:Retail=user:7}
 * @param privacyPolicy    {@code anonymise} or {@code delete}: what a prospect deleted in Pardot does to its lead
 * @param pushFields       Odoo value -> Pardot prospect field for the push (stage, owner, probability, status, lost_reason)
 * @param stageLists       Odoo stage name -> Pardot list id, for list memberships by stage
 * @param mappingFile      the custom field mapping profile (beside the routes)
 * @param webhookSecret    shared secret / HMAC key of POST /webhooks/pardot (comma-separated while rotating)
 * @param retry            this flow's retry schedule (5 min first, doubling up to 2 h, 6 retries)
 */
public record PardotSettings(boolean enabled, String apiBase, String tokenUrl, String businessUnitId, int pageSize, int maxConcurrent,
                             int dailyLimit, ZoneId limitZone, Duration backoff, Duration overlap, String defaultRegion,
                             int scoreThreshold, String gradeThreshold, Map<String, String> assignment, String privacyPolicy,
                             Map<String, String> pushFields, Map<String, String> stageLists, Path mappingFile, String webhookSecret,
                             RetrySettings retry) {

    public static PardotSettings from(PropertiesComponent p) {
        String bu = SettingsReader.get(p, "hub.pardot.business-unit-id", "");
        int pageSize = SettingsReader.positive(p, "hub.pardot.page-size", 1000);
        if (pageSize > 1000) {
            throw new IllegalArgumentException("setting hub.pardot.page-size must be at most 1000 (Pardot's limit), was " + pageSize);
        }
        String policy = SettingsReader.get(p, "hub.pardot.privacy.deleted-prospect", "anonymise");
        if (!policy.equals("anonymise") && !policy.equals("delete")) {
            throw new IllegalArgumentException("setting hub.pardot.privacy.deleted-prospect must be anonymise or delete, was '" + policy + "'");
        }
        String grade = SettingsReader.get(p, "hub.pardot.automation.grade-threshold", "");
        if (!grade.isEmpty() && Grades.rank(grade) < 0) {
            throw new IllegalArgumentException("setting hub.pardot.automation.grade-threshold must be a grade A+ to F, was '" + grade + "'");
        }
        return new PardotSettings(!bu.isEmpty(),
                SettingsReader.get(p, "hub.pardot.api-base", "https://pi.pardot.com"),
                SettingsReader.get(p, "hub.pardot.token-url", "https://login.salesforce.com/services/oauth2/token"),
                bu, pageSize,
                Math.min(5, SettingsReader.positive(p, "hub.pardot.max-concurrent", 5)),
                SettingsReader.positive(p, "hub.pardot.daily-limit", 100_000),
                ZoneId.of(SettingsReader.get(p, "hub.pardot.limit-zone", "UTC")),
                Duration.ofMillis(SettingsReader.positive(p, "hub.pardot.backoff-ms", 1000)),
                Duration.ofSeconds(SettingsReader.integer(p, "hub.pardot.overlap-seconds", 120)),
                SettingsReader.get(p, "hub.pardot.phone-region", "US"),
                SettingsReader.integer(p, "hub.pardot.automation.score-threshold", 100),
                grade,
                pairs(SettingsReader.get(p, "hub.pardot.automation.assignment", "")),
                policy,
                pairs(SettingsReader.get(p, "hub.pardot.push.fields",
                        "stage=Odoo_Stage__c,owner=Odoo_Owner__c,probability=Odoo_Probability__c,status=Odoo_Status__c")),
                pairs(SettingsReader.get(p, "hub.pardot.push.stage-lists", "")),
                Path.of(SettingsReader.get(p, "hub.pardot.mapping-file", "routes/pardot-field-mappings.json")),
                SettingsReader.get(p, "hub.pardot.webhook-secret", ""),
                new RetrySettings(SettingsReader.integer(p, "hub.pardot.retry.max-retries", 6),
                        SettingsReader.positive(p, "hub.pardot.retry.first-delay-ms", 300_000),
                        SettingsReader.decimal(p, "hub.pardot.retry.multiplier", 2),
                        SettingsReader.positive(p, "hub.pardot.retry.max-delay-ms", 7_200_000)));
    }

    /** {@code a=b,c=d} -> ordered map; a blank value gives an empty map. */
    static Map<String, String> pairs(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not a key=value pair");
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }
}
