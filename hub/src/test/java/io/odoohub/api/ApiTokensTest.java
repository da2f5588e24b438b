package io.odoohub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.security.Pbkdf2PasswordHasher;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.CountingHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How tokens are stored: a token a person chose (HUB_ADMIN_TOKEN) as a salted slow hash, checked slowly once per
 * process; a generated {@code ohk_} token as its SHA-256. A flood of wrong tokens costs at most one slow check at a time.
 */
class ApiTokensTest {

    private static final String CHOSEN = "our-admin-token-for-the-hub-2026";

    @TempDir
    Path dir;

    private HubDatabase database;
    private CountingHasher hasher;

    @BeforeEach
    void open() {
        database = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2);
        hasher = CountingHasher.cheap();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aChosenTokenIsStoredSaltedAndSlowNotAsItsSha256() throws Exception {
        new ApiTokens(database.dataSource(), hasher).registerAdmin(CHOSEN);

        String stored = storedHash("admin");
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(ApiTokens.hash(CHOSEN)).doesNotContain(CHOSEN);
        // another token with the same value elsewhere would not share the hash: the salt differs
        assertThat(new Pbkdf2PasswordHasher(10_000).hash(CHOSEN.toCharArray())).isNotEqualTo(stored);
    }

    @Test
    void theProcessThatRegisteredItChecksItWithoutTheSlowHash() {
        ApiTokens tokens = new ApiTokens(database.dataSource(), hasher);
        tokens.registerAdmin(CHOSEN);
        int afterRegistering = hasher.verifications();

        assertThat(tokens.authenticate(CHOSEN)).contains(new ApiPrincipal("admin", Role.ADMIN));
        assertThat(tokens.authenticate(CHOSEN)).isPresent();
        assertThat(hasher.verifications()).isEqualTo(afterRegistering);
    }

    @Test
    void anotherProcessChecksItSlowlyOnceAndANewStartDoesNotRegisterItTwice() {
        new ApiTokens(database.dataSource(), hasher).registerAdmin(CHOSEN);
        ApiTokens otherNode = new ApiTokens(database.dataSource(), hasher);
        int before = hasher.verifications();

        assertThat(otherNode.authenticate(CHOSEN)).contains(new ApiPrincipal("admin", Role.ADMIN));
        assertThat(otherNode.authenticate(CHOSEN)).isPresent();
        assertThat(hasher.verifications()).isEqualTo(before + 1);

        new ApiTokens(database.dataSource(), hasher).registerAdmin(CHOSEN);
        assertThat(new ApiTokens(database.dataSource(), hasher).list()).extracting(ApiTokens.TokenInfo::name).containsExactly("admin");
    }

    @Test
    void aChosenTokenAnEarlierVersionStoredAsItsSha256GetsTheSaltedHash() throws Exception {
        insert("admin", ApiTokens.hash(CHOSEN), false);
        insert("admin-2", ApiTokens.hash("a-token-revoked-long-ago-0123456789"), true);

        ApiTokens tokens = new ApiTokens(database.dataSource(), hasher);
        tokens.registerAdmin(CHOSEN);
        tokens.registerAdmin("a-token-revoked-long-ago-0123456789");

        assertThat(storedHash("admin")).startsWith("pbkdf2-sha256$");
        assertThat(storedHash("admin-2")).startsWith("pbkdf2-sha256$");
        assertThat(new ApiTokens(database.dataSource(), hasher).authenticate(CHOSEN)).contains(new ApiPrincipal("admin", Role.ADMIN));
        // revoked stays revoked
        assertThat(new ApiTokens(database.dataSource(), hasher).authenticate("a-token-revoked-long-ago-0123456789")).isEmpty();
        assertThat(tokens.list()).hasSize(2);
    }

    @Test
    void aStoreFromBeforeTheSaltedHashesUpgradesAndItsAdminTokenToo() throws Exception {
        // the store as the previous version left it: every migration before the one that came with the salted hashes (V50)
        Path before = Files.createDirectories(dir.resolve("migrations-before"));
        try (var migrations = Files.list(Path.of("hub/src/main/resources/db/migration"))) {
            for (Path m : migrations.filter(m -> Integer.parseInt(m.getFileName().toString().replaceFirst("^V(\\d+)__.*", "$1")) < 50).toList()) {
                Files.copy(m, before.resolve(m.getFileName()));
            }
        }
        String url = HubDatabase.h2Url(dir.resolve("old"));
        org.h2.jdbcx.JdbcDataSource old = new org.h2.jdbcx.JdbcDataSource();
        old.setURL(url);
        old.setUser("sa");
        Flyway.configure().dataSource(old).locations("filesystem:" + before).load().migrate();
        try (Connection c = old.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (name, token_hash, role, created_at, last_used_at, revoked) VALUES ('admin', ?, 'admin', ?, NULL, FALSE)")) {
            ps.setString(1, ApiTokens.hash(CHOSEN));
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }

        try (HubDatabase upgraded = HubDatabase.open(url, "sa", "", 2)) {
            ApiTokens tokens = new ApiTokens(upgraded.dataSource(), hasher);
            tokens.registerAdmin(CHOSEN);

            assertThat(new ApiTokens(upgraded.dataSource(), hasher).authenticate(CHOSEN)).contains(new ApiPrincipal("admin", Role.ADMIN));
            try (Connection c = upgraded.dataSource().getConnection(); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT token_hash FROM api_token")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$");
            }
        }
    }

    @Test
    void generatedTokensStayTheirSha256() throws Exception {
        ApiTokens tokens = new ApiTokens(database.dataSource(), hasher);
        ApiTokens.IssuedToken issued = tokens.issue("grafana", Role.VIEWER);
        String generated = tokens.newToken();
        String name = tokens.registerGeneratedAdmin(generated);

        assertThat(issued.token()).startsWith("ohk_").hasSize(47);
        assertThat(storedHash("grafana")).isEqualTo(ApiTokens.hash(issued.token()));
        assertThat(storedHash(name)).isEqualTo(ApiTokens.hash(generated));
        assertThat(tokens.authenticate(issued.token())).contains(new ApiPrincipal("grafana", Role.VIEWER));
        assertThat(tokens.authenticate(generated)).contains(new ApiPrincipal("admin", Role.ADMIN));
        assertThat(hasher.verifications()).isZero();
    }

    @Test
    void wrongTokensCostASlowCheckOnlyWhenNoneIsRunning() throws Exception {
        new ApiTokens(database.dataSource(), hasher).registerAdmin(CHOSEN);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // each check waits to be let go, as a slow hash would take its time
        CountingHasher blocking = CountingHasher.cheap().beforeEachCheck(() -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ApiTokens tokens = new ApiTokens(database.dataSource(), blocking);

        // shorter than any token a person may choose: never a slow check
        assertThat(tokens.authenticate("short-and-wrong")).isEmpty();
        assertThat(blocking.verifications()).isZero();

        CompletableFuture<Optional<ApiPrincipal>> first = CompletableFuture.supplyAsync(() -> tokens.authenticate("wrong-but-long-enough-0000000001"));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tokens.authenticate("wrong-but-long-enough-0000000002")).isEmpty();
        assertThat(blocking.verifications()).isEqualTo(1);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
        // the right token is checked slowly once the other check is over
        assertThat(tokens.authenticate(CHOSEN)).contains(new ApiPrincipal("admin", Role.ADMIN));
    }

    private String storedHash(String name) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM api_token WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(name).isTrue();
                return rs.getString(1);
            }
        }
    }

    private void insert(String name, String hash, boolean revoked) throws Exception {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (name, token_hash, role, created_at, last_used_at, revoked) VALUES (?, ?, 'admin', ?, NULL, ?)")) {
            ps.setString(1, name);
            ps.setString(2, hash);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setBoolean(4, revoked);
            ps.executeUpdate();
        }
    }
}
