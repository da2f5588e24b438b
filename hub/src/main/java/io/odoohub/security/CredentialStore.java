package io.odoohub.security;

import io.odoohub.store.Jdbc;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
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
    /** The Odoo API key, used when hub.odoo.api-key (ODOO_API_KEY) is empty. */
    public static final String ODOO_API_KEY = "odoo.api-key";

    private final Jdbc jdbc;
    private final SecretBox box;

    public CredentialStore(DataSource dataSource, SecretBox box) {
        // the SQL state only: a driver's message may quote the values it was given
        this.jdbc = new Jdbc(dataSource, (what, e) -> new IllegalStateException(what + " (SQL state " + e.getSQLState() + ")", e));
        this.box = box;
    }

    /** The store of a running hub: the master key from hub.master-key, hub.master-key-file or the data directory. */
    public static CredentialStore open(PropertiesComponent properties, Path dataDir, DataSource dataSource) throws IOException {
        byte[] key = MasterKey.load(SecuritySettings.masterKey(properties), SecuritySettings.masterKeyFile(properties), dataDir);
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
        boolean inserted = jdbc.upsert("could not store credential '" + name + "'", "UPDATE credential SET ciphertext = ?, updated_at = ? WHERE name = ?",
                new Object[] {sealed, now, name}, "INSERT INTO credential (name, ciphertext, updated_at) VALUES (?, ?, ?)", new Object[] {name, sealed, now});
        LOG.info("Credential '{}' {}", name, inserted ? "stored" : "replaced");
    }

    /** The value in clear; empty when not stored. {@link SecretBoxException} when it does not open (wrong master key). */
    public Optional<String> get(String name) {
        checkName(name);
        return jdbc.one("could not read credential '" + name + "'", "SELECT ciphertext FROM credential WHERE name = ?",
                rs -> rs.getString(1), name).map(sealed -> box.openText(name, Base64.getDecoder().decode(sealed)));
    }

    public Optional<CredentialInfo> info(String name) {
        checkName(name);
        return list().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public List<CredentialInfo> list() {
        return jdbc.list("could not list credentials", "SELECT name, updated_at FROM credential ORDER BY name",
                rs -> new CredentialInfo(rs.getString(1), rs.getTimestamp(2).toInstant()));
    }

    /** Deletes a credential; false when there was none. */
    public boolean delete(String name) {
        checkName(name);
        boolean found = jdbc.update("could not delete credential '" + name + "'", "DELETE FROM credential WHERE name = ?", name) > 0;
        if (found) {
            LOG.info("Credential '{}' deleted", name);
        }
        return found;
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
