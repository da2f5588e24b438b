package io.odoohub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens of the management API in the {@code api_token} table. Only the SHA-256 of a token is stored; the
 * token itself is shown once, when it is issued. Tokens are random (256 bits), so a plain hash is enough: there is
 * nothing to guess that a slow hash would protect.
 */
public final class ApiTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** The first admin token, from HUB_ADMIN_TOKEN, is registered under this name (or admin-2, admin-3, ...). */
    public static final String BOOTSTRAP_NAME = "admin";
    /** Shortest HUB_ADMIN_TOKEN accepted: it is a password for every admin endpoint. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 24;
    private static final String TOKEN_PREFIX = "ohk_";
    /** last_used_at is written at most this often per token, not on every request. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(DataSource dataSource) {
        this.dataSource = dataSource;
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
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        insert(name, hash(token), role);
        LOG.info("API token '{}' issued with role {}", name, role.wireName());
        return new IssuedToken(name, role, token);
    }

    /**
     * Registers HUB_ADMIN_TOKEN as an admin token when its hash is not stored yet. A token that was revoked stays
     * revoked. Does nothing when {@code token} is blank.
     */
    public void registerAdmin(String token) {
        if (token == null || token.isBlank()) {
            if (activeCount() == 0) {
                LOG.warn("No management API token exists: set HUB_ADMIN_TOKEN (at least {} characters) to create the first"
                        + " admin token", MIN_ADMIN_TOKEN_LENGTH);
            }
            return;
        }
        String t = token.trim();
        if (t.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("setting hub.admin-token (HUB_ADMIN_TOKEN) must be at least "
                    + MIN_ADMIN_TOKEN_LENGTH + " characters long");
        }
        String hash = hash(t);
        Optional<TokenInfo> existing = findByHash(hash);
        if (existing.isPresent()) {
            if (existing.get().revoked()) {
                LOG.warn("HUB_ADMIN_TOKEN is the token '{}', which was revoked: it stays revoked", existing.get().name());
            }
            return;
        }
        for (int i = 1; ; i++) {
            String name = i == 1 ? BOOTSTRAP_NAME : BOOTSTRAP_NAME + "-" + i;
            if (find(name).isEmpty()) {
                try {
                    insert(name, hash, Role.ADMIN);
                    LOG.info("Admin API token '{}' registered from HUB_ADMIN_TOKEN (stored hashed)", name);
                    return;
                } catch (ApiException taken) {
                    // another node registered it at the same moment: look again
                    if (findByHash(hash).isPresent()) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * The principal of a presented token, when it is known and not revoked. Every active hash is compared in
     * constant time, without stopping at the first match.
     */
    public Optional<ApiPrincipal> authenticate(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return Optional.empty();
        }
        byte[] candidate = hash(presented).getBytes(StandardCharsets.US_ASCII);
        String sql = "SELECT name, token_hash, role, last_used_at FROM api_token WHERE revoked = FALSE";
        String matchName = null;
        Role matchRole = null;
        Timestamp matchLastUsed = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                boolean same = MessageDigest.isEqual(candidate, rs.getString(2).getBytes(StandardCharsets.US_ASCII));
                if (same && matchName == null) {
                    matchName = rs.getString(1);
                    matchRole = Role.parse(rs.getString(3));
                    matchLastUsed = rs.getTimestamp(4);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read API tokens: " + e.getMessage(), e);
        }
        if (matchName == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (matchLastUsed == null || matchLastUsed.toInstant().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            touch(matchName, now);
        }
        return Optional.of(new ApiPrincipal(matchName, matchRole));
    }

    public List<TokenInfo> list() {
        String sql = "SELECT name, role, created_at, last_used_at, revoked FROM api_token ORDER BY name";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<TokenInfo> out = new ArrayList<>();
            while (rs.next()) {
                out.add(info(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list API tokens: " + e.getMessage(), e);
        }
    }

    public Optional<TokenInfo> find(String name) {
        return queryOne("SELECT name, role, created_at, last_used_at, revoked FROM api_token WHERE name = ?", name);
    }

    /** Revokes a token; false when no token has that name. Revoking twice is fine. */
    public boolean revoke(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE api_token SET revoked = TRUE WHERE name = ?")) {
            ps.setString(1, name);
            boolean found = ps.executeUpdate() > 0;
            if (found) {
                LOG.info("API token '{}' revoked", name);
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke an API token: " + e.getMessage(), e);
        }
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("a token name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private Optional<TokenInfo> findByHash(String hash) {
        return queryOne("SELECT name, role, created_at, last_used_at, revoked FROM api_token WHERE token_hash = ?", hash);
    }

    private int activeCount() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM api_token WHERE revoked = FALSE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count API tokens: " + e.getMessage(), e);
        }
    }

    private Optional<TokenInfo> queryOne(String sql, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(info(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read API tokens: " + e.getMessage(), e);
        }
    }

    private void insert(String name, String hash, Role role) {
        if (find(name).isPresent()) {
            throw ApiException.conflict("a token named '" + name + "' exists (revoked names are not reused)");
        }
        String sql = "INSERT INTO api_token (name, token_hash, role, created_at, last_used_at, revoked) VALUES (?, ?, ?, ?, NULL, FALSE)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setString(2, hash);
            ps.setString(3, role.wireName());
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw ApiException.conflict("a token named '" + name + "' exists (revoked names are not reused)");
            }
            throw new IllegalStateException("could not store an API token: " + e.getMessage(), e);
        }
    }

    private void touch(String name, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE api_token SET last_used_at = ? WHERE name = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, name);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not record the last use of API token '{}': {}", name, e.getMessage());
        }
    }

    private static TokenInfo info(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp(3);
        Timestamp used = rs.getTimestamp(4);
        return new TokenInfo(rs.getString(1), Role.parse(rs.getString(2)), created == null ? null : created.toInstant(),
                used == null ? null : used.toInstant(), rs.getBoolean(5));
    }
}
