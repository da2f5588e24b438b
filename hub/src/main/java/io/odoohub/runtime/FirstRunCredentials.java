package io.odoohub.runtime;

import io.odoohub.api.ApiTokens;
import io.odoohub.console.ConsoleUsers;
import io.odoohub.security.OwnerOnlyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start of a new installation with nothing configured (no {@code HUB_ADMIN_TOKEN} and no token stored, no
 * {@code HUB_CONSOLE_USER} and no console user): so that whoever ran {@code bin/run} can reach the API and the
 * console, the hub makes an admin API token and a console user {@value #CONSOLE_USER} with a random password, stores
 * both hashed, and writes them once to {@value #FILE} in the data directory, readable by its owner only. The log says
 * where the file is, never what is in it. The file is never written again: a later start leaves it as it is.
 */
public final class FirstRunCredentials {

    public static final String FILE = "first-run-credentials.txt";
    static final String CONSOLE_USER = "admin";
    static final String CONSOLE_ROLE = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(FirstRunCredentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private FirstRunCredentials() {
    }

    /**
     * @param adminTokenSetting  hub.admin-token (HUB_ADMIN_TOKEN), registered already when set
     * @param consoleUserSetting hub.console.user (HUB_CONSOLE_USER), created by the console when set
     * @param consoleUrl         where the console is, for the file
     */
    static void ensure(Path dataDir, ApiTokens tokens, String adminTokenSetting, ConsoleUsers users, String consoleUserSetting,
            String consoleUrl) throws IOException {
        boolean noToken = adminTokenSetting.isBlank() && !tokens.anyActive();
        boolean noUser = consoleUserSetting.isBlank() && users.count() == 0;
        if (!noToken || !noUser) {
            if (noToken) {
                LOG.warn("No management API token exists: set HUB_ADMIN_TOKEN (at least {} characters) to create the first"
                        + " admin token", ApiTokens.MIN_ADMIN_TOKEN_LENGTH);
            }
            return;
        }
        Path file = dataDir.resolve(FILE).toAbsolutePath();
        if (Files.exists(file)) {
            LOG.warn("No API token and no console user exist, and {} is there from an earlier first start: it is never"
                    + " overwritten, so nothing was created. Delete it and restart for new credentials, or set HUB_ADMIN_TOKEN and"
                    + " HUB_CONSOLE_USER / HUB_CONSOLE_PASSWORD.", file);
            return;
        }
        String token = tokens.newToken();
        char[] password = randomPassword();
        byte[] text = text(token, password, consoleUrl).getBytes(StandardCharsets.UTF_8);
        try {
            // the file first: a start that fails after it leaves a file to delete, never an account nobody can know
            if (!OwnerOnlyFile.create(file, text)) {
                LOG.warn("{} appeared while the first credentials were made: left as it is, nothing created", file);
                return;
            }
            try {
                String name = tokens.registerGeneratedAdmin(token);
                users.create(CONSOLE_USER, password, Set.of(CONSOLE_ROLE));
                LOG.warn("First start with nothing configured: the admin API token '{}' and the console user '{}' were created with"
                        + " random secrets, stored hashed. The secrets are in {} (readable by its owner only), written this once:"
                        + " keep them elsewhere, then delete the file.", name, CONSOLE_USER, file);
            } catch (RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } finally {
            Arrays.fill(text, (byte) 0);
            Arrays.fill(password, '\0');
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static String text(String token, char[] password, String consoleUrl) {
        return "# odoo-hub: credentials made at the first start, " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ".\n"
                + "# The hub keeps only their hashes and never writes this file again: keep them somewhere safe, then delete it.\n"
                + "#\n"
                + "# Management API: Authorization: Bearer <api.token> (role admin: it can issue other tokens)\n"
                + "api.token=" + token + "\n"
                + "# Hawtio console, " + consoleUrl + "\n"
                + "console.user=" + CONSOLE_USER + "\n"
                + "console.password=" + new String(password) + "\n";
    }
}
