package io.odoohub.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key that seals stored secrets (32 bytes, written as base64). From {@code HUB_MASTER_KEY}, else from the
 * file named by {@code HUB_MASTER_KEY_FILE}, else from {@code master.key} in the data directory, created there on
 * the first start with owner-only permissions. The key itself is never logged.
 */
public final class MasterKey {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    public static final String DEFAULT_FILE = "master.key";

    private MasterKey() {
    }

    /**
     * @param base64  the value of hub.master-key (HUB_MASTER_KEY), or blank
     * @param file    the value of hub.master-key-file (HUB_MASTER_KEY_FILE), or blank
     * @param dataDir where master.key is kept (and created) when neither is set
     */
    public static byte[] load(String base64, String file, Path dataDir) throws IOException {
        boolean hasValue = base64 != null && !base64.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasValue && hasFile) {
            throw new IllegalArgumentException("set either HUB_MASTER_KEY or HUB_MASTER_KEY_FILE, not both");
        }
        if (hasValue) {
            LOG.info("Master key: from HUB_MASTER_KEY");
            return decode(base64, "setting hub.master-key (HUB_MASTER_KEY)");
        }
        if (hasFile) {
            Path path = Path.of(file.trim());
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("HUB_MASTER_KEY_FILE names " + path.toAbsolutePath() + ", which is not a file");
            }
            LOG.info("Master key: from the file {} (HUB_MASTER_KEY_FILE)", path.toAbsolutePath());
            if (OwnerOnlyFile.isWider(path)) {
                LOG.warn("Master key file {} can be read by other users ({}): chmod 600 it", path.toAbsolutePath(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
            return read(path);
        }
        Path path = dataDir.resolve(DEFAULT_FILE);
        if (Files.exists(path)) {
            restrict(path);
            LOG.info("Master key: from {} (created by an earlier start)", path.toAbsolutePath());
            return read(path);
        }
        return create(path);
    }

    private static byte[] create(Path path) throws IOException {
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            if (!OwnerOnlyFile.create(path, text)) {
                return read(path); // another process created it meanwhile
            }
        } finally {
            Arrays.fill(text, (byte) 0);
        }
        LOG.warn("Master key: none configured, so a new one was created in {} (owner read/write only). Back it up with"
                + " the database: without it the stored credentials cannot be read. Set HUB_MASTER_KEY or"
                + " HUB_MASTER_KEY_FILE to keep it elsewhere.", path.toAbsolutePath());
        return key;
    }

    private static byte[] read(Path path) throws IOException {
        byte[] raw = Files.readAllBytes(path);
        try {
            return decode(new String(raw, StandardCharsets.US_ASCII), "master key file " + path.toAbsolutePath());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static byte[] decode(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be the base64 of " + SecretBox.KEY_BYTES + " random bytes"
                    + " (e.g. openssl rand -base64 32); it is not valid base64");
        }
        if (key.length != SecretBox.KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be the base64 of " + SecretBox.KEY_BYTES + " random bytes"
                    + " (e.g. openssl rand -base64 32); it holds " + key.length + " bytes");
        }
        return key;
    }

    /** Narrows a key file to owner read/write, saying so when it was wider. */
    private static void restrict(Path path) {
        String was;
        try {
            was = OwnerOnlyFile.restrict(path);
        } catch (IOException e) {
            LOG.warn("Could not restrict the permissions of the master key file {}", path.toAbsolutePath());
            return;
        }
        if (was != null) {
            LOG.warn("Master key file {} was readable by others ({}); narrowed to rw-------", path.toAbsolutePath(), was);
        }
    }
}
