package io.odoohub.console;

import io.odoohub.security.PasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private final DataSource dataSource;
    private final PasswordHasher hasher;
    // compared against when the user does not exist, so that a wrong name costs as much as a wrong password
    private final String decoyHash;

    public ConsoleUsers(DataSource dataSource, PasswordHasher hasher) {
        this.dataSource = dataSource;
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
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO console_user (username, password_hash, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, username);
                ps.setString(2, hash);
                ps.setBoolean(3, true);
                ps.setTimestamp(4, now);
                ps.setTimestamp(5, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_user_role (username, role) VALUES (?, ?)")) {
                for (String role : checkedRoles) {
                    ps.setString(1, username);
                    ps.setString(2, role);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Replaces the password of an existing user; false when there is no such user. */
    public boolean changePassword(String username, char[] password) {
        checkPassword(password);
        String hash = hasher.hash(password);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE console_user SET password_hash = ?, updated_at = ? WHERE username = ?")) {
            ps.setString(1, hash);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, username);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the password of console user " + username, e);
        }
    }

    /** Gives an existing user a role (kept if already held). */
    public void grant(String username, String role) {
        String checked = checkRoles(Set.of(role)).iterator().next();
        if (roles(username).contains(checked)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO console_user_role (username, role) VALUES (?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, checked);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant role " + checked + " to console user " + username, e);
        }
    }

    /** Every user with its roles, by name (never a password or its hash). */
    public java.util.List<ConsoleAccount> list() {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT username FROM console_user ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list console users", e);
        }
        return names.stream().map(n -> new ConsoleAccount(n, roles(n))).toList();
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    public int count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM console_user");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count console users", e);
        }
    }

    public Set<String> roles(String username) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT role FROM console_user_role WHERE username = ? ORDER BY role")) {
            ps.setString(1, username);
            Set<String> roles = new LinkedHashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
            return roles;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the roles of console user " + username, e);
        }
    }

    /** Whether {@code password} is this user's password (false for unknown users). */
    public boolean hasPassword(String username, char[] password) {
        Optional<StoredUser> user = find(username);
        return hasher.verify(password, user.map(StoredUser::passwordHash).orElse(decoyHash)) && user.isPresent();
    }

    private Optional<StoredUser> find(String username) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash, enabled FROM console_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredUser(rs.getString(1), rs.getBoolean(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console user " + username, e);
        }
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

    private void inTransaction(SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("console user store: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private record StoredUser(String passwordHash, boolean enabled) {
    }
}
