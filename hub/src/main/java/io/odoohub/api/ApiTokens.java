package io.odoohub.api;

import io.odoohub.security.PasswordHasher;
import io.odoohub.security.Pbkdf2PasswordHasher;
import io.odoohub.store.Jdbc;
import io.odoohub.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens of the management API in the {@code api_token} table, stored hashed; a token itself is shown once,
 * when it is issued.
 * <ul>
 *   <li>Tokens the hub generates ({@code ohk_} and 256 random bits) are stored as their SHA-256: there is nothing to
 *   guess that a slow hash would protect, and a plain hash is found at once on every request.</li>
 *   <li>A token chosen by a person ({@code HUB_ADMIN_TOKEN}) may be guessable, so it is stored as a salted PBKDF2 hash.
 *   This process checks it slowly once (at start, when it is registered, or at its first use) and then knows it by its
 *   SHA-256, kept in memory only. A wrong token costs a slow check only when none is running already: a flood of
 *   wrong tokens cannot take the cores.</li>
 * </ul>
 */
public final class ApiTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** The first admin token, from HUB_ADMIN_TOKEN, is registered under this name (or admin-2, admin-3, ...). */
    public static final String BOOTSTRAP_NAME = "admin";
    /** Shortest HUB_ADMIN_TOKEN accepted: it is a password for every admin endpoint. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 24;
    private static final String TOKEN_PREFIX = "ohk_";
    private static final String SALTED_PREFIX = "pbkdf2-";
    /** last_used_at is written at most this often per token, not on every request. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final Jdbc jdbc;
    private final PasswordHasher slowHasher;
    private final SecureRandom random = new SecureRandom();
    /** token name -> the salted hash this process checked a token against, and that token's SHA-256 (memory only). */
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    private final ReentrantLock slowCheck = new ReentrantLock();

    public ApiTokens(DataSource dataSource) {
        this(dataSource, new Pbkdf2PasswordHasher());
    }

    /** With another hasher for the tokens people choose (tests use a cheap one). */
    public ApiTokens(DataSource dataSource, PasswordHasher slowHasher) {
        this.jdbc = new Jdbc(dataSource);
        this.slowHasher = slowHasher;
    }

    private record Checked(String storedHash, byte[] sha256) {
    }

    /** A row of api_token as authentication and registration read it. */
    private record Row(String name, String hash, Role role, Timestamp lastUsed, boolean revoked) {

        boolean salted() {
            return hash.startsWith(SALTED_PREFIX);
        }
    }

    /** A token as listed: never its hash. */
    public record TokenInfo(String name, Role role, Instant createdAt, Instant lastUsedAt, boolean revoked) {
    }

    /** A newly issued token: {@code token} is the only copy in clear. */
    public record IssuedToken(String name, Role role, String token) {
    }

    /** Issues a new random token; {@link ApiException} 409 when the name is taken (revoked names stay taken). */
    public IssuedToken issue(String name, Role role) {
        checkName(name);
        String token = newToken();
        insert(name, hash(token), role);
        LOG.info("API token '{}' issued with role {}", name, role.wireName());
        return new IssuedToken(name, role, token);
    }

    /** A new token as the hub generates them ({@code ohk_} and 256 random bits), not stored yet. */
    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Stores a token {@link #newToken} made as an admin token under the first free name admin, admin-2, ... (the first
     * start of a new installation); returns the name.
     */
    public String registerGeneratedAdmin(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            throw new IllegalArgumentException("not a generated token");
        }
        return underFreeAdminName(name -> {
            insert(name, hash(token), Role.ADMIN);
            LOG.info("API token '{}' generated with role {}", name, Role.ADMIN.wireName());
            return name;
        });
    }

    /** Whether any token is usable (not revoked). */
    public boolean anyActive() {
        return jdbc.one("could not count API tokens", "SELECT COUNT(*) FROM api_token WHERE revoked = FALSE", rs -> rs.getInt(1)).orElseThrow() > 0;
    }

    /**
     * Registers HUB_ADMIN_TOKEN, salted and slowly hashed, as an admin token when it is not stored yet. A token that
     * was revoked stays revoked. A token an earlier version stored as its plain SHA-256 gets the salted hash in its
     * place (same name, role and state). Does nothing when {@code token} is blank.
     */
    public void registerAdmin(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        String t = token.trim();
        if (t.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("setting hub.admin-token (HUB_ADMIN_TOKEN) must be at least "
                    + MIN_ADMIN_TOKEN_LENGTH + " characters long");
        }
        byte[] sha256 = Hashes.sha256(t);
        // under the first free one of admin, admin-2, ...; before each name the stored tokens are read again, so a node
        // starting at the same moment that stored this token first is found, not stored beside
        for (int i = 1; ; i++) {
            if (registered(t, sha256)) {
                return;
            }
            String name = i == 1 ? BOOTSTRAP_NAME : BOOTSTRAP_NAME + "-" + i;
            if (find(name).isPresent()) {
                continue; // another token's name
            }
            String hash = slowHasher.hash(t.toCharArray());
            try {
                insert(name, hash, Role.ADMIN);
            } catch (ApiException taken) {
                i--; // taken at the same moment: read again, then this name once more
                continue;
            }
            checked.put(name, new Checked(hash, sha256));
            LOG.info("Admin API token '{}' registered from HUB_ADMIN_TOKEN (stored with a salted slow hash)", name);
            return;
        }
    }

    /** Finds the token among the stored ones and keeps it (moving a plain hash to a salted one); false when absent. */
    private boolean registered(String t, byte[] sha256) {
        for (Row row : rows(false)) {
            boolean same = row.salted() ? slowHasher.verify(t.toCharArray(), row.hash())
                    : MessageDigest.isEqual(ascii(HexFormat.of().formatHex(sha256)), ascii(row.hash()));
            if (!same) {
                continue;
            }
            String hash = row.hash();
            if (!row.salted()) {
                hash = slowHasher.hash(t.toCharArray());
                updateHash(row.name(), row.hash(), hash);
                LOG.info("Admin API token '{}' (HUB_ADMIN_TOKEN) is now stored with a salted slow hash instead of a plain SHA-256",
                        row.name());
            }
            if (row.revoked()) {
                LOG.warn("HUB_ADMIN_TOKEN is the token '{}', which was revoked: it stays revoked", row.name());
            } else {
                checked.put(row.name(), new Checked(hash, sha256));
            }
            return true;
        }
        return false;
    }

    /** The first of admin, admin-2, ... that no token has. */
    private String freeAdminName() {
        for (int i = 1; ; i++) {
            String name = i == 1 ? BOOTSTRAP_NAME : BOOTSTRAP_NAME + "-" + i;
            if (find(name).isEmpty()) {
                return name;
            }
        }
    }

    /**
     * The principal of a presented token, when it is known and not revoked. Every plain hash is compared in constant
     * time, without stopping at the first match; salted hashes as the class comment says.
     */
    public Optional<ApiPrincipal> authenticate(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return Optional.empty();
        }
        byte[] sha256 = Hashes.sha256(presented);
        byte[] candidate = ascii(HexFormat.of().formatHex(sha256));
        List<Row> rows = rows(true);
        Row match = null;
        for (Row row : rows) {
            if (!row.salted() && MessageDigest.isEqual(candidate, ascii(row.hash())) && match == null) {
                match = row;
            }
        }
        for (Row row : rows) {
            Checked known = checked.get(row.name());
            if (match == null && row.salted() && known != null && known.storedHash().equals(row.hash())
                    && MessageDigest.isEqual(known.sha256(), sha256)) {
                match = row;
            }
        }
        if (match == null && presented.length() >= MIN_ADMIN_TOKEN_LENGTH) {
            match = checkSlowly(presented, sha256, rows);
        }
        if (match == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (match.lastUsed() == null || match.lastUsed().toInstant().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            touch(match.name(), now);
        }
        return Optional.of(new ApiPrincipal(match.name(), match.role()));
    }

    /** A salted token this process has not checked yet (HUB_ADMIN_TOKEN set on another node, or removed since). */
    private Row checkSlowly(String presented, byte[] sha256, List<Row> rows) {
        if (rows.stream().noneMatch(Row::salted) || !slowCheck.tryLock()) {
            return null;
        }
        try {
            for (Row row : rows) {
                if (row.salted() && slowHasher.verify(presented.toCharArray(), row.hash())) {
                    checked.put(row.name(), new Checked(row.hash(), sha256));
                    return row;
                }
            }
            return null;
        } finally {
            slowCheck.unlock();
        }
    }

    public List<TokenInfo> list() {
        return jdbc.list("could not list API tokens", "SELECT name, role, created_at, last_used_at, revoked FROM api_token ORDER BY name", ApiTokens::info);
    }

    public Optional<TokenInfo> find(String name) {
        return queryOne("SELECT name, role, created_at, last_used_at, revoked FROM api_token WHERE name = ?", name);
    }

    /** Revokes a token; false when no token has that name. Revoking twice is fine. */
    public boolean revoke(String name) {
        boolean found = jdbc.update("could not revoke an API token", "UPDATE api_token SET revoked = TRUE WHERE name = ?", name) > 0;
        if (found) {
            LOG.info("API token '{}' revoked", name);
        }
        return found;
    }

    /** How a generated token is stored: its SHA-256 in hex. */
    static String hash(String token) {
        return Hashes.sha256Hex(token);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private <T> T underFreeAdminName(java.util.function.Function<String, T> insert) {
        while (true) {
            try {
                return insert.apply(freeAdminName());
            } catch (ApiException taken) {
                // another node took the name at the same moment: the next one
            }
        }
    }

    /** Every token (or only the ones not revoked) with its stored hash. */
    private List<Row> rows(boolean activeOnly) {
        String sql = "SELECT name, token_hash, role, last_used_at, revoked FROM api_token" + (activeOnly ? " WHERE revoked = FALSE" : "");
        return jdbc.list("could not read API tokens", sql,
                rs -> new Row(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)), rs.getTimestamp(4), rs.getBoolean(5)));
    }

    private void updateHash(String name, String oldHash, String newHash) {
        jdbc.update("could not store an API token's hash", "UPDATE api_token SET token_hash = ? WHERE name = ? AND token_hash = ?", newHash, name,
                oldHash);
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("a token name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private Optional<TokenInfo> queryOne(String sql, String value) {
        return jdbc.one("could not read API tokens", sql, ApiTokens::info, value);
    }

    private void insert(String name, String hash, Role role) {
        if (find(name).isPresent()) {
            throw ApiException.conflict("a token named '" + name + "' exists (revoked names are not reused)");
        }
        String sql = "INSERT INTO api_token (name, token_hash, role, created_at, last_used_at, revoked) VALUES (?, ?, ?, ?, NULL, FALSE)";
        jdbc.withConnection("could not store an API token", c -> {
            try {
                return Jdbc.update(c, sql, name, hash, role.wireName(), Timestamp.from(Instant.now()));
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    throw ApiException.conflict("a token named '" + name + "' exists (revoked names are not reused)");
                }
                throw e;
            }
        });
    }

    private void touch(String name, Instant now) {
        jdbc.withConnection("could not record the last use of API token '" + name + "'", c -> {
            try {
                return Jdbc.update(c, "UPDATE api_token SET last_used_at = ? WHERE name = ?", Timestamp.from(now), name);
            } catch (SQLException e) {
                LOG.warn("Could not record the last use of API token '{}': {}", name, e.getMessage());
                return 0;
            }
        });
    }

    private static TokenInfo info(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp(3);
        Timestamp used = rs.getTimestamp(4);
        return new TokenInfo(rs.getString(1), Role.parse(rs.getString(2)), created == null ? null : created.toInstant(),
                used == null ? null : used.toInstant(), rs.getBoolean(5));
    }
}
