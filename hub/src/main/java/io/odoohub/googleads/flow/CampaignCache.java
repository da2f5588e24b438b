package io.odoohub.googleads.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.odoohub.googleads.model.CampaignDayMetrics;

/**
 * The campaign structure last written to Odoo (name, status), so each metrics batch writes only campaigns that are
 * new, changed, or older than the structure refresh period: the structure is refreshed less often than the metrics.
 */
public final class CampaignCache {

    private record Entry(String name, String status, Instant writtenAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration refresh;

    public CampaignCache(Duration refresh) {
        this.refresh = refresh;
    }

    public boolean needsWrite(CampaignDayMetrics m, Instant now) {
        Entry e = entries.get(key(m));
        return e == null || !e.name().equals(m.campaignName()) || !e.status().equals(m.status()) || e.writtenAt().plus(refresh).isBefore(now);
    }

    public void written(CampaignDayMetrics m, Instant now) {
        entries.put(key(m), new Entry(m.campaignName(), m.status(), now));
    }

    public int size() {
        return entries.size();
    }

    private static String key(CampaignDayMetrics m) {
        return m.customerId() + "/" + m.campaignId();
    }
}
