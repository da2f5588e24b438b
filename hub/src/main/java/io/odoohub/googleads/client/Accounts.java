package io.odoohub.googleads.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.odoohub.googleads.model.AccountInfo;

/** The accounts' currency and time zone, asked of Google Ads once per account and kept. */
public final class Accounts {

    private final GoogleAdsApi api;
    private final Map<String, AccountInfo> known = new ConcurrentHashMap<>();

    public Accounts(GoogleAdsApi api) {
        this.api = api;
    }

    public AccountInfo get(String customerId) {
        AccountInfo cached = known.get(customerId);
        if (cached != null) {
            return cached;
        }
        List<AccountInfo> found = new ArrayList<>(1);
        api.stream(customerId, MetricsNormaliser.ACCOUNT_QUERY, row -> found.add(MetricsNormaliser.account(customerId, row)));
        if (found.isEmpty()) {
            throw new AdsFailure(AdsFailure.Kind.PERMANENT, "Google Ads returned no customer row for " + customerId, null, null, null);
        }
        known.put(customerId, found.get(0));
        return found.get(0);
    }
}
