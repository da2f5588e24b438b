package io.odoohub.googleads.flow;

import io.odoohub.odoo.LoadRecord;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.odoohub.googleads.client.Accounts;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.client.MetricsNormaliser;
import io.odoohub.googleads.model.AccountInfo;
import io.odoohub.googleads.model.CampaignDayMetrics;
import io.odoohub.googleads.odoo.CurrencyRates;
import io.odoohub.googleads.odoo.MetricsMapper;
import io.odoohub.googleads.odoo.OdooAdsSchema;

/**
 * The metrics import of one customer: the daily campaign query through SearchStream for the days since the last
 * run plus the lookback window, streamed into batches of {@code odoo-batch-size} rows; each batch is one
 * {@code load} of the campaigns it brings that are new or changed, then one {@code load} of its metrics rows. Only
 * one batch is held in memory, whatever the number of rows.
 */
public final class MetricsImport {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsImport.class);
    private static final Map<String, Object> NO_TRACKING = Map.of("tracking_disable", true);

    /** What one import did. */
    public record Result(String customerId, LocalDate from, LocalDate to, long rows, int campaignsWritten, long odooCalls) {
    }

    private final GoogleAdsApi api;
    private final OdooClient odoo;
    private final Metrics settings;
    private final CampaignCache campaigns;
    private final Clock clock;
    private final Accounts accounts;

    public MetricsImport(GoogleAdsApi api, Accounts accounts, OdooClient odoo, Metrics settings, CampaignCache campaigns, Clock clock) {
        this.api = api;
        this.accounts = accounts;
        this.odoo = odoo;
        this.settings = settings;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** The account's currency and time zone. */
    public AccountInfo account(String customerId) {
        return accounts.get(customerId);
    }

    /** The days to read: from the last successful day (or first-run-days back) minus the lookback, to today in the account. */
    public LocalDate[] range(AccountInfo account, LocalDate lastSuccessDay) {
        LocalDate today = LocalDate.now(clock.withZone(account.timeZone()));
        LocalDate start = lastSuccessDay == null ? today.minusDays(settings.firstRunDays()) : lastSuccessDay;
        if (start.isAfter(today)) {
            start = today;
        }
        return new LocalDate[] {start.minusDays(settings.lookbackDays()), today};
    }

    public Result run(String customerId, LocalDate from, LocalDate to) {
        long calls = odoo.requestCount();
        AccountInfo account = account(customerId);
        CurrencyRates rates = CurrencyRates.load(odoo, Set.of(account.currency()));
        Batch batch = new Batch(rates);
        long rows = api.stream(customerId, MetricsNormaliser.query(from, to), row -> batch.add(MetricsNormaliser.normalise(customerId, row)));
        batch.flush();
        Result r = new Result(customerId, from, to, rows, batch.campaignsWritten, odoo.requestCount() - calls);
        LOG.info("Google Ads metrics of {} from {} to {}: {} rows, {} campaigns written, {} Odoo calls", customerId, from, to, rows,
                r.campaignsWritten(), r.odooCalls());
        return r;
    }

    /** One batch of rows on its way to Odoo. */
    private final class Batch {
        private final CurrencyRates rates;
        private final Map<String, CampaignDayMetrics> newCampaigns = new LinkedHashMap<>();
        private final List<LoadRecord> metrics = new ArrayList<>();
        private int campaignsWritten;

        Batch(CurrencyRates rates) {
            this.rates = rates;
        }

        void add(CampaignDayMetrics m) {
            if (campaigns.needsWrite(m, clock.instant())) {
                newCampaigns.put(m.customerId() + "/" + m.campaignId(), m);
            }
            metrics.add(LoadRecord.of(MetricsMapper.metricRow(m, rates)));
            if (metrics.size() >= settings.odooBatchSize()) {
                flush();
            }
        }

        void flush() {
            Instant now = clock.instant();
            if (!newCampaigns.isEmpty()) {
                List<LoadRecord> rows = new ArrayList<>(newCampaigns.size());
                newCampaigns.values().forEach(m -> rows.add(LoadRecord.of(MetricsMapper.campaignRow(m))));
                OdooBatchWriter.loadAll(odoo, "utm.campaign", MetricsMapper.CAMPAIGN_FIELDS, rows, NO_TRACKING);
                newCampaigns.values().forEach(m -> campaigns.written(m, now));
                campaignsWritten += newCampaigns.size();
                newCampaigns.clear();
            }
            if (!metrics.isEmpty()) {
                OdooBatchWriter.loadAll(odoo, OdooAdsSchema.METRICS, MetricsMapper.METRIC_FIELDS, metrics, NO_TRACKING);
                metrics.clear();
            }
        }
    }
}
