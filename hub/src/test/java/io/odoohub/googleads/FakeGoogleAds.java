package io.odoohub.googleads;

import com.google.ads.googleads.v23.common.Metrics;
import com.google.ads.googleads.v23.common.Segments;
import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import com.google.ads.googleads.v23.errors.AuthenticationErrorEnum.AuthenticationError;
import com.google.ads.googleads.v23.errors.ConversionUploadErrorEnum.ConversionUploadError;
import com.google.ads.googleads.v23.errors.ErrorCode;
import com.google.ads.googleads.v23.errors.ErrorDetails;
import com.google.ads.googleads.v23.errors.ErrorLocation;
import com.google.ads.googleads.v23.errors.GoogleAdsError;
import com.google.ads.googleads.v23.errors.GoogleAdsFailure;
import com.google.ads.googleads.v23.errors.QueryErrorEnum.QueryError;
import com.google.ads.googleads.v23.errors.QuotaErrorDetails;
import com.google.ads.googleads.v23.errors.QuotaErrorEnum.QuotaError;
import com.google.ads.googleads.v23.errors.RequestErrorEnum.RequestError;
import com.google.ads.googleads.v23.resources.Campaign;
import com.google.ads.googleads.v23.resources.Customer;
import com.google.ads.googleads.v23.services.ClickConversion;
import com.google.ads.googleads.v23.services.ClickConversionResult;
import com.google.ads.googleads.v23.services.ConversionUploadServiceGrpc;
import com.google.ads.googleads.v23.services.CustomerServiceGrpc;
import com.google.ads.googleads.v23.services.GoogleAdsRow;
import com.google.ads.googleads.v23.services.GoogleAdsServiceGrpc;
import com.google.ads.googleads.v23.services.ListAccessibleCustomersRequest;
import com.google.ads.googleads.v23.services.ListAccessibleCustomersResponse;
import com.google.ads.googleads.v23.services.SearchGoogleAdsStreamRequest;
import com.google.ads.googleads.v23.services.SearchGoogleAdsStreamResponse;
import com.google.ads.googleads.v23.services.UploadClickConversionsRequest;
import com.google.ads.googleads.v23.services.UploadClickConversionsResponse;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.protobuf.Any;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.odoohub.googleads.client.AdsServices;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.client.MetricsNormaliser;

/**
 * A Google Ads API v23 double on an in-process gRPC server (and, on demand, on a loopback port: {@link #serveOnLoopback}),
 * built on the library's own service bases. Faithful to
 * PROTOCOLS.md: SearchStream answers in chunks of at most 10,000 rows and honours flow control; the daily campaign
 * query is filtered by its date range; UploadClickConversions needs partial_failure, takes at most 2,000
 * conversions and reports failed rows in partial_failure_error (GoogleAdsFailure, field path conversions[i]);
 * errors carry a GoogleAdsFailure in the {@code googleadsfailure-bin} trailer, quota errors a retry_delay. The
 * caller must send the access token {@link #TOKEN}; anything else is UNAUTHENTICATED / OAUTH_TOKEN_INVALID.
 *
 * <p>Conversion outcomes are chosen by the gclid's prefix: {@code recent-} TOO_RECENT_EVENT, {@code expired-}
 * EXPIRED_EVENT, {@code bad-} UNPARSEABLE_GCLID, {@code unknown-} CLICK_NOT_FOUND; a gclid+action+time already
 * accepted gives CLICK_CONVERSION_ALREADY_EXISTS.
 */
public final class FakeGoogleAds implements AutoCloseable {

    public static final String TOKEN = "fake-access-token";
    static final Metadata.Key<byte[]> FAILURE_KEY =
            Metadata.Key.of("google.ads.googleads.v23.errors.googleadsfailure-bin", Metadata.BINARY_BYTE_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> LOGIN_CUSTOMER = Metadata.Key.of("login-customer-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("request-id", Metadata.ASCII_STRING_MARSHALLER);
    static final int STREAM_CHUNK = 10_000;
    private static final Pattern DAILY = Pattern.compile(
            "SELECT .*campaign\\.id.* FROM campaign WHERE segments\\.date BETWEEN '(\\d{4}-\\d{2}-\\d{2})' AND '(\\d{4}-\\d{2}-\\d{2})'");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");

    /** One campaign day as Google holds it. */
    public record Day(String campaignId, String name, CampaignStatus status, LocalDate date, long clicks, long impressions,
                      long costMicros, double conversions, double value) {
    }

    /** Where an account's rows come from: a list, or a generator for the benchmark (nothing held in memory). */
    public interface Rows {
        Iterator<Day> between(LocalDate from, LocalDate to);
    }

    private record Account(String currency, String timeZone, Rows rows) {
    }

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Deque<StatusRuntimeException> nextFailures = new ArrayDeque<>();
    private final List<UploadClickConversionsRequest> uploads = new CopyOnWriteArrayList<>();
    private final List<ClickConversion> accepted = new CopyOnWriteArrayList<>();
    private final Set<String> acceptedKeys = Collections.synchronizedSet(new HashSet<>());
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<java.time.Instant> queryTimes = new CopyOnWriteArrayList<>();
    private final List<Metadata> headers = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final String name = InProcessServerBuilder.generateName();
    private final Server server;
    private Server loopback;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

    public FakeGoogleAds() throws Exception {
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
        server = withServices(builder, authentication(true)).build().start();
    }

    /**
     * Serves this fake on a loopback TCP port as well, in plaintext, for a hub in another process
     * ({@code hub.google-ads.endpoint=plaintext://127.0.0.1:<port>}). No credential comes over plaintext, so this port
     * asks for none and refuses a caller that sends one. Answers the port.
     */
    public synchronized int serveOnLoopback() throws IOException {
        if (loopback == null) {
            loopback = withServices(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                    authentication(false)).build().start();
        }
        return loopback.getPort();
    }

    private ServerBuilder<?> withServices(ServerBuilder<?> builder, ServerInterceptor auth) {
        return builder.addService(ServerInterceptors.intercept(new Search(), auth))
                .addService(ServerInterceptors.intercept(new Uploads(), auth))
                .addService(ServerInterceptors.intercept(new Customers(), auth));
    }

    /** Records the headers; with {@code token}, only the access token {@link #TOKEN} passes, else only no token. */
    private ServerInterceptor authentication(boolean token) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata md, ServerCallHandler<Q, R> next) {
                headers.add(md);
                String sent = md.get(AUTHORIZATION);
                if (token ? !("Bearer " + TOKEN).equals(sent) : sent != null) {
                    GoogleAdsFailure f = failure(error(ErrorCode.newBuilder().setAuthenticationError(AuthenticationError.OAUTH_TOKEN_INVALID),
                            "Authentication of the request failed."));
                    call.close(Status.UNAUTHENTICATED.withDescription(token ? "Request is missing required authentication credential."
                            : "A credential came over plaintext."), trailers(f));
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, md);
            }
        };
    }

    // ------------------------------------------------------------------ set-up by tests

    public FakeGoogleAds account(String customerId, String currency, String timeZone, List<Day> days) {
        List<Day> copy = new CopyOnWriteArrayList<>(days);
        return account(customerId, currency, timeZone,
                (from, to) -> copy.stream().filter(d -> !d.date().isBefore(from) && !d.date().isAfter(to)).iterator());
    }

    public synchronized FakeGoogleAds account(String customerId, String currency, String timeZone, Rows rows) {
        accounts.put(customerId, new Account(currency, timeZone, rows));
        return this;
    }

    /** The next call (any method) fails with a quota error carrying this retry_delay. */
    public synchronized void failNextWithQuota(long retryDelaySeconds) {
        GoogleAdsError e = error(ErrorCode.newBuilder().setQuotaError(QuotaError.RESOURCE_EXHAUSTED),
                "Too many requests. Retry in " + retryDelaySeconds + " seconds.").toBuilder()
                .setDetails(ErrorDetails.newBuilder().setQuotaErrorDetails(QuotaErrorDetails.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(retryDelaySeconds)))).build();
        nextFailures.add(Status.RESOURCE_EXHAUSTED.withDescription("Quota exceeded").asRuntimeException(trailers(failure(e))));
    }

    /** The next call fails the way gRPC reports a server being away (no GoogleAdsFailure). */
    public synchronized void failNextUnavailable() {
        nextFailures.add(Status.UNAVAILABLE.withDescription("connection reset").asRuntimeException());
    }

    /** Credentials that send the token this fake accepts (or another one, to test authentication failures). */
    public static FixedCredentialsProvider credentials(String token) {
        return FixedCredentialsProvider.create(GoogleCredentials.create(new AccessToken(token, new Date(System.currentTimeMillis() + 3_600_000))));
    }

    /** Services of the connector, onto this fake. */
    public AdsServices services(String token, String loginCustomerId) throws Exception {
        Map<String, String> h = AdsServices.headers("dev-token", loginCustomerId);
        ManagedChannel own = InProcessChannelBuilder.forName(name).directExecutor().intercept(AdsServices.headerInterceptor(h)).build();
        channels.add(own);
        return AdsServices.open(FixedTransportChannelProvider.create(GrpcTransportChannel.create(own)), credentials(token), h);
    }

    public GoogleAdsApi api() {
        return new GoogleAdsApi(() -> services(TOKEN, null));
    }

    public List<UploadClickConversionsRequest> uploads() {
        return uploads;
    }

    public List<ClickConversion> accepted() {
        return accepted;
    }

    public List<String> queries() {
        return queries;
    }

    /** When each query of {@link #queries} came, in the same order. */
    public List<java.time.Instant> queryTimes() {
        return queryTimes;
    }

    public List<Metadata> headers() {
        return headers;
    }

    @Override
    public void close() {
        for (ManagedChannel c : channels) {
            c.shutdownNow();
        }
        server.shutdownNow();
        if (loopback != null) {
            loopback.shutdownNow();
        }
        try {
            for (ManagedChannel c : channels) {
                c.awaitTermination(5, TimeUnit.SECONDS);
            }
            server.awaitTermination(5, TimeUnit.SECONDS);
            if (loopback != null) {
                loopback.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ services

    private synchronized StatusRuntimeException takeFailure() {
        return nextFailures.poll();
    }

    private synchronized Account accountOf(String customerId) {
        return accounts.get(customerId);
    }

    private final class Search extends GoogleAdsServiceGrpc.GoogleAdsServiceImplBase {
        @Override
        public void searchStream(SearchGoogleAdsStreamRequest request, StreamObserver<SearchGoogleAdsStreamResponse> out) {
            StatusRuntimeException failure = takeFailure();
            if (failure != null) {
                out.onError(failure);
                return;
            }
            queryTimes.add(java.time.Instant.now());
            queries.add(request.getQuery());
            Account account = accountOf(request.getCustomerId());
            if (account == null) {
                out.onError(invalid(error(ErrorCode.newBuilder().setRequestError(RequestError.INVALID_CUSTOMER_ID),
                        "Invalid customer ID '" + request.getCustomerId() + "'.")));
                return;
            }
            Customer customer = Customer.newBuilder().setId(Long.parseLong(request.getCustomerId()))
                    .setCurrencyCode(account.currency()).setTimeZone(account.timeZone()).build();
            Iterator<GoogleAdsRow> rows;
            Matcher m = DAILY.matcher(request.getQuery());
            if (m.matches()) {
                Iterator<Day> days = account.rows().between(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
                rows = new Iterator<>() {
                    public boolean hasNext() {
                        return days.hasNext();
                    }

                    public GoogleAdsRow next() {
                        Day d = days.next();
                        return GoogleAdsRow.newBuilder().setCustomer(customer)
                                .setCampaign(Campaign.newBuilder().setId(Long.parseLong(d.campaignId())).setName(d.name()).setStatus(d.status()))
                                .setSegments(Segments.newBuilder().setDate(d.date().toString()))
                                .setMetrics(Metrics.newBuilder().setClicks(d.clicks()).setImpressions(d.impressions())
                                        .setCostMicros(d.costMicros()).setConversions(d.conversions()).setConversionsValue(d.value()))
                                .build();
                    }
                };
            } else if (request.getQuery().equals(MetricsNormaliser.ACCOUNT_QUERY)) {
                rows = List.of(GoogleAdsRow.newBuilder().setCustomer(customer).build()).iterator();
            } else {
                out.onError(invalid(error(ErrorCode.newBuilder().setQueryError(QueryError.UNEXPECTED_END_OF_QUERY),
                        "The fake knows only the connector's queries: " + request.getQuery())));
                return;
            }
            streamWithFlowControl((ServerCallStreamObserver<SearchGoogleAdsStreamResponse>) out, rows);
        }
    }

    /** Sends chunks only while the client can take them, as a real server does: memory stays flat on both sides. */
    private static void streamWithFlowControl(ServerCallStreamObserver<SearchGoogleAdsStreamResponse> out, Iterator<GoogleAdsRow> rows) {
        boolean[] done = {false};
        Runnable pump = () -> {
            while (!done[0] && out.isReady()) {
                SearchGoogleAdsStreamResponse.Builder chunk = SearchGoogleAdsStreamResponse.newBuilder();
                while (rows.hasNext() && chunk.getResultsCount() < STREAM_CHUNK) {
                    chunk.addResults(rows.next());
                }
                if (chunk.getResultsCount() > 0) {
                    out.onNext(chunk.build());
                }
                if (!rows.hasNext()) {
                    done[0] = true;
                    out.onCompleted();
                }
            }
        };
        out.setOnReadyHandler(pump);
        out.setOnCancelHandler(() -> done[0] = true);
        pump.run();
    }

    private final class Uploads extends ConversionUploadServiceGrpc.ConversionUploadServiceImplBase {
        @Override
        public void uploadClickConversions(UploadClickConversionsRequest request, StreamObserver<UploadClickConversionsResponse> out) {
            StatusRuntimeException failure = takeFailure();
            if (failure != null) {
                out.onError(failure);
                return;
            }
            uploads.add(request);
            if (!request.getPartialFailure()) {
                out.onError(invalid(error(ErrorCode.newBuilder().setRequestError(RequestError.REQUIRED_FIELD_MISSING),
                        "Partial failure mode is required for this operation.")));
                return;
            }
            if (request.getConversionsCount() > 2000) {
                out.onError(invalid(error(ErrorCode.newBuilder().setConversionUploadError(ConversionUploadError.TOO_MANY_CONVERSIONS_IN_REQUEST),
                        "The request contains more than 2000 conversions.")));
                return;
            }
            UploadClickConversionsResponse.Builder response = UploadClickConversionsResponse.newBuilder();
            GoogleAdsFailure.Builder failures = GoogleAdsFailure.newBuilder();
            for (int i = 0; i < request.getConversionsCount(); i++) {
                ClickConversion c = request.getConversions(i);
                ConversionUploadError problem = check(request.getCustomerId(), c);
                if (problem == null && !DATE_TIME.matcher(c.getConversionDateTime()).matches()) {
                    failures.addErrors(atRow(error(ErrorCode.newBuilder().setDateError(com.google.ads.googleads.v23.errors.DateErrorEnum.DateError.INVALID_STRING_DATE_TIME_SECONDS_WITH_OFFSET),
                            "The date time must be yyyy-mm-dd hh:mm:ss+|-hh:mm."), i));
                    response.addResults(ClickConversionResult.getDefaultInstance());
                } else if (problem != null) {
                    failures.addErrors(atRow(error(ErrorCode.newBuilder().setConversionUploadError(problem), message(problem)), i));
                    response.addResults(ClickConversionResult.getDefaultInstance());
                } else {
                    acceptedKeys.add(key(c));
                    accepted.add(c);
                    response.addResults(ClickConversionResult.newBuilder().setGclid(c.getGclid())
                            .setConversionAction(c.getConversionAction()).setConversionDateTime(c.getConversionDateTime()));
                }
            }
            if (failures.getErrorsCount() > 0) {
                response.setPartialFailureError(com.google.rpc.Status.newBuilder().setCode(3)
                        .setMessage(failures.getErrors(0).getMessage() + (failures.getErrorsCount() > 1 ? ", and others" : ""))
                        .addDetails(Any.pack(failures.build())));
            }
            out.onNext(response.build());
            out.onCompleted();
        }

        private ConversionUploadError check(String customerId, ClickConversion c) {
            if (!c.getConversionAction().startsWith("customers/" + customerId + "/conversionActions/")) {
                return ConversionUploadError.NO_CONVERSION_ACTION_FOUND;
            }
            String g = c.getGclid();
            if (g.startsWith("recent-")) {
                return ConversionUploadError.TOO_RECENT_EVENT;
            }
            if (g.startsWith("expired-")) {
                return ConversionUploadError.EXPIRED_EVENT;
            }
            if (g.startsWith("bad-")) {
                return ConversionUploadError.UNPARSEABLE_GCLID;
            }
            if (g.startsWith("unknown-")) {
                return ConversionUploadError.CLICK_NOT_FOUND;
            }
            if (acceptedKeys.contains(key(c))) {
                return ConversionUploadError.CLICK_CONVERSION_ALREADY_EXISTS;
            }
            return null;
        }

        private String key(ClickConversion c) {
            return c.getGclid() + "|" + c.getConversionAction() + "|" + c.getConversionDateTime();
        }

        private String message(ConversionUploadError e) {
            return switch (e) {
                case TOO_RECENT_EVENT -> "The click associated with the given identifier or iOS URL parameter occurred less than 6 hours ago.";
                case EXPIRED_EVENT -> "The click associated with the given identifier or iOS URL parameter is too old to be imported.";
                case UNPARSEABLE_GCLID -> "The click identifier (gclid) could not be decoded.";
                case CLICK_NOT_FOUND -> "The click identifier could not be found.";
                case CLICK_CONVERSION_ALREADY_EXISTS -> "This conversion has already been imported.";
                default -> "Conversion action not found.";
            };
        }
    }

    private final class Customers extends CustomerServiceGrpc.CustomerServiceImplBase {
        @Override
        public void listAccessibleCustomers(ListAccessibleCustomersRequest request, StreamObserver<ListAccessibleCustomersResponse> out) {
            StatusRuntimeException failure = takeFailure();
            if (failure != null) {
                out.onError(failure);
                return;
            }
            List<String> names = new ArrayList<>();
            synchronized (FakeGoogleAds.this) {
                accounts.keySet().forEach(id -> names.add("customers/" + id));
            }
            out.onNext(ListAccessibleCustomersResponse.newBuilder().addAllResourceNames(names).build());
            out.onCompleted();
        }
    }

    // ------------------------------------------------------------------ errors as Google sends them

    static GoogleAdsError error(ErrorCode.Builder code, String message) {
        return GoogleAdsError.newBuilder().setErrorCode(code).setMessage(message).build();
    }

    static GoogleAdsError atRow(GoogleAdsError e, int index) {
        return e.toBuilder().setLocation(ErrorLocation.newBuilder().addFieldPathElements(
                ErrorLocation.FieldPathElement.newBuilder().setFieldName("conversions").setIndex(index))).build();
    }

    static GoogleAdsFailure failure(GoogleAdsError... errors) {
        return GoogleAdsFailure.newBuilder().addAllErrors(List.of(errors)).setRequestId("fake-" + System.nanoTime()).build();
    }

    private Metadata trailers(GoogleAdsFailure f) {
        Metadata md = new Metadata();
        md.put(FAILURE_KEY, f.toByteArray());
        md.put(REQUEST_ID, "fake-" + requestIds.incrementAndGet());
        return md;
    }

    private StatusRuntimeException invalid(GoogleAdsError e) {
        return Status.INVALID_ARGUMENT.withDescription("Request contains an invalid argument.").asRuntimeException(trailers(failure(e)));
    }
}
