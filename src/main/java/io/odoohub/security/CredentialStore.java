package io.odoohub.security;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials (API keys, passwords, client secrets) in the {@code credential} table, each sealed by {@link SecretBox}
 * under its own name. Values are never logged; only names are.
 */
public final class CredentialStore {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Longest value accepted (bytes of UTF-8). */
    public static final int MAX_VALUE_BYTES = 8192;
    /** The Odoo API key, used when odoo.api-key (ODOO_API_KEY) is empty. */
    public static final String ODOO_API_KEY = "odoo.api-key";

    private final DataSource dataSource;
    private final SecretBox box;

    public CredentialStore(DataSource dataSource, SecretBox box) {
        this.dataSource = dataSource;
        this.box = box;
    }

    /** The store of a running hub: the master key from hub.master-key, hub.master-key-file or the data directory. */
    public static CredentialStore open(PropertiesComponent properties, Path dataDir, DataSource dataSource) throws IOException {
        byte[] key = MasterKey.load(properties.resolveProperty("hub.master-key").orElse(""),
                properties.resolveProperty("hub.master-key-file").orElse(""), dataDir);
        try {
            return new CredentialStore(dataSource, new SecretBox(key));
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** A stored credential as listed: its name and when it was last set, never its value. */
    public record CredentialInfo(String name, Instant updatedAt) {
    }

    /** Stores or replaces a credential. */
    public void put(String name, String value) {
        checkName(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a credential value must not be empty");
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("a credential value is at most " + MAX_VALUE_BYTES + " bytes");
        }
        String sealed = Base64.getEncoder().encodeToString(box.sealText(name, value));
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE credential SET ciphertext = ?, updated_at = ? WHERE name = ?")) {
                ps.setString(1, sealed);
                ps.setTimestamp(2, now);
                ps.setString(3, name);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO credential (name, ciphertext, updated_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, sealed);
                    ps.setTimestamp(3, now);
                    ps.executeUpdate();
                }
            }
            LOG.info("Credential '{}' {}", name, updated == 0 ? "stored" : "replaced");
        } catch (SQLException e) {
            throw new IllegalStateException("could not store credential '" + name + "' (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** The value in clear; empty when not stored. {@link SecretBoxException} when it does not open (wrong master key). */
    public Optional<String> get(String name) {
        checkName(name);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ciphertext FROM credential WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(box.openText(name, Base64.getDecoder().decode(rs.getString(1))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read credential '" + name + "' (SQL state " + e.getSQLState() + ")", e);
        }
    }

    public Optional<CredentialInfo> info(String name) {
        checkName(name);
        return list().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public List<CredentialInfo> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, updated_at FROM credential ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<CredentialInfo> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new CredentialInfo(rs.getString(1), rs.getTimestamp(2).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list credentials (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** Deletes a credential; false when there was none. */
    public boolean delete(String name) {
        checkName(name);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM credential WHERE name = ?")) {
            ps.setString(1, name);
            boolean found = ps.executeUpdate() > 0;
            if (found) {
                LOG.info("Credential '{}' deleted", name);
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete credential '" + name + "' (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** What the API shows of a value: its last 4 characters when it is long enough that they reveal little. */
    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        return value.length() >= 16 ? "****" + value.substring(value.length() - 4) : "****";
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a credential name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
