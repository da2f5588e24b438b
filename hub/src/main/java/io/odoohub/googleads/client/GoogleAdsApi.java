package io.odoohub.googleads.client;

import com.google.ads.googleads.v23.services.ClickConversion;
import com.google.ads.googleads.v23.services.GoogleAdsRow;
import com.google.ads.googleads.v23.services.ListAccessibleCustomersRequest;
import com.google.ads.googleads.v23.services.SearchGoogleAdsStreamRequest;
import com.google.ads.googleads.v23.services.SearchGoogleAdsStreamResponse;
import com.google.ads.googleads.v23.services.UploadClickConversionsRequest;
import com.google.ads.googleads.v23.services.UploadClickConversionsResponse;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ServerStream;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The connector's Google Ads client: the few calls it makes, each failure turned into an {@link AdsFailure}. The
 * services are opened on first use (credentials may be stored after the start) and dropped after an
 * authentication failure, so new credentials are picked up.
 */
public final class GoogleAdsApi implements AutoCloseable {

    /** Opens the services: in production from the credential store, in tests onto the fake. */
    @FunctionalInterface
    public interface Opener {
        AdsServices open() throws Exception;
    }

    /** Google's limit of conversions in one UploadClickConversions request. */
    public static final int MAX_CONVERSIONS_PER_REQUEST = 2000;

    private final Opener opener;
    private final AtomicLong requests = new AtomicLong();
    private AdsServices services;

    public GoogleAdsApi(Opener opener) {
        this.opener = opener;
    }

    /** Resource names of the customers the credentials can reach ({@code customers/1234567890}). */
    public List<String> accessibleCustomers() {
        return call(s -> s.customers().listAccessibleCustomers(ListAccessibleCustomersRequest.getDefaultInstance()).getResourceNamesList());
    }

    /** Runs a GAQL query through SearchStream, handing each row on as it arrives; returns the number of rows. */
    public long stream(String customerId, String query, Consumer<GoogleAdsRow> rows) {
        return call(s -> {
            long n = 0;
            ServerStream<SearchGoogleAdsStreamResponse> stream = s.googleAds().searchStreamCallable()
                    .call(SearchGoogleAdsStreamRequest.newBuilder().setCustomerId(customerId).setQuery(query).build());
            try {
                for (SearchGoogleAdsStreamResponse chunk : stream) {
                    for (GoogleAdsRow row : chunk.getResultsList()) {
                        rows.accept(row);
                        n++;
                    }
                }
            } finally {
                stream.cancel();
            }
            return n;
        });
    }

    /** One UploadClickConversions request with partial_failure on (rows fail one by one, not the whole request). */
    public UploadClickConversionsResponse upload(String customerId, List<ClickConversion> conversions) {
        if (conversions.size() > MAX_CONVERSIONS_PER_REQUEST) {
            throw new IllegalArgumentException("at most " + MAX_CONVERSIONS_PER_REQUEST + " conversions per request, got " + conversions.size());
        }
        return call(s -> s.conversions().uploadClickConversions(UploadClickConversionsRequest.newBuilder()
                .setCustomerId(customerId).addAllConversions(conversions).setPartialFailure(true).build()));
    }

    /** Requests sent so far (the benchmark reports it). */
    public long requestCount() {
        return requests.get();
    }

    private interface Call<T> {
        T on(AdsServices services);
    }

    private <T> T call(Call<T> call) {
        AdsServices s = services();
        requests.incrementAndGet();
        try {
            return call.on(s);
        } catch (ApiException | StatusRuntimeException e) {
            // only what the library throws; a row consumer's own failure (Odoo away) passes through as it is
            AdsFailure failure = AdsErrorClassifier.classify(e);
            if (failure.needsPerson()) {
                reset();
            }
            throw failure;
        }
    }

    private synchronized AdsServices services() {
        if (services == null) {
            try {
                services = opener.open();
            } catch (AdsFailure e) {
                throw e;
            } catch (Exception e) {
                throw AdsFailure.configuration("cannot open the Google Ads client: " + e.getMessage());
            }
        }
        return services;
    }

    /** Drops the open services; the next call opens them again with the credentials stored then. */
    public synchronized void reset() {
        if (services != null) {
            services.close();
            services = null;
        }
    }

    @Override
    public void close() {
        reset();
    }
}
