package io.odoohub.googleads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.security.CredentialStore;
import io.odoohub.security.SecretBox;
import io.odoohub.store.HubDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.odoohub.googleads.client.AdsEndpoint;
import io.odoohub.googleads.client.AdsFailure;
import io.odoohub.googleads.client.ConversionMapper;
import io.odoohub.googleads.client.GoogleAdsCredentials;
import io.odoohub.googleads.client.MetricsNormaliser;
import io.odoohub.googleads.flow.Reconciliation;
import io.odoohub.googleads.model.ConversionCandidate;

/** Settings, credentials and the conversion's wire format: the set-up a newcomer configures. */
class GoogleAdsSetupTest {

    @TempDir
    Path dir;

    private static PropertiesComponent props(String... kv) {
        DefaultCamelContext ctx = new DefaultCamelContext();
        java.util.Properties p = new java.util.Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        ctx.getPropertiesComponent().setInitialProperties(p);
        return ctx.getPropertiesComponent();
    }

    @Test
    void customerIdsAcceptDashesAndRefuseAnythingElse() {
        GoogleAdsSettings s = GoogleAdsSettings.from(props("hub.google-ads.customer-ids", "123-456-7890, 1112223333",
                "hub.google-ads.login-customer-id", "999-888-7777", "hub.google-ads.conversion-action", "42"));
        assertThat(s.account().customerIds()).containsExactly("1234567890", "1112223333");
        assertThat(s.account().loginCustomerId()).isEqualTo("9998887777");
        assertThat(s.metrics().importPeriod().toMinutes()).isEqualTo(240);
        assertThat(s.metrics().lookbackDays()).isEqualTo(14);
        assertThat(s.conversions().conversionActionOf("1234567890")).isEqualTo("customers/1234567890/conversionActions/42");
        assertThatThrownBy(() -> GoogleAdsSettings.from(props("hub.google-ads.customer-ids", "123-abc")))
                .hasMessageContaining("hub.google-ads.customer-ids");
        assertThatThrownBy(() -> GoogleAdsSettings.from(props("hub.google-ads.auth", "password")))
                .hasMessageContaining("hub.google-ads.auth");
        assertThatThrownBy(() -> GoogleAdsSettings.from(props("hub.google-ads.import-period-minutes", "0")))
                .hasMessageContaining("hub.google-ads.import-period-minutes");
    }

    @Test
    void theEndpointIsTlsUnlessItNamesAPlaintextLoopbackServer() {
        assertThat(GoogleAdsSettings.from(props()).account().endpoint()).isEqualTo(new AdsEndpoint("googleads.googleapis.com:443", false));
        for (String loopback : List.of("127.0.0.1:50051", "127.9.9.9:1", "localhost:50051", "[::1]:50051")) {
            AdsEndpoint e = GoogleAdsSettings.from(props("hub.google-ads.endpoint", "plaintext://" + loopback)).account().endpoint();
            assertThat(e.plaintext()).as(loopback).isTrue();
            assertThat(e.hostPort()).isEqualTo(loopback);
        }
        for (String elsewhere : List.of("plaintext://10.0.0.5:443", "plaintext://googleads.googleapis.com:443", "PLAINTEXT://0.0.0.0:1",
                "plaintext://[2001:db8::1]:443", "plaintext://127.0.0.1.example.com:443")) {
            assertThatThrownBy(() -> GoogleAdsSettings.from(props("hub.google-ads.endpoint", elsewhere))).as(elsewhere)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("setting hub.google-ads.endpoint").hasMessageContaining("only for a test server on loopback");
        }
        assertThatThrownBy(() -> GoogleAdsSettings.from(props("hub.google-ads.endpoint", "plaintext://127.0.0.1")))
                .hasMessageContaining("setting hub.google-ads.endpoint must be host:port");
        assertThatThrownBy(() -> GoogleAdsSettings.from(props("hub.google-ads.endpoint", "https://googleads.googleapis.com")))
                .hasMessageContaining("setting hub.google-ads.endpoint must be host:port");
    }

    @Test
    void missingCredentialsNameWhatIsMissingAndStoredOnesAreUsed() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (HubDatabase db = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2)) {
            CredentialStore store = new CredentialStore(db.dataSource(), new SecretBox(key));
            GoogleAdsCredentials oauth = new GoogleAdsCredentials(store, GoogleAdsCredentials.OAUTH);
            assertThatThrownBy(oauth::provider).isInstanceOfSatisfying(AdsFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(AdsFailure.Kind.CONFIGURATION);
                assertThat(f.getMessage()).contains(GoogleAdsCredentials.CLIENT_ID);
            });
            store.put(GoogleAdsCredentials.CLIENT_ID, "client.apps.googleusercontent.com");
            store.put(GoogleAdsCredentials.CLIENT_SECRET, "client-secret");
            store.put(GoogleAdsCredentials.REFRESH_TOKEN, "1//refresh");
            assertThat(oauth.provider()).isNotNull();
            assertThat(oauth.developerToken()).isEmpty();

            GoogleAdsCredentials sa = new GoogleAdsCredentials(store, GoogleAdsCredentials.SERVICE_ACCOUNT);
            assertThatThrownBy(sa::provider).hasMessageContaining(GoogleAdsCredentials.SERVICE_ACCOUNT_KEY);
            store.put(GoogleAdsCredentials.SERVICE_ACCOUNT_KEY, "{\"type\": \"not a key\"}");
            assertThatThrownBy(sa::provider).isInstanceOfSatisfying(AdsFailure.class,
                    f -> assertThat(f.kind()).isEqualTo(AdsFailure.Kind.CONFIGURATION));
        }
    }

    @Test
    void conversionTimeHasTheAccountsOffsetEvenAtZero() {
        ConversionCandidate c = new ConversionCandidate("sale.order", 1, "S00001", "g", Instant.parse("2026-07-01T12:00:00Z"), 10.005, "EUR");
        assertThat(ConversionMapper.toClickConversion(c, "customers/1/conversionActions/2", ZoneId.of("Europe/London")).getConversionDateTime())
                .isEqualTo("2026-07-01 13:00:00+01:00");
        assertThat(ConversionMapper.toClickConversion(c, "customers/1/conversionActions/2", ZoneId.of("UTC")).getConversionDateTime())
                .isEqualTo("2026-07-01 12:00:00+00:00");
        assertThat(ConversionMapper.toClickConversion(c, "a", ZoneId.of("Asia/Kolkata")).getConversionDateTime())
                .isEqualTo("2026-07-01 17:30:00+05:30");
    }

    @Test
    void reconciliationThresholdIsRelative() {
        assertThat(Reconciliation.differs(100, 100.5, 0.01)).isFalse();
        assertThat(Reconciliation.differs(100, 98, 0.01)).isTrue();
        assertThat(Reconciliation.differs(0, 0, 0.01)).isFalse();
        assertThat(Reconciliation.differs(5, 0, 0.5)).isTrue();
    }

    @Test
    void statusEnumIsShownAsItsName() {
        assertThat(MetricsNormaliser.status(com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus.forNumber(2))).isEqualTo("ENABLED");
        assertThat(MetricsNormaliser.status(com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus.forNumber(3))).isEqualTo("PAUSED");
        assertThat(MetricsNormaliser.status(com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus.forNumber(4))).isEqualTo("REMOVED");
        assertThat(MetricsNormaliser.status(com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus.UNRECOGNIZED)).isEqualTo("UNKNOWN");
    }
}
