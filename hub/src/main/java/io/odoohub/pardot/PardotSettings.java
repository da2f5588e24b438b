package io.odoohub.pardot;

import static io.odoohub.support.SettingsReader.read;

import io.odoohub.error.RetrySettings;
import io.odoohub.pardot.client.Api;
import io.odoohub.pardot.flow.Automation;
import io.odoohub.pardot.flow.Prospects;
import io.odoohub.pardot.flow.Push;
import io.odoohub.support.Setting;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.spi.PropertiesComponent;
import io.odoohub.pardot.flow.PardotSchedule;
import io.odoohub.pardot.model.Grades;

/**
 * The Pardot connector's settings ({@code hub.pardot.*} in application.properties), declared in {@link #DECLARED}.
 * Secrets (OAuth client id and secret, refresh token) are not here: they are read from the credential store.
 *
 * @param api           the API and how it is called
 * @param prospects     how prospects are pulled and written
 * @param automation    when a lead becomes an opportunity, and who gets it
 * @param push          what the push sends back to Pardot
 * @param schedule      how often the pulls and the push run
 * @param webhookSecret shared secret / HMAC key of POST /webhooks/pardot (comma-separated while rotating)
 * @param retry         this flow's retry schedule (5 min first, doubling up to 2 h, 6 retries)
 */
public record PardotSettings(Api api, Prospects prospects, Automation automation, Push push, PardotSchedule.Periods schedule,
                             String webhookSecret, RetrySettings retry) {

    static final Setting<String> BUSINESS_UNIT_ID = Setting.text("hub.pardot.business-unit-id", "PARDOT_BUSINESS_UNIT_ID", "",
            "the `Pardot-Business-Unit-Id` header (0Uv...); empty = the connector is off");
    static final Setting<String> API_BASE = Setting.text("hub.pardot.api-base", "PARDOT_API_BASE", "https://pi.pardot.com",
            "production `https://pi.pardot.com`, developer orgs and sandboxes `https://pi.demo.pardot.com`");
    static final Setting<String> TOKEN_URL = Setting.text("hub.pardot.token-url", "PARDOT_TOKEN_URL",
            "https://login.salesforce.com/services/oauth2/token",
            "the Salesforce OAuth token endpoint; sandboxes: `https://test.salesforce.com/services/oauth2/token`");
    static final Setting<Integer> DAILY_LIMIT = Setting.positive("hub.pardot.daily-limit", "PARDOT_DAILY_LIMIT", "100000",
            "the edition's daily call limit (Growth 25000, Plus 50000, Advanced/Premium 100000)");
    static final Setting<ZoneId> LIMIT_ZONE = Setting.text("hub.pardot.limit-zone", "PARDOT_LIMIT_ZONE", "UTC",
            "the zone whose midnight resets the daily count (the account's time zone)").map(PardotSettings::zone).type("time zone");
    static final Setting<Integer> PAGE_SIZE = Setting.positive("hub.pardot.page-size", "PARDOT_PAGE_SIZE", "1000",
            "records per query page").check(v -> v <= 1000, "must be at most 1000 (Pardot's limit)")
            .type("whole number 1 to 1000");
    static final Setting<Integer> MAX_CONCURRENT = Setting.positive("hub.pardot.max-concurrent", "PARDOT_MAX_CONCURRENT", "5",
            "requests at once (Pardot refuses a sixth with code 66; more than 5 counts as 5)");
    static final Setting<Integer> BACKOFF_MS = Setting.positive("hub.pardot.backoff-ms", "PARDOT_BACKOFF_MS", "1000",
            "codes 66, 62, 85, 183, 214 (busy, conflict, timeout): the least wait before the pull tries again (Pardot sends no"
                    + " Retry-After); the pull's pause-with-backoff (`hub.retry.pull.*`) decides the rest (ms)");
    static final Setting<Integer> PULL_DELAY_MS = Setting.positive("hub.pardot.pull-delay-ms", "PARDOT_PULL_DELAY_MS", "5000",
            "the wait after this runtime's start before its schedules run a pull or push (ms)");
    static final Setting<Integer> TICK_MS = Setting.positive("hub.pardot.tick-ms", "PARDOT_TICK_MS", "10000",
            "how often the pull and push schedules look whether they are due: their period passed, or their backoff after a"
                    + " failure (ms)");
    static final Setting<Integer> PULL_PERIOD_MS = Setting.positive("hub.pardot.pull-period-ms", "PARDOT_PULL_PERIOD_MS", "900000",
            "how often prospects are pulled (ms)");
    static final Setting<Integer> ACTIVITY_PERIOD_MS = Setting.positive("hub.pardot.activity-period-ms", "PARDOT_ACTIVITY_PERIOD_MS",
            "900000", "how often activities are pulled (ms)");
    static final Setting<Integer> PUSH_PERIOD_MS = Setting.positive("hub.pardot.push-period-ms", "PARDOT_PUSH_PERIOD_MS", "300000",
            "how often opportunity changes are pushed to Pardot (ms)");
    static final Setting<Integer> OVERLAP_SECONDS = Setting.integer("hub.pardot.overlap-seconds", "PARDOT_OVERLAP_SECONDS", "120",
            "how far each pull reaches back before its cursor (Pardot's reads lag writes by up to 60 s)")
            .check(v -> v >= 0, "must be 0 or more").type("whole number ≥ 0");
    static final Setting<String> PHONE_REGION = Setting.text("hub.pardot.phone-region", "PARDOT_PHONE_REGION", "US",
            "region of phone numbers written without a country code");
    static final Setting<String> MAPPING_FILE = Setting.text("hub.pardot.mapping-file", "PARDOT_MAPPING_FILE",
            "routes/pardot-field-mappings.json", "the custom field mapping profile (beside the routes)");
    static final Setting<Integer> SCORE_THRESHOLD = Setting.integer("hub.pardot.automation.score-threshold", "PARDOT_SCORE_THRESHOLD",
            "100", "from this score on, a lead becomes an opportunity with a partner (0 = off)");
    static final Setting<String> GRADE_THRESHOLD = Setting.text("hub.pardot.automation.grade-threshold", "PARDOT_GRADE_THRESHOLD", "",
            "from this grade on (A+ best, F worst), the same (empty = off)")
            .check(g -> g.isEmpty() || Grades.rank(g) >= 0, "must be a grade A+ to F").type("grade");
    static final Setting<Map<String, String>> ASSIGNMENT = Setting.text("hub.pardot.automation.assignment", "PARDOT_ASSIGNMENT", "",
            "assignment rules, first match wins: `country:BE=team:3,industry:Retail=user:7`").map(PardotSettings::pairs)
            .type("key=value,...");
    static final Setting<Map<String, String>> PUSH_FIELDS = Setting.text("hub.pardot.push.fields", "PARDOT_PUSH_FIELDS",
            "stage=Odoo_Stage__c,owner=Odoo_Owner__c,probability=Odoo_Probability__c,status=Odoo_Status__c",
            "Odoo value=Pardot prospect field (stage, owner, probability, status: open/won/lost/archived, lost_reason)")
            .map(PardotSettings::pairs).type("key=value,...");
    static final Setting<Map<String, String>> STAGE_LISTS = Setting.text("hub.pardot.push.stage-lists", "PARDOT_STAGE_LISTS", "",
            "Odoo stage name=Pardot list id, for list memberships by stage").map(PardotSettings::pairs).type("key=value,...");
    static final Setting<String> DELETED_PROSPECT = Setting.oneOf("hub.pardot.privacy.deleted-prospect", "PARDOT_DELETED_PROSPECT",
            "anonymise", "what a prospect deleted in Pardot does to its lead", "anonymise", "delete");
    static final Setting<String> WEBHOOK_SECRET = Setting.text("hub.pardot.webhook-secret", "PARDOT_WEBHOOK_SECRET", "",
            "`POST /webhooks/pardot`: `X-Pardot-Webhook-Secret` or `X-Hub-Signature-256` with this secret (comma-separated"
                    + " while rotating); empty = every call is 401").secret();
    static final Setting<Integer> RETRY_MAX = Setting.integer("hub.pardot.retry.max-retries", "PARDOT_RETRY_MAX", "6",
            "retries of a failed Pardot event before it becomes a dead letter (and an alert)").check(v -> v >= 0, "must be 0 or more").type("whole number ≥ 0");
    static final Setting<Integer> RETRY_FIRST_DELAY_MS = Setting.positive("hub.pardot.retry.first-delay-ms",
            "PARDOT_RETRY_FIRST_DELAY_MS", "300000", "its first delay (ms)");
    static final Setting<Double> RETRY_MULTIPLIER = Setting.decimal("hub.pardot.retry.multiplier", "PARDOT_RETRY_MULTIPLIER", "2",
            "its multiplier").check(v -> v >= 1, "must be at least 1").type("number ≥ 1");
    static final Setting<Integer> RETRY_MAX_DELAY_MS = Setting.positive("hub.pardot.retry.max-delay-ms", "PARDOT_RETRY_MAX_DELAY_MS",
            "7200000", "its longest delay (ms)");

    /** Every setting of the connector, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(BUSINESS_UNIT_ID, API_BASE, TOKEN_URL, DAILY_LIMIT, LIMIT_ZONE, PAGE_SIZE,
            MAX_CONCURRENT, BACKOFF_MS, PULL_DELAY_MS, TICK_MS, PULL_PERIOD_MS, ACTIVITY_PERIOD_MS, PUSH_PERIOD_MS, OVERLAP_SECONDS,
            PHONE_REGION, MAPPING_FILE, SCORE_THRESHOLD, GRADE_THRESHOLD, ASSIGNMENT, PUSH_FIELDS, STAGE_LISTS, DELETED_PROSPECT,
            WEBHOOK_SECRET, RETRY_MAX, RETRY_FIRST_DELAY_MS, RETRY_MULTIPLIER, RETRY_MAX_DELAY_MS);

    public static PardotSettings from(PropertiesComponent p) {
        // read by routes/pardot-*.camel.yaml as placeholders: checked here, with the others
        read(p, PULL_DELAY_MS);
        read(p, TICK_MS);
        return new PardotSettings(
                new Api(read(p, API_BASE), read(p, TOKEN_URL), read(p, BUSINESS_UNIT_ID), read(p, PAGE_SIZE),
                        Math.min(5, read(p, MAX_CONCURRENT)), read(p, DAILY_LIMIT), read(p, LIMIT_ZONE),
                        Duration.ofMillis(read(p, BACKOFF_MS))),
                new Prospects(Duration.ofSeconds(read(p, OVERLAP_SECONDS)), read(p, PHONE_REGION), read(p, DELETED_PROSPECT),
                        Path.of(read(p, MAPPING_FILE))),
                new Automation(read(p, SCORE_THRESHOLD), read(p, GRADE_THRESHOLD), read(p, ASSIGNMENT)),
                new Push(read(p, PUSH_FIELDS), read(p, STAGE_LISTS)),
                new PardotSchedule.Periods(Duration.ofMillis(read(p, PULL_PERIOD_MS)), Duration.ofMillis(read(p, ACTIVITY_PERIOD_MS)),
                        Duration.ofMillis(read(p, PUSH_PERIOD_MS)), Duration.ofMillis(read(p, PULL_DELAY_MS))),
                read(p, WEBHOOK_SECRET),
                new RetrySettings(read(p, RETRY_MAX), read(p, RETRY_FIRST_DELAY_MS), read(p, RETRY_MULTIPLIER), read(p, RETRY_MAX_DELAY_MS)));
    }

    /** Off unless a business unit id is set. */
    public boolean enabled() {
        return api.enabled();
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
                throw new IllegalArgumentException("must be key=value pairs separated by commas ('" + part.trim() + "' is not one)");
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a time zone such as UTC or Europe/Brussels");
        }
    }

    @Override
    public String toString() {
        // never the webhook secret
        return "PardotSettings[" + api + ", " + prospects + ", " + automation + ", " + push + ", " + schedule + ", " + retry + "]";
    }
}
