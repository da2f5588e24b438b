package io.odoohub.console;

import io.odoohub.security.Pbkdf2PasswordHasher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.CountingHasher;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password hashing, the user store and the JAAS login module over it, against H2 with the real migrations. */
class ConsoleLoginTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private HubDatabase database;
    private CountingHasher hasher;
    private ConsoleUsers users;

    @BeforeEach
    void openStore() {
        database = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2);
        // a low cost keeps the test quick; the production cost is checked in hashCarriesItsCost
        hasher = CountingHasher.cheap();
        users = new ConsoleUsers(database.dataSource(), hasher);
        users.create("ada", PASSWORD.toCharArray(), Set.of("admin"));
        users.create("viewer1", "viewer password 1".toCharArray(), Set.of("viewer"));
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void hashIsSaltedAndCarriesItsCost() {
        Pbkdf2PasswordHasher real = new Pbkdf2PasswordHasher();
        String first = real.hash(PASSWORD.toCharArray());
        String second = real.hash(PASSWORD.toCharArray());

        assertThat(first).startsWith("pbkdf2-sha256$600000$").doesNotContain(PASSWORD);
        assertThat(first).isNotEqualTo(second);
        assertThat(real.verify(PASSWORD.toCharArray(), first)).isTrue();
        assertThat(real.verify(PASSWORD.toCharArray(), second)).isTrue();
        assertThat(real.verify("correct horse battery!".toCharArray(), first)).isFalse();
    }

    @Test
    void hashWithAnotherCostStillVerifies() {
        String cheap = new Pbkdf2PasswordHasher(20_000).hash(PASSWORD.toCharArray());

        assertThat(new Pbkdf2PasswordHasher().verify(PASSWORD.toCharArray(), cheap)).isTrue();
    }

    @Test
    void malformedHashIsAnErrorNotAMatch() {
        Pbkdf2PasswordHasher real = new Pbkdf2PasswordHasher(10_000);

        assertThatThrownBy(() -> real.verify(PASSWORD.toCharArray(), PASSWORD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> real.verify(PASSWORD.toCharArray(), "pbkdf2-sha256$1$AAAA$AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storeKeepsOnlyTheHash() throws Exception {
        try (var c = database.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT password_hash FROM console_user WHERE username = 'ada'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$").doesNotContain(PASSWORD);
        }
    }

    @Test
    void rightPasswordLogsInWithUserAndRoles() throws LoginException {
        Subject subject = new Subject();
        LoginContext login = login(subject, "ada", PASSWORD);

        login.login();

        assertThat(subject.getPrincipals()).containsExactlyInAnyOrder(new UserPrincipal("ada"), new RolePrincipal("admin"));
        login.logout();
        assertThat(subject.getPrincipals()).isEmpty();
    }

    @Test
    void rolesComeFromTheStore() throws LoginException {
        Subject subject = new Subject();

        login(subject, "viewer1", "viewer password 1").login();

        assertThat(subject.getPrincipals()).extracting(Principal::getName).containsExactlyInAnyOrder("viewer1", "viewer");
    }

    @Test
    void wrongPasswordIsRefusedAfterHashing() {
        Subject subject = new Subject();
        int before = hasher.verifications();

        assertThatThrownBy(() -> login(subject, "ada", "correct horse battery?").login())
                .isInstanceOf(FailedLoginException.class)
                .hasMessage("wrong user name or password");

        assertThat(hasher.verifications() - before).isEqualTo(1);
        assertThat(subject.getPrincipals()).isEmpty();
    }

    @Test
    void unknownUserIsRefusedAlikeAndStillHashed() {
        Subject subject = new Subject();
        int before = hasher.verifications();

        assertThatThrownBy(() -> login(subject, "mallory", PASSWORD).login())
                .isInstanceOf(FailedLoginException.class)
                .hasMessage("wrong user name or password");

        // a shortcut for unknown names would answer without hashing, and the time taken would tell the name is unknown
        assertThat(hasher.verifications() - before).isEqualTo(1);
        assertThat(subject.getPrincipals()).isEmpty();
    }

    @Test
    void oddUserNamesAreHashedToo() {
        int before = hasher.verifications();

        assertThatThrownBy(() -> login(new Subject(), "no such user; DROP TABLE console_user", PASSWORD).login())
                .isInstanceOf(FailedLoginException.class);

        assertThat(hasher.verifications() - before).isEqualTo(1);
        assertThat(users.count()).isEqualTo(2);
    }

    @Test
    void moduleWithoutStoreRefusesEveryone() {
        Configuration noStore = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(HubLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
            }
        };

        assertThatThrownBy(() -> new LoginContext(HubConsole.REALM, new Subject(), handler("ada", PASSWORD), noStore).login())
                .isInstanceOf(LoginException.class)
                .hasMessageContaining("console user store not available");
    }

    @Test
    void shortPasswordsAndOddNamesAreNotStored() {
        assertThatThrownBy(() -> users.create("bob", "short".toCharArray(), Set.of("admin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> users.create("bob smith", PASSWORD.toCharArray(), Set.of("admin")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.create("bob", PASSWORD.toCharArray(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(users.exists("bob")).isFalse();
    }

    @Test
    void changedPasswordReplacesTheOldOne() throws LoginException {
        assertThat(users.changePassword("ada", "a brand new passphrase".toCharArray())).isTrue();

        assertThatThrownBy(() -> login(new Subject(), "ada", PASSWORD).login()).isInstanceOf(FailedLoginException.class);
        login(new Subject(), "ada", "a brand new passphrase").login();
    }

    private LoginContext login(Subject subject, String user, String password) throws LoginException {
        return new LoginContext(HubConsole.REALM, subject, handler(user, password),
                new ConsoleLoginConfiguration(HubConsole.REALM, users, null));
    }

    private static CallbackHandler handler(String user, String password) {
        return callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback pw) {
                    pw.setPassword(password.toCharArray());
                }
            }
        };
    }
}
