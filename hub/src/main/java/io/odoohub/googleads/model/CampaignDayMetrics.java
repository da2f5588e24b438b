package io.odoohub.googleads.model;

import java.time.LocalDate;

/**
 * One row of the daily campaign report, as Google Ads gives it: {@code day} is in the account's time zone and the
 * cost (micros) in the account's currency.
 */
public record CampaignDayMetrics(String customerId, String currency, String timeZone, String campaignId, String campaignName,
                                 String status, LocalDate day, long clicks, long impressions, long costMicros,
                                 double conversions, double conversionsValue) {
}
