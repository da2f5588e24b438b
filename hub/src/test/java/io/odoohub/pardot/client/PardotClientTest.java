package io.odoohub.pardot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.connector.ConnectionTest;
import io.odoohub.security.CredentialStore;
import io.odoohub.store.HubDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import io.odoohub.pardot.FakePardot;
import io.odoohub.pardot.PardotConnector;
import io.odoohub.pardot.PardotSettings;
import io.odoohub.pardot.PardotTestSupport;

/** The v5 client against the fake Pardot over loopback HTTP: tokens, headers, paging, limits and every error class. */
class PardotClientTest {

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

    private PardotClient client() {
        return PardotTestSupport.client(PardotTestSupport.settings(fake, FakePardot.BU, 100_000), credentials, db);
    }

    @Test
    void getsATokenFromTheRefreshTokenAndSendsTheBusinessUnit() {
        fake.addProspect("a@example.com", "Ann", "Lee", "Acme", "555", 10, "B");
        PardotClient client = client();
        PardotClient.Page page = client.query("prospects", List.of("id", "email"), Map.of());
        assertThat(page.values()).extracting(v -> v.get("email").asText()).containsExactly("a@example.com");
        assertThat(page.values().get(0).has("firstName")).as("only the fields asked for").isFalse();
        assertThat(fake.tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndTheCallRetriedOnce() {
        fake.addProspect("a@example.com", "Ann", "Lee", "Acme", "555", 10, "B");
        PardotClient client = client();
        client.query("prospects", List.of("id"), Map.of());
        fake.expireAccessTokens();
        assertThat(client.query("prospects", List.of("id"), Map.of()).values()).hasSize(1);
        assertThat(fake.tokenRequests.get()).isEqualTo(2);
        // 184 again right after a refresh: not a loop, a pause-and-alert
        fake.failNext(184, 184);
        assertThatThrownBy(() -> client.query("prospects", List.of("id"), Map.of()))
                .isInstanceOfSatisfying(PardotApiException.class, e -> assertThat(e.action()).isEqualTo(PardotErrors.Action.PAUSE_AND_ALERT));
    }

    @Test
    void aRefusedRefreshTokenAsksForAPerson() {
        fake.refreshTokenRevoked = true;
        assertThatThrownBy(() -> client().query("prospects", List.of("id"), Map.of()))
                .isInstanceOfSatisfying(PardotApiException.class, e -> {
                    assertThat(e.action()).isEqualTo(PardotErrors.Action.PAUSE_AND_ALERT);
                    assertThat(e.getMessage()).contains("invalid_grant").doesNotContain(FakePardot.REFRESH_TOKEN);
                });
    }

    @Test
    void pagesOfAThousandByNextPageToken() {
        for (int i = 0; i < 2_500; i++) {
            fake.addProspect("p" + i + "@example.com", "P", "" + i, null, null, i, "C");
        }
        PardotClient client = client();
        List<Integer> sizes = new ArrayList<>();
        client.queryAll("prospects", List.of("id", "updatedAt"), Map.of(), "updatedAt", page -> sizes.add(page.size()));
        assertThat(sizes).containsExactly(1000, 1000, 500);
        assertThat(fake.apiRequests.get()).isEqualTo(3);
    }

    @Test
    void anExpiredPageTokenRestartsTheChainFromTheLastCursorValue() {
        for (int i = 0; i < 2_500; i++) {
            fake.addProspect("p" + i + "@example.com", "P", "" + i, null, null, i, "C");
        }
        PardotClient client = client();
        Set<Long> seen = new HashSet<>();
        int[] pages = {0};
        client.queryAll("prospects", List.of("id", "updatedAt"), Map.of(), "updatedAt", page -> {
            page.forEach(p -> seen.add(p.get("id").asLong()));
            if (pages[0]++ == 0) {
                fake.expirePageTokens();
            }
        });
        assertThat(seen).hasSize(2_500);
        assertThat(fake.requestLog).anyMatch(r -> r.contains("updatedAtAfterOrEqualTo"));
    }

    @Test
    void neverMoreThanFiveAtOnceAndACodeSixtySixIsThrownRetryableWithPardotsBackoffNotSleptOn() throws Exception {
        fake.addProspect("a@example.com", "Ann", "Lee", "Acme", "555", 10, "B");
        fake.responseDelay = Duration.ofMillis(40);
        PardotClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<PardotClient.Page>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(pool.submit(() -> client.query("prospects", List.of("id"), Map.of())));
            }
            for (Future<PardotClient.Page> f : calls) {
                assertThat(f.get().values()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fake.maxInFlight.get()).isLessThanOrEqualTo(5).isGreaterThan(1);
        fake.responseDelay = Duration.ZERO;
        long before = fake.apiRequests.get();
        fake.failNext(66, 214);
        // the client classifies and throws, one request each: the scheduled pull's pause-with-backoff retries
        // (PardotEngagementIT: anExpiredTokenAndABusyPardot...)
        for (int code : new int[] {66, 214}) {
            assertThatThrownBy(() -> client.query("prospects", List.of("id"), Map.of()))
                    .isInstanceOfSatisfying(PardotApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(code);
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.retryAfter()).as("hub.pardot.backoff-ms, Pardot sends no Retry-After").isEqualTo(Duration.ofMillis(20));
                    });
        }
        assertThat(fake.apiRequests.get() - before).as("no request sent again by the client").isEqualTo(2);
        assertThat(client.query("prospects", List.of("id"), Map.of()).values()).hasSize(1);
    }

    @Test
    void theDailyLimitStopsTheCallsBothByPardotAndByTheHubsOwnCount() {
        fake.addProspect("a@example.com", "Ann", "Lee", "Acme", "555", 10, "B");
        fake.dailyLimit = 2;
        PardotClient client = client();
        client.query("prospects", List.of("id"), Map.of());
        client.query("prospects", List.of("id"), Map.of());
        assertThatThrownBy(() -> client.query("prospects", List.of("id"), Map.of()))
                .isInstanceOfSatisfying(PardotApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(122);
                    assertThat(e.action()).isEqualTo(PardotErrors.Action.PAUSE_UNTIL_NEXT_DAY);
                });
        fake.dailyLimit = 100_000;
        // the hub's own count, in the database: three calls counted so far today, a limit of 5
        PardotClient counted = PardotTestSupport.client(PardotTestSupport.settings(fake, FakePardot.BU, 5), credentials, db);
        assertThat(counted.callsToday()).isEqualTo(3);
        counted.query("prospects", List.of("id"), Map.of());
        counted.query("prospects", List.of("id"), Map.of());
        long sent = fake.apiRequests.get();
        assertThatThrownBy(() -> counted.query("prospects", List.of("id"), Map.of()))
                .isInstanceOfSatisfying(PardotApiException.class, e -> assertThat(e.code()).isEqualTo(122));
        assertThat(fake.apiRequests.get()).as("the hub stops before Pardot has to").isEqualTo(sent);
        assertThat(counted.callsToday()).isEqualTo(5);
    }

    @Test
    void nodesOnOneDatabaseSpendOneDailyLimitBetweenThem() throws Exception {
        fake.addProspect("a@example.com", "Ann", "Lee", "Acme", "555", 10, "B");
        PardotSettings settings = PardotTestSupport.settings(fake, FakePardot.BU, 40);
        // three nodes: three clients on the same database, each from its own threads
        List<PardotClient> nodes = List.of(PardotTestSupport.client(settings, credentials, db),
                PardotTestSupport.client(settings, credentials, db), PardotTestSupport.client(settings, credentials, db));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicInteger refused = new AtomicInteger();
        long before = fake.apiRequests.get();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PardotClient node = nodes.get(i % 3);
            calls.add(pool.submit(() -> {
                try {
                    node.query("prospects", List.of("id"), Map.of());
                } catch (PardotApiException e) {
                    assertThat(e.code()).isEqualTo(122);
                    refused.incrementAndGet();
                }
            }));
        }
        for (var f : calls) {
            f.get();
        }
        pool.shutdown();
        assertThat(fake.apiRequests.get() - before).as("requests Pardot saw from the three nodes").isEqualTo(40);
        assertThat(refused).hasValue(20);
        assertThat(nodes).allSatisfy(n -> assertThat(n.callsToday()).isEqualTo(40));
    }

    @Test
    void aWrongBusinessUnitAndRequestBugsAreNotRetried() {
        PardotClient wrong = PardotTestSupport.client(PardotTestSupport.settings(fake, "0Uv-not-mine", 100_000), credentials, db);
        assertThatThrownBy(() -> wrong.query("prospects", List.of("id"), Map.of()))
                .isInstanceOfSatisfying(PardotApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(201);
                    assertThat(e.action()).isEqualTo(PardotErrors.Action.PAUSE_AND_ALERT);
                });
        PardotClient client = client();
        client.query("prospects", List.of("id"), Map.of());
        long before = fake.apiRequests.get();
        fake.failNext(209);
        assertThatThrownBy(() -> client.query("prospects", List.of("id"), Map.of()))
                .isInstanceOfSatisfying(PardotApiException.class, e -> assertThat(e.isRetryable()).isFalse());
        assertThat(fake.apiRequests.get() - before).isEqualTo(1);
    }

    @Test
    void everyCodeOfTheProtocolTableHasItsAction() {
        for (int c : new int[] {66, 62, 85, 183, 214}) {
            assertThat(PardotErrors.classify(c)).isEqualTo(PardotErrors.Action.RETRY_WITH_BACKOFF);
        }
        assertThat(PardotErrors.classify(184)).isEqualTo(PardotErrors.Action.REFRESH_TOKEN_AND_RETRY_ONCE);
        assertThat(PardotErrors.classify(122)).isEqualTo(PardotErrors.Action.PAUSE_UNTIL_NEXT_DAY);
        for (int c : new int[] {1, 15, 199, 181, 201}) {
            assertThat(PardotErrors.classify(c)).isEqualTo(PardotErrors.Action.PAUSE_AND_ALERT);
        }
        assertThat(PardotErrors.classify(210)).isEqualTo(PardotErrors.Action.RESTART_PAGE_CHAIN);
        assertThat(PardotErrors.classify(211)).isEqualTo(PardotErrors.Action.RESTART_PAGE_CHAIN);
        for (int c : new int[] {52, 60, 209, 83, 9999}) {
            assertThat(PardotErrors.classify(c)).isEqualTo(PardotErrors.Action.DO_NOT_RETRY);
        }
    }

    // the connector's connection test (Connections on the operator's page): one call, or the refusal in words

    @Test
    void theBusinessUnitAnswersWithOneCallOfTheDaysBudget() {
        fake.addProspect("a@example.com", "Ann", "Lee", "Acme", "555", 10, "B");
        PardotSettings settings = PardotTestSupport.settings(fake, FakePardot.BU, 25_000);
        ConnectionTest test = PardotConnector.test(settings, PardotTestSupport.client(settings, credentials, db));
        assertThat(test.ok()).as(test.message()).isTrue();
        assertThat(test.message()).contains(FakePardot.BU).contains("1 of 25000 calls used today");
        assertThat(test.details()).containsEntry("business_unit", FakePardot.BU).containsEntry("calls_today", 1L);
        assertThat(fake.apiRequests.get()).isEqualTo(1);
    }

    @Test
    void aRevokedRefreshTokenIsSaidWithoutTheSecrets() {
        fake.refreshTokenRevoked = true;
        PardotSettings settings = PardotTestSupport.settings(fake, FakePardot.BU, 25_000);
        ConnectionTest test = PardotConnector.test(settings, PardotTestSupport.client(settings, credentials, db));
        assertThat(test.ok()).isFalse();
        assertThat(test.message()).contains("invalid_grant").doesNotContain(FakePardot.REFRESH_TOKEN).doesNotContain(FakePardot.CLIENT_SECRET);
    }
}
