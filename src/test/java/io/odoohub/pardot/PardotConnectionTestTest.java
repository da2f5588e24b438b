package io.odoohub.pardot;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.runtime.ConnectionTest;
import io.odoohub.security.CredentialStore;
import io.odoohub.store.HubDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pardot connector's connection test against the fake Pardot over loopback HTTP: one call, or the refusal in words. */
class PardotConnectionTestTest {

    private FakePardot fake;
    private HubDatabase db;
    private CredentialStore credentials;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakePardot();
        db = HubDatabase.open("jdbc:h2:file:" + dir.resolve("hub"), "sa", "", 2);
        credentials = PardotTestSupport.credentials(db);
    }

    @AfterEach
    void tearDown() throws Exception {
        fake.close();
        db.close();
    }

    @Test
    void theBusinessUnitAnswersWithOneCallOfTheDaysBudget() {
        fake.addProspect("a@example.com", "Ann", "Lee", "Acme", "555", 10, "B");
        PardotSettings settings = PardotTestSupport.settings(fake, FakePardot.BU, 25_000);
        ConnectionTest test = PardotConnector.test(settings, PardotTestSupport.client(settings, credentials));
        assertThat(test.ok()).as(test.message()).isTrue();
        assertThat(test.message()).contains(FakePardot.BU).contains("1 of 25000 calls used today");
        assertThat(test.details()).containsEntry("business_unit", FakePardot.BU).containsEntry("calls_today", 1L);
        assertThat(fake.apiRequests.get()).isEqualTo(1);
    }

    @Test
    void aRevokedRefreshTokenIsSaidWithoutTheSecrets() {
        fake.refreshTokenRevoked = true;
        PardotSettings settings = PardotTestSupport.settings(fake, FakePardot.BU, 25_000);
        ConnectionTest test = PardotConnector.test(settings, PardotTestSupport.client(settings, credentials));
        assertThat(test.ok()).isFalse();
        assertThat(test.message()).contains("invalid_grant").doesNotContain(FakePardot.REFRESH_TOKEN).doesNotContain(FakePardot.CLIENT_SECRET);
    }
}
