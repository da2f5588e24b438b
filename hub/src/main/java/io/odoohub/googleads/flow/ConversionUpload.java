package io.odoohub.googleads.flow;

import com.google.ads.googleads.v23.services.ClickConversion;
import com.google.ads.googleads.v23.services.UploadClickConversionsResponse;
import io.odoohub.odoo.OdooClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.odoohub.googleads.client.Accounts;
import io.odoohub.googleads.client.AdsFailure;
import io.odoohub.googleads.client.ConversionMapper;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.client.UploadResultReader;
import io.odoohub.googleads.model.AccountInfo;
import io.odoohub.googleads.model.ConversionCandidate;
import io.odoohub.googleads.model.ConversionOutcome;
import io.odoohub.googleads.odoo.OdooConversions;

/**
 * The conversion upload: gclids carried from opportunities to orders, then the due sales in pages of 2,000 (Google's
 * limit per request, partial_failure on), each page's outcome written back before the next page is read, so a
 * failure midway loses nothing and sends nothing twice.
 */
public final class ConversionUpload {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionUpload.class);

    /** What one upload run did. */
    public record Result(String customerId, int carried, int requests, int uploaded, int retry, int failed) {
    }

    private final GoogleAdsApi api;
    private final Accounts accounts;
    private final OdooConversions odoo;
    private final OdooClient odooClient;
    private final Account account;
    private final Conversions conversions;
    private final Clock clock;

    public ConversionUpload(GoogleAdsApi api, Accounts accounts, OdooClient odoo, Account account, Conversions conversions, Clock clock) {
        this.api = api;
        this.accounts = accounts;
        this.odooClient = odoo;
        this.odoo = new OdooConversions(odoo);
        this.account = account;
        this.conversions = conversions;
        this.clock = clock;
    }

    /** The account conversions go to: the one named in the conversion action's resource name, else the first configured. */
    public String customerId() {
        String action = conversions.conversionAction();
        if (action.startsWith("customers/")) {
            return action.split("/")[1];
        }
        if (account.customerIds().isEmpty()) {
            throw AdsFailure.configuration("hub.google-ads.customer-ids is empty");
        }
        return account.customerIds().get(0);
    }

    public OdooConversions odoo() {
        return odoo;
    }

    public Result run() {
        if (conversions.conversionAction().isBlank()) {
            throw AdsFailure.configuration("hub.google-ads.conversion-action is not set");
        }
        String customer = customerId();
        AccountInfo account = accounts.get(customer);
        String action = conversions.conversionActionOf(customer);
        int carried = odoo.carryGclidsFromOpportunities();
        int[] counts = new int[4];
        List<String> models = conversions.uploadWonOpportunities() ? List.of(OdooConversions.ORDER, OdooConversions.LEAD) : List.of(OdooConversions.ORDER);
        String companyCurrency = null;
        for (String model : models) {
            if (OdooConversions.LEAD.equals(model)) {
                companyCurrency = companyCurrency();
            }
            while (true) {
                List<ConversionCandidate> due = odoo.due(model, clock.instant(), GoogleAdsApi.MAX_CONVERSIONS_PER_REQUEST, companyCurrency);
                if (due.isEmpty()) {
                    break;
                }
                List<ConversionCandidate> page = withoutSalesReportedByOrders(due);
                if (page.isEmpty()) {
                    continue;
                }
                List<ClickConversion> conversions = new ArrayList<>(page.size());
                page.forEach(c -> conversions.add(ConversionMapper.toClickConversion(c, action, account.timeZone())));
                UploadClickConversionsResponse response = api.upload(customer, conversions);
                counts[0]++;
                Instant now = clock.instant();
                List<ConversionOutcome> outcomes = UploadResultReader.read(page, response, now, this.conversions.tooRecentRetry());
                odoo.record(outcomes, now);
                for (ConversionOutcome o : outcomes) {
                    counts[1 + o.state().ordinal()]++;
                }
                if (due.size() < GoogleAdsApi.MAX_CONVERSIONS_PER_REQUEST) {
                    break;
                }
            }
        }
        Result r = new Result(customer, carried, counts[0], counts[1], counts[2], counts[3]);
        LOG.info("Google Ads conversions to {}: {} requests, {} uploaded, {} to retry, {} failed ({} gclids carried from opportunities)",
                customer, r.requests(), r.uploaded(), r.retry(), r.failed(), r.carried());
        return r;
    }

    /** Won opportunities whose order is confirmed are marked uploaded without a request: the order carries the sale. */
    private List<ConversionCandidate> withoutSalesReportedByOrders(List<ConversionCandidate> due) {
        if (!OdooConversions.LEAD.equals(due.get(0).model())) {
            return due;
        }
        java.util.Set<Integer> viaOrders = odoo.withConfirmedOrders(due.stream().map(ConversionCandidate::odooId).toList());
        if (viaOrders.isEmpty()) {
            return due;
        }
        List<ConversionOutcome> skipped = new ArrayList<>();
        List<ConversionCandidate> rest = new ArrayList<>();
        for (ConversionCandidate c : due) {
            if (viaOrders.contains(c.odooId())) {
                skipped.add(new ConversionOutcome(c, ConversionOutcome.State.UPLOADED, "reported through its sale order", null));
            } else {
                rest.add(c);
            }
        }
        odoo.record(skipped, clock.instant());
        return rest;
    }

    private String companyCurrency() {
        List<Map<String, Object>> company = odooClient.searchRead("res.company", List.of(), List.of("currency_id"), "id", 0, 1, null);
        return String.valueOf(((List<?>) company.get(0).get("currency_id")).get(1));
    }
}
