package io.odoohub.googleads.odoo;

import io.odoohub.odoo.OdooClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Odoo's exchange rates (res.currency.rate: units of the currency per unit of the company currency) as Odoo applies
 * them: the rate of a day is the latest rate dated on or before it, else the oldest rate, else 1. Read once per
 * import in three calls, for the currencies it needs.
 */
public final class CurrencyRates {

    private static final Logger LOG = LoggerFactory.getLogger(CurrencyRates.class);

    private final String companyCurrency;
    private final int companyCurrencyId;
    private final Map<String, Integer> ids;
    private final Map<String, NavigableMap<LocalDate, Double>> rates;

    private CurrencyRates(String companyCurrency, int companyCurrencyId, Map<String, Integer> ids, Map<String, NavigableMap<LocalDate, Double>> rates) {
        this.companyCurrency = companyCurrency;
        this.companyCurrencyId = companyCurrencyId;
        this.ids = ids;
        this.rates = rates;
    }

    public static CurrencyRates load(OdooClient odoo, Set<String> codes) {
        List<Map<String, Object>> company = odoo.searchRead("res.company", List.of(), List.of("currency_id"), "id", 0, 1, null);
        if (company.isEmpty() || !(company.get(0).get("currency_id") instanceof List<?> cur)) {
            throw new IllegalStateException("Odoo has no company currency");
        }
        int companyId = (Integer) cur.get(0);
        String companyCode = String.valueOf(cur.get(1));
        List<String> wanted = new ArrayList<>(codes);
        wanted.add(companyCode);
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> codeOf = new HashMap<>();
        for (Map<String, Object> row : odoo.searchRead("res.currency", List.of(List.of("name", "in", wanted)), List.of("name"), null, 0, 0,
                Map.of("active_test", false))) {
            ids.put((String) row.get("name"), (Integer) row.get("id"));
            codeOf.put((Integer) row.get("id"), (String) row.get("name"));
        }
        for (String code : codes) {
            if (!ids.containsKey(code)) {
                throw new IllegalStateException("currency " + code + " of the Google Ads account does not exist in Odoo");
            }
        }
        Map<String, NavigableMap<LocalDate, Double>> rates = new HashMap<>();
        for (Map<String, Object> row : odoo.searchRead("res.currency.rate", List.of(List.of("currency_id", "in", List.copyOf(codeOf.keySet()))),
                List.of("name", "rate", "currency_id"), "name", 0, 0, null)) {
            String code = codeOf.get((Integer) ((List<?>) row.get("currency_id")).get(0));
            rates.computeIfAbsent(code, c -> new TreeMap<>()).put(LocalDate.parse((String) row.get("name")), ((Number) row.get("rate")).doubleValue());
        }
        for (String code : codes) {
            if (!code.equals(companyCode) && !rates.containsKey(code)) {
                // Odoo converts at 1 then too; the costs stay right in x_cost, but x_cost_company is only as good as the rate
                LOG.warn("Odoo has no exchange rate for {} (Accounting > Configuration > Currencies): Google Ads costs in {} are converted "
                        + "to {} at 1:1, as Odoo itself would convert them, until a rate is entered and the days are imported again",
                        code, code, companyCode);
            }
        }
        return new CurrencyRates(companyCode, companyId, ids, rates);
    }

    /** The rate of a currency on a day, as Odoo's _get_rates picks it. */
    public double rate(String code, LocalDate day) {
        NavigableMap<LocalDate, Double> r = rates.get(code);
        if (r == null || r.isEmpty()) {
            return 1.0;
        }
        Map.Entry<LocalDate, Double> e = r.floorEntry(day);
        return e != null ? e.getValue() : r.firstEntry().getValue();
    }

    /** An amount in {@code code} on {@code day}, in the company currency. */
    public double toCompany(String code, LocalDate day, double amount) {
        if (code.equals(companyCurrency)) {
            return amount;
        }
        return amount / rate(code, day) * rate(companyCurrency, day);
    }

    public int currencyId(String code) {
        return ids.get(code);
    }

    public int companyCurrencyId() {
        return companyCurrencyId;
    }

    public String companyCurrency() {
        return companyCurrency;
    }
}
