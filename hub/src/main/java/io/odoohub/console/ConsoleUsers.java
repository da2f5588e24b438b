package io.odoohub.console;

import io.odoohub.security.PasswordHasher;
import io.odoohub.store.Jdbc;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Console users and their roles in the state store ({@code console_user}, {@code console_user_role}). Passwords
 * are kept only as hashes from the {@link PasswordHasher}.
 */
public final class ConsoleUsers {

    /** The minimum length of a console password. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._-]{1,50}");

    // reads and single updates name what failed; a transaction's error adds the database's message, as before
    private final Jdbc jdbc;
    private final Jdbc transactions;
    private final PasswordHasher hasher;
    // compared against when the user does not exist, so that a wrong name costs as much as a wrong password
    private final String decoyHash;

    public ConsoleUsers(DataSource dataSource, PasswordHasher hasher) {
        this.jdbc = new Jdbc(dataSource, (what, e) -> new IllegalStateException(what, e));
        this.transactions = new Jdbc(dataSource);
        this.hasher = hasher;
        char[] decoy = new char[24];
        Arrays.fill(decoy, 'x');
        this.decoyHash = hasher.hash(decoy);
    }

    /**
     * The account when {@code password} is right for an enabled user; empty otherwise. Unknown and disabled users
     * go through the same hashing as known ones.
     */
    public Optional<ConsoleAccount> authenticate(String username, char[] password) {
        if (username == null || password == null || password.length == 0) {
            return Optional.empty();
        }
        Optional<StoredUser> user = USERNAME.matcher(username).matches() ? find(username) : Optional.empty();
        boolean match = hasher.verify(password, user.map(StoredUser::passwordHash).orElse(decoyHash));
        if (!match || user.isEmpty() || !user.get().enabled()) {
            return Optional.empty();
        }
        return Optional.of(new ConsoleAccount(username, roles(username)));
    }

    /** Adds an enabled user. */
    public void create(String username, char[] password, Collection<String> roles) {
        checkUsername(username);
        checkPassword(password);
        Set<String> checkedRoles = checkRoles(roles);
        String hash = hasher.hash(password);
        Timestamp now = Timestamp.from(Instant.now());
        transactions.inTransaction("console user store", c -> {
            Jdbc.update(c, "INSERT INTO console_user (username, password_hash, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    username, hash, true, now, now);
            return Jdbc.batch(c, "INSERT INTO console_user_role (username, role) VALUES (?, ?)", checkedRoles, (ps, role) -> {
                ps.setString(1, username);
                ps.setString(2, role);
            });
        });
    }

    /** Replaces the password of an existing user; false when there is no such user. */
    public boolean changePassword(String username, char[] password) {
        checkPassword(password);
        String hash = hasher.hash(password);
        return jdbc.update("cannot change the password of console user " + username,
                "UPDATE console_user SET password_hash = ?, updated_at = ? WHERE username = ?", hash, Timestamp.from(Instant.now()), username) == 1;
    }

    /** Gives an existing user a role (kept if already held). */
    public void grant(String username, String role) {
        String checked = checkRoles(Set.of(role)).iterator().next();
        if (roles(username).contains(checked)) {
            return;
        }
        // granted meanwhile by another node (or thread): kept
        jdbc.insertUnlessTaken("cannot grant role " + checked + " to console user " + username,
                "INSERT INTO console_user_role (username, role) VALUES (?, ?)", username, checked);
    }

    /** Every user with its roles, by name (never a password or its hash). */
    public java.util.List<ConsoleAccount> list() {
        java.util.List<String> names = jdbc.list("cannot list console users", "SELECT username FROM console_user ORDER BY username",
                rs -> rs.getString(1));
        return names.stream().map(n -> new ConsoleAccount(n, roles(n))).toList();
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    public int count() {
        return jdbc.one("cannot count console users", "SELECT COUNT(*) FROM console_user", rs -> rs.getInt(1)).orElseThrow();
    }

    public Set<String> roles(String username) {
        return new LinkedHashSet<>(jdbc.list("cannot read the roles of console user " + username,
                "SELECT role FROM console_user_role WHERE username = ? ORDER BY role", rs -> rs.getString(1), username));
    }

    /** Whether {@code password} is this user's password (false for unknown users). */
    public boolean hasPassword(String username, char[] password) {
        Optional<StoredUser> user = find(username);
        return hasher.verify(password, user.map(StoredUser::passwordHash).orElse(decoyHash)) && user.isPresent();
    }

    private Optional<StoredUser> find(String username) {
        return jdbc.one("cannot read console user " + username, "SELECT password_hash, enabled FROM console_user WHERE username = ?",
                rs -> new StoredUser(rs.getString(1), rs.getBoolean(2)), username);
    }

    static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a console user name is 1 to 100 of A-Z a-z 0-9 . _ @ -");
        }
    }

    static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a console password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static Set<String> checkRoles(Collection<String> roles) {
        Set<String> checked = new LinkedHashSet<>();
        for (String role : roles) {
            String r = role == null ? "" : role.trim();
            if (!ROLE.matcher(r).matches()) {
                throw new IllegalArgumentException("a console role is 1 to 50 of A-Z a-z 0-9 . _ -, was '" + r + "'");
            }
            checked.add(r);
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("a console user needs at least one role");
        }
        return checked;
    }

    private record StoredUser(String passwordHash, boolean enabled) {
    }
}
