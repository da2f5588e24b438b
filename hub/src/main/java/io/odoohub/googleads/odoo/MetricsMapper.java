package io.odoohub.googleads.odoo;

import io.odoohub.odoo.ExternalIds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import io.odoohub.googleads.model.CampaignDayMetrics;

/**
 * {@link CampaignDayMetrics} -> rows of Odoo's {@code load}: the campaign into utm.campaign and the day into
 * {@value OdooAdsSchema#METRICS}, each by an external id, so that a rerun updates and never duplicates.
 */
public final class MetricsMapper {

    public static final String MODULE = "google_ads";
    /**
     * The campaign's title, not its name: Odoo 18 computes utm.campaign's name (unique) from the title, adding " [2]" to
     * a second "Brand" (another account's, or a removed one's); writing the name would break that uniqueness on update.
     */
    public static final List<String> CAMPAIGN_FIELDS = List.of("id", "title", "x_google_ads_campaign_id", "x_google_ads_customer_id",
            "x_google_ads_status");
    public static final List<String> METRIC_FIELDS = List.of("id", "x_name", "x_campaign_id/id", "x_customer_id", "x_date", "x_utc_start",
            "x_time_zone", "x_clicks", "x_impressions", "x_cost", "x_currency_id/.id", "x_cost_company", "x_company_currency_id/.id",
            "x_conversions", "x_conversions_value");
    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private MetricsMapper() {
    }

    public static String campaignXmlId(String customerId, String campaignId) {
        return ExternalIds.xmlid(MODULE, "campaign_" + ExternalIds.encode(customerId + "_" + campaignId));
    }

    public static String metricXmlId(CampaignDayMetrics m) {
        return ExternalIds.xmlid(MODULE, "metric_" + ExternalIds.encode(m.customerId() + "_" + m.campaignId() + "_" + m.day().toString().replace("-", "")));
    }

    public static List<String> campaignRow(CampaignDayMetrics m) {
        return List.of(campaignXmlId(m.customerId(), m.campaignId()), m.campaignName(), m.campaignId(), m.customerId(), m.status());
    }

    public static List<String> metricRow(CampaignDayMetrics m, CurrencyRates rates) {
        ZoneId zone = ZoneId.of(m.timeZone());
        String utcStart = m.day().atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC).format(ODOO_DATETIME);
        BigDecimal cost = BigDecimal.valueOf(m.costMicros(), 6);
        double company = rates.toCompany(m.currency(), m.day(), cost.doubleValue());
        return List.of(metricXmlId(m),
                m.campaignName() + " " + m.day(),
                campaignXmlId(m.customerId(), m.campaignId()),
                m.customerId(),
                m.day().toString(),
                utcStart,
                m.timeZone(),
                Long.toString(m.clicks()),
                Long.toString(m.impressions()),
                cost.stripTrailingZeros().toPlainString(),
                Integer.toString(rates.currencyId(m.currency())),
                BigDecimal.valueOf(company).setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
                Integer.toString(rates.companyCurrencyId()),
                decimal(m.conversions()),
                decimal(m.conversionsValue()));
    }

    private static String decimal(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
