package io.odoohub.googleads.flow;

import io.odoohub.odoo.OdooClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.client.MetricsNormaliser;
import io.odoohub.googleads.model.CampaignDayMetrics;
import io.odoohub.googleads.odoo.OdooAdsSchema;

/**
 * Reports for the marketing and finance teams: per day, what Google Ads says (spend, conversions) against what Odoo
 * holds, with the days whose difference is above a threshold; and the cost per acquisition of each campaign (spend
 * in the company currency / confirmed sale orders carrying that campaign).
 */
public final class Reconciliation {

    static final int PAGE = 5000;

    /** One day of one account, both sides. {@code discrepancy}: a relative difference above the threshold. */
    public record Day(LocalDate date, double googleCost, double odooCost, double googleConversions, double odooConversions,
                      boolean discrepancy) {
    }

    /** Spend and orders of one campaign over the period; {@code cpa} null when it has no order. */
    public record CampaignCpa(int campaignId, String campaign, double spend, int orders, Double cpa) {
    }

    private final GoogleAdsApi api;
    private final OdooClient odoo;

    public Reconciliation(GoogleAdsApi api, OdooClient odoo) {
        this.api = api;
        this.odoo = odoo;
    }

    public List<Day> daily(String customerId, LocalDate from, LocalDate to, double threshold) {
        Map<LocalDate, double[]> google = new TreeMap<>();
        api.stream(customerId, MetricsNormaliser.query(from, to), row -> {
            CampaignDayMetrics m = MetricsNormaliser.normalise(customerId, row);
            double[] t = google.computeIfAbsent(m.day(), d -> new double[2]);
            t[0] += m.costMicros() / 1_000_000.0;
            t[1] += m.conversions();
        });
        Map<LocalDate, double[]> ours = new TreeMap<>();
        for (int offset = 0; ; offset += PAGE) {
            List<Map<String, Object>> page = odoo.searchRead(OdooAdsSchema.METRICS, List.of(List.of("x_customer_id", "=", customerId),
                    List.of("x_date", ">=", from.toString()), List.of("x_date", "<=", to.toString())), List.of("x_date", "x_cost", "x_conversions"),
                    "id", offset, PAGE, null);
            for (Map<String, Object> r : page) {
                double[] t = ours.computeIfAbsent(LocalDate.parse((String) r.get("x_date")), d -> new double[2]);
                t[0] += ((Number) r.get("x_cost")).doubleValue();
                t[1] += ((Number) r.get("x_conversions")).doubleValue();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        List<Day> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            double[] g = google.getOrDefault(d, new double[2]);
            double[] o = ours.getOrDefault(d, new double[2]);
            boolean off = differs(g[0], o[0], threshold) || differs(g[1], o[1], threshold);
            out.add(new Day(d, round(g[0]), round(o[0]), round(g[1]), round(o[1]), off));
        }
        return out;
    }

    public List<CampaignCpa> costPerAcquisition(LocalDate from, LocalDate to) {
        Map<Integer, Double> spend = new LinkedHashMap<>();
        Map<Integer, String> names = new HashMap<>();
        for (int offset = 0; ; offset += PAGE) {
            List<Map<String, Object>> page = odoo.searchRead(OdooAdsSchema.METRICS, List.of(List.of("x_date", ">=", from.toString()),
                    List.of("x_date", "<=", to.toString()), List.of("x_campaign_id", "!=", false)), List.of("x_campaign_id", "x_cost_company"),
                    "id", offset, PAGE, null);
            for (Map<String, Object> r : page) {
                List<?> c = (List<?>) r.get("x_campaign_id");
                spend.merge((Integer) c.get(0), ((Number) r.get("x_cost_company")).doubleValue(), Double::sum);
                names.put((Integer) c.get(0), String.valueOf(c.get(1)));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        Map<Integer, Integer> orders = new HashMap<>();
        if (!spend.isEmpty()) {
            for (Map<String, Object> r : odoo.searchRead("sale.order", List.of(List.of("state", "=", "sale"),
                    List.of("campaign_id", "in", List.copyOf(spend.keySet())), List.of("date_order", ">=", from + " 00:00:00"),
                    List.of("date_order", "<=", to + " 23:59:59")), List.of("campaign_id"), null, 0, 0, null)) {
                orders.merge((Integer) ((List<?>) r.get("campaign_id")).get(0), 1, Integer::sum);
            }
        }
        List<CampaignCpa> out = new ArrayList<>();
        spend.forEach((id, cost) -> {
            int n = orders.getOrDefault(id, 0);
            out.add(new CampaignCpa(id, names.get(id), round(cost), n, n == 0 ? null : round(cost / n)));
        });
        return out;
    }

    public static boolean differs(double google, double odoo, double threshold) {
        double base = Math.max(Math.abs(google), Math.abs(odoo));
        return base > 0 && Math.abs(google - odoo) / base > threshold;
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
