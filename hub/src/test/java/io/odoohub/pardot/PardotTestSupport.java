package io.odoohub.pardot;

import io.odoohub.pardot.client.Api;
import io.odoohub.pardot.flow.Automation;
import io.odoohub.pardot.flow.Prospects;
import io.odoohub.pardot.flow.Push;
import io.odoohub.error.RetrySettings;
import io.odoohub.security.CredentialStore;
import io.odoohub.security.SecretBox;
import io.odoohub.store.HubDatabase;
import io.odoohub.store.SharedQuota;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import io.odoohub.pardot.client.PardotClient;
import io.odoohub.pardot.client.PardotTokens;
import io.odoohub.pardot.flow.PardotSchedule;

/** Settings and a client pointed at a {@link FakePardot}, with the credentials in an encrypted store. */
public final class PardotTestSupport {

    private PardotTestSupport() {
    }

    public static PardotSettings settings(FakePardot fake, String bu, int dailyLimit) {
        return new PardotSettings(
                new Api(fake.baseUrl(), fake.tokenUrl(), bu, 1000, 5, dailyLimit, ZoneOffset.UTC, Duration.ofMillis(20)),
                new Prospects(Duration.ofSeconds(120), "US", "anonymise", Path.of("none.json")),
                new Automation(100, "", Map.of()), new Push(Map.of(), Map.of()),
                new PardotSchedule.Periods(Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ZERO), "",
                new RetrySettings(6, 300_000, 2, 7_200_000));
    }

    public static CredentialStore credentials(HubDatabase db) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        CredentialStore store = new CredentialStore(db.dataSource(), new SecretBox(key));
        store.put(PardotTokens.CLIENT_ID, FakePardot.CLIENT_ID);
        store.put(PardotTokens.CLIENT_SECRET, FakePardot.CLIENT_SECRET);
        store.put(PardotTokens.REFRESH_TOKEN, FakePardot.REFRESH_TOKEN);
        return store;
    }

    /** A client whose daily count is kept in {@code db} (several clients on one database share it, as nodes do). */
    public static PardotClient client(PardotSettings settings, CredentialStore credentials, HubDatabase db) {
        HttpClient http = HttpClient.newHttpClient();
        return new PardotClient(settings.api(), new PardotTokens(settings.api().tokenUrl(), credentials, http), http, Clock.systemUTC(),
                new SharedQuota(db.dataSource()));
    }
}
