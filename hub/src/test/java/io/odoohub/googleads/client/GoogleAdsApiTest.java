package io.odoohub.googleads.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import com.google.ads.googleads.v23.services.ClickConversion;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.odoohub.googleads.FakeGoogleAds;
import io.odoohub.googleads.model.CampaignDayMetrics;

/** The client over real gRPC (in-process) against the fake: rows streamed, errors classified, headers sent. */
class GoogleAdsApiTest {

    private FakeGoogleAds fake;
    private GoogleAdsApi api;

    @BeforeEach
    void start() throws Exception {
        LocalDate d = LocalDate.of(2026, 11, 1);
        List<FakeGoogleAds.Day> days = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            days.add(new FakeGoogleAds.Day(Integer.toString(100 + i % 500), "C" + i % 500, CampaignStatus.ENABLED, d.plusDays(i / 500),
                    i, 10L * i, 1_000_000L, 0, 0));
        }
        fake = new FakeGoogleAds().account("1234567890", "USD", "America/New_York", days);
        api = fake.api();
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        fake.close();
    }

    @Test
    void streamsEveryRowOfTheRangeInChunks() {
        List<CampaignDayMetrics> rows = new ArrayList<>();
        long n = api.stream("1234567890", MetricsNormaliser.query(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)),
                r -> rows.add(MetricsNormaliser.normalise("1234567890", r)));
        assertThat(n).isEqualTo(15_000);
        assertThat(rows).hasSize(15_000);
        assertThat(rows.get(0).currency()).isEqualTo("USD");
        assertThat(rows.get(0).status()).isEqualTo("ENABLED");
        assertThat(rows.get(14_999).day()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void listsAccessibleCustomers() {
        assertThat(api.accessibleCustomers()).containsExactly("customers/1234567890");
    }

    @Test
    void quotaErrorCarriesGooglesRetryDelay() {
        fake.failNextWithQuota(37);
        assertThatThrownBy(() -> api.accessibleCustomers()).isInstanceOfSatisfying(AdsFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(AdsFailure.Kind.QUOTA);
            assertThat(f.retryDelay()).isEqualTo(Duration.ofSeconds(37));
            assertThat(f.getMessage()).contains("QUOTA_ERROR.RESOURCE_EXHAUSTED");
        });
    }

    @Test
    void wrongTokenIsAnAuthenticationFailure() throws Exception {
        try (GoogleAdsApi wrong = new GoogleAdsApi(() -> fake.services("revoked", null))) {
            assertThatThrownBy(wrong::accessibleCustomers).isInstanceOfSatisfying(AdsFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(AdsFailure.Kind.AUTH);
                assertThat(f.needsPerson()).isTrue();
                assertThat(f.getMessage()).contains("OAUTH_TOKEN_INVALID");
            });
        }
    }

    @Test
    void aDroppedConnectionIsRetriedByTheLibraryWithBackoff() {
        fake.failNextUnavailable();
        assertThat(api.stream("1234567890", MetricsNormaliser.ACCOUNT_QUERY, r -> { })).isEqualTo(1);
        assertThat(api.requestCount()).isEqualTo(1);
    }

    @Test
    void unknownCustomerIsPermanent() {
        assertThatThrownBy(() -> api.stream("5555555555", MetricsNormaliser.ACCOUNT_QUERY, r -> { }))
                .isInstanceOfSatisfying(AdsFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(AdsFailure.Kind.PERMANENT);
                    assertThat(f.getMessage()).contains("REQUEST_ERROR.INVALID_CUSTOMER_ID");
                });
    }

    @Test
    void loginCustomerIdHeaderIsSent() throws Exception {
        try (GoogleAdsApi viaManager = new GoogleAdsApi(() -> fake.services(FakeGoogleAds.TOKEN, "9998887777"))) {
            viaManager.accessibleCustomers();
        }
        io.grpc.Metadata sent = fake.headers().get(fake.headers().size() - 1);
        assertThat(sent.get(FakeGoogleAds.LOGIN_CUSTOMER)).isEqualTo("9998887777");
        assertThat(sent.get(io.grpc.Metadata.Key.of("developer-token", io.grpc.Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("dev-token");
    }

    @Test
    void moreThan2000ConversionsAreRefusedBeforeSending() {
        List<ClickConversion> many = IntStream.range(0, 2001).mapToObj(i -> ClickConversion.newBuilder().setGclid("g" + i).build()).toList();
        assertThatThrownBy(() -> api.upload("1234567890", many)).isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.uploads()).isEmpty();
    }
}
