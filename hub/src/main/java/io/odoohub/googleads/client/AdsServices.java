package io.odoohub.googleads.client;

import com.google.ads.googleads.v23.services.ConversionUploadServiceClient;
import com.google.ads.googleads.v23.services.ConversionUploadServiceSettings;
import com.google.ads.googleads.v23.services.CustomerServiceClient;
import com.google.ads.googleads.v23.services.CustomerServiceSettings;
import com.google.ads.googleads.v23.services.GoogleAdsServiceClient;
import com.google.ads.googleads.v23.services.GoogleAdsServiceSettings;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.api.gax.rpc.HeaderProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three Google Ads services the connector calls (GoogleAdsService, ConversionUploadService, CustomerService),
 * built from the library's v23 service settings. The channel provider is a parameter: in production a TLS channel
 * to {@code googleads.googleapis.com}, in tests an in-process channel to the fake service or a plaintext one to it
 * on a loopback port. That is also why the
 * client is not built with {@code GoogleAdsClient.Builder} (its {@code setEndpoint} always uses TLS and its channel
 * provider is not public): the headers that builder would add (developer-token, login-customer-id) are added here.
 */
public final class AdsServices implements AutoCloseable {

    /** Largest message the channel accepts: a SearchStream chunk of 10,000 rows is a few MB. */
    static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private final GoogleAdsServiceClient googleAds;
    private final ConversionUploadServiceClient conversions;
    private final CustomerServiceClient customers;

    private AdsServices(GoogleAdsServiceClient googleAds, ConversionUploadServiceClient conversions, CustomerServiceClient customers) {
        this.googleAds = googleAds;
        this.conversions = conversions;
        this.customers = customers;
    }

    /** Opens the three service clients over the given channel with the given credentials and headers. */
    public static AdsServices open(TransportChannelProvider channels, CredentialsProvider credentials, Map<String, String> headers)
            throws IOException {
        HeaderProvider headerProvider = FixedHeaderProvider.create(headers);
        GoogleAdsServiceClient ads = GoogleAdsServiceClient.create(GoogleAdsServiceSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(credentials).setHeaderProvider(headerProvider).build());
        ConversionUploadServiceClient uploads = ConversionUploadServiceClient.create(ConversionUploadServiceSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(credentials).setHeaderProvider(headerProvider).build());
        CustomerServiceClient customers = CustomerServiceClient.create(CustomerServiceSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(credentials).setHeaderProvider(headerProvider).build());
        return new AdsServices(ads, uploads, customers);
    }

    /** The production channel: TLS to the API's endpoint (host:port). */
    public static TransportChannelProvider tlsChannel(String endpoint) {
        return GoogleAdsServiceSettings.defaultGrpcTransportProviderBuilder()
                .setEndpoint(endpoint)
                .setMaxInboundMessageSize(MAX_INBOUND_BYTES)
                .build();
    }

    /**
     * An unencrypted channel to a test server on loopback ({@link AdsEndpoint}). gRPC itself refuses to send Google
     * credentials over it, so it goes with {@code NoCredentialsProvider}.
     */
    public static TransportChannelProvider plaintextChannel(String endpoint) {
        return GoogleAdsServiceSettings.defaultGrpcTransportProviderBuilder()
                .setEndpoint(endpoint)
                .setMaxInboundMessageSize(MAX_INBOUND_BYTES)
                .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                .build();
    }

    /**
     * The headers as a channel interceptor, for a channel of one's own (a {@code FixedTransportChannelProvider}, as
     * in tests): gax applies the header provider only to channels it creates itself.
     */
    public static ClientInterceptor headerInterceptor(Map<String, String> headers) {
        Metadata md = new Metadata();
        headers.forEach((k, v) -> md.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
        return MetadataUtils.newAttachHeadersInterceptor(md);
    }

    /** The request headers Google Ads reads besides the OAuth token. */
    public static Map<String, String> headers(String developerToken, String loginCustomerId) {
        Map<String, String> h = new LinkedHashMap<>();
        if (developerToken != null && !developerToken.isBlank()) {
            // retired in 2026 for new projects; still sent when configured, for older setups
            h.put("developer-token", developerToken);
        }
        if (loginCustomerId != null && !loginCustomerId.isBlank()) {
            h.put("login-customer-id", loginCustomerId);
        }
        return h;
    }

    public GoogleAdsServiceClient googleAds() {
        return googleAds;
    }

    public ConversionUploadServiceClient conversions() {
        return conversions;
    }

    public CustomerServiceClient customers() {
        return customers;
    }

    @Override
    public void close() {
        googleAds.close();
        conversions.close();
        customers.close();
    }
}
