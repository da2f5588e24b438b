package io.odoohub.console;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's first admin, from HUB_CONSOLE_USER / HUB_CONSOLE_PASSWORD; there is never a default password. */
final class FirstUser {

    static final String ADMIN_ROLE = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(FirstUser.class);

    private FirstUser() {
    }

    /**
     * With a configured user: created as admin if missing; if present, its password is set to the configured one
     * (so changing HUB_CONSOLE_PASSWORD and restarting changes it) and it keeps or gets the admin role. Without one:
     * nothing is created, and when no user exists at all the log says how to create one.
     */
    static void ensure(ConsoleSettings settings, ConsoleUsers users) {
        if (!settings.hasFirstUser()) {
            if (users.count() == 0) {
                LOG.warn("The Hawtio console has no user yet, so nobody can log in. To create the first admin, set"
                        + " HUB_CONSOLE_USER and HUB_CONSOLE_PASSWORD (at least {} characters) and restart; the password"
                        + " is stored hashed, and the variables may be removed after that start.",
                        ConsoleUsers.MIN_PASSWORD_LENGTH);
            }
            return;
        }
        String user = settings.firstUser();
        char[] password = settings.firstPassword();
        if (!users.exists(user)) {
            try {
                users.create(user, password, Set.of(ADMIN_ROLE));
                LOG.info("Console user '{}' created with role {} from HUB_CONSOLE_USER / HUB_CONSOLE_PASSWORD", user, ADMIN_ROLE);
                return;
            } catch (RuntimeException e) {
                if (!io.odoohub.store.Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
                // another node starting at the same moment created it: from here on as an existing user
            }
        }
        if (!users.hasPassword(user, password)) {
            users.changePassword(user, password);
            LOG.info("Console user '{}': password changed to the one in HUB_CONSOLE_PASSWORD", user);
        }
        users.grant(user, ADMIN_ROLE);
    }
}
