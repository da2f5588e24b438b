package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.api.ApiTokens;
import io.odoohub.console.ConsoleUsers;
import io.odoohub.security.Pbkdf2PasswordHasher;
import io.odoohub.store.HubDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the first start makes credentials, and when it leaves everything as it is. */
class FirstRunCredentialsTest {

    @TempDir
    Path dir;

    private HubDatabase database;
    private ApiTokens tokens;
    private ConsoleUsers users;

    @BeforeEach
    void open() {
        database = HubDatabase.open(HubDatabase.h2Url(dir.resolve("db")), "sa", "", 2);
        tokens = new ApiTokens(database.dataSource(), new Pbkdf2PasswordHasher(10_000));
        users = new ConsoleUsers(database.dataSource(), new Pbkdf2PasswordHasher(10_000));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void nothingConfiguredAndNothingStoredMakesBoth() throws Exception {
        FirstRunCredentials.ensure(dir, tokens, "", users, "", "http://127.0.0.1:8081/hawtio/");

        assertThat(dir.resolve(FirstRunCredentials.FILE)).exists();
        assertThat(tokens.anyActive()).isTrue();
        assertThat(users.exists("admin")).isTrue();
    }

    @Test
    void aConfiguredTokenOrUserMeansNoFirstRun() throws Exception {
        FirstRunCredentials.ensure(dir, tokens, "an-admin-token-someone-chose-0123", users, "", "x");
        FirstRunCredentials.ensure(dir, tokens, "", users, "ops", "x");

        assertThat(dir.resolve(FirstRunCredentials.FILE)).doesNotExist();
        assertThat(tokens.anyActive()).isFalse();
        assertThat(users.count()).isZero();
    }

    @Test
    void aStoredTokenOrUserMeansNoFirstRun() throws Exception {
        users.create("ops", "a console password".toCharArray(), Set.of("admin"));

        FirstRunCredentials.ensure(dir, tokens, "", users, "", "x");

        assertThat(dir.resolve(FirstRunCredentials.FILE)).doesNotExist();
        assertThat(tokens.anyActive()).isFalse();
    }

    @Test
    void aFileFromAnEarlierFirstStartIsNeverOverwritten() throws Exception {
        Path file = dir.resolve(FirstRunCredentials.FILE);
        Files.writeString(file, "api.token=ohk_from-before\n");

        FirstRunCredentials.ensure(dir, tokens, "", users, "", "x");

        assertThat(file).hasContent("api.token=ohk_from-before");
        assertThat(tokens.anyActive()).isFalse();
        assertThat(users.count()).isZero();
    }
}
