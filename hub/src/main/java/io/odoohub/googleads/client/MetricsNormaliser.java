package io.odoohub.googleads.client;

import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import com.google.ads.googleads.v23.services.GoogleAdsRow;
import java.time.LocalDate;
import java.time.ZoneId;
import io.odoohub.googleads.model.AccountInfo;
import io.odoohub.googleads.model.CampaignDayMetrics;

/** GoogleAdsRow of the daily campaign query -> {@link CampaignDayMetrics}; the GAQL query it answers lives here too. */
public final class MetricsNormaliser {

    private MetricsNormaliser() {
    }

    /** The daily campaign metrics of PROTOCOLS.md; {@code segments.date} is the account's day. */
    public static String query(LocalDate from, LocalDate to) {
        return "SELECT customer.currency_code, customer.time_zone, campaign.id, campaign.name, campaign.status, segments.date, "
                + "metrics.clicks, metrics.impressions, metrics.cost_micros, metrics.conversions, metrics.conversions_value "
                + "FROM campaign WHERE segments.date BETWEEN '" + from + "' AND '" + to + "'";
    }

    /** The account's currency and time zone. */
    public static final String ACCOUNT_QUERY = "SELECT customer.id, customer.currency_code, customer.time_zone FROM customer";

    public static CampaignDayMetrics normalise(String customerId, GoogleAdsRow row) {
        return new CampaignDayMetrics(customerId,
                row.getCustomer().getCurrencyCode(),
                row.getCustomer().getTimeZone(),
                Long.toString(row.getCampaign().getId()),
                row.getCampaign().getName(),
                status(row.getCampaign().getStatus()),
                LocalDate.parse(row.getSegments().getDate()),
                row.getMetrics().getClicks(),
                row.getMetrics().getImpressions(),
                row.getMetrics().getCostMicros(),
                row.getMetrics().getConversions(),
                row.getMetrics().getConversionsValue());
    }

    public static AccountInfo account(String customerId, GoogleAdsRow row) {
        return new AccountInfo(customerId, row.getCustomer().getCurrencyCode(), ZoneId.of(row.getCustomer().getTimeZone()));
    }

    /** The numeric enum as a word (2 ENABLED, 3 PAUSED, 4 REMOVED); a value newer than the library gives UNKNOWN. */
    public static String status(CampaignStatus status) {
        return status == CampaignStatus.UNRECOGNIZED ? "UNKNOWN" : status.name();
    }
}
