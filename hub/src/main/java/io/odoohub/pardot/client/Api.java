package io.odoohub.pardot.client;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The API and how it is called.
 *
 * @param apiBase        {@code https://pi.pardot.com} or {@code https://pi.demo.pardot.com} (or a fake in tests)
 * @param tokenUrl       the Salesforce OAuth token endpoint (login.salesforce.com or test.salesforce.com for sandboxes)
 * @param businessUnitId the {@code Pardot-Business-Unit-Id} header (0Uv...); empty: the connector is off
 * @param pageSize       records per query page (at most 1,000)
 * @param maxConcurrent  requests at once (Pardot allows 5)
 * @param dailyLimit     the edition's daily call limit (25,000 / 50,000 / 100,000)
 * @param limitZone      the zone whose midnight resets the daily count (the account's time zone)
 * @param backoff        the least wait before a pull tries again after codes 66, 62, 85, 183, 214 (its "come back after")
 */
public record Api(String apiBase, String tokenUrl, String businessUnitId, int pageSize, int maxConcurrent, int dailyLimit,
                  ZoneId limitZone, Duration backoff) {

    /** Off unless a business unit id is set. */
    public boolean enabled() {
        return !businessUnitId.isEmpty();
    }
}
