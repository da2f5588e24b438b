package io.odoohub.opspage;

import io.odoohub.api.Role;
import io.odoohub.console.HubConsole;
import io.odoohub.console.RolePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's login is the console's: the same JAAS realm ({@link HubConsole#REALM}, the hub's console users and their
 * roles) and the same HTTP session as Hawtio, which runs in the same web application. So one login and one logout
 * serve both:
 * <ul>
 *   <li>a Hawtio login ({@code subject} in the session) is a page login, with the highest of viewer, operator, admin held;</li>
 *   <li>a page login is also a Hawtio login when the user holds a role Hawtio admits ({@code hub.console.roles}): the
 *       session gets the attributes Hawtio's own login sets ({@code subject}, {@code user}, {@code loginTime}). A
 *       viewer is never let into Hawtio (and so into Jolokia) this way;</li>
 *   <li>logging out of either invalidates the one session.</li>
 * </ul>
 */
final class OpsLogin {

    static final String USER_ATTRIBUTE = "io.odoohub.ops.user";
    // set by Hawtio's LoginServlet (AuthSessionHelpers.setup); read by its filters
    static final String HAWTIO_SUBJECT = "subject";
    private static final Logger LOG = LoggerFactory.getLogger(OpsLogin.class);

    /** What a login attempt gave. */
    record Outcome(OpsUser user, String refusal) {
    }

    private final Set<String> consoleRoles;
    // each check is a slow password hash: at most two at once, so a flood of logins cannot take the cores
    private final Semaphore checks = new Semaphore(2);

    OpsLogin(Set<String> consoleRoles) {
        this.consoleRoles = consoleRoles;
    }

    /** The logged-in user of this session: a page login, or a Hawtio login with a page role; empty otherwise. */
    Optional<OpsUser> current(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            if (session.getAttribute(USER_ATTRIBUTE) instanceof OpsUser user) {
                return Optional.of(user);
            }
            if (session.getAttribute(HAWTIO_SUBJECT) instanceof Subject subject) {
                Optional<OpsUser> user = userOf(subject);
                user.ifPresent(u -> session.setAttribute(USER_ATTRIBUTE, u));
                return user;
            }
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    Outcome login(HttpServletRequest request, String username, char[] password) {
        try {
            if (!checks.tryAcquire(10, TimeUnit.SECONDS)) {
                return new Outcome(null, "too many logins at once; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
        try {
            Subject subject = new Subject();
            LoginContext context = new LoginContext(HubConsole.REALM, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback n) {
                        n.setName(username);
                    } else if (callback instanceof PasswordCallback p) {
                        p.setPassword(password);
                    }
                }
            });
            try {
                context.login();
            } catch (LoginException refused) {
                LOG.info("Operator's page: login refused for '{}'", username);
                return new Outcome(null, "wrong user name or password");
            }
            Optional<OpsUser> user = userOf(subject);
            if (user.isEmpty()) {
                context.logout();
                return new Outcome(null, "this account holds none of the roles viewer, operator, admin");
            }
            // a new session id: an id planted before the login is worth nothing after it
            request.changeSessionId();
            HttpSession session = request.getSession();
            session.setAttribute(USER_ATTRIBUTE, user.get());
            if (subject.getPrincipals(RolePrincipal.class).stream().anyMatch(r -> consoleRoles.contains(r.getName()))) {
                session.setAttribute(HAWTIO_SUBJECT, subject);
                session.setAttribute("user", username);
                session.setAttribute("loginTime", System.currentTimeMillis());
            }
            LOG.info("Operator's page: '{}' logged in ({})", username, user.get().role().wireName());
            return new Outcome(user.get(), null);
        } catch (LoginException e) {
            LOG.warn("Operator's page: login failed: {}", e.getMessage());
            return new Outcome(null, "the login could not be checked (see the hub's log)");
        } finally {
            Arrays.fill(password, '\0');
            checks.release();
        }
    }

    /** Ends the session (and with it the Hawtio login), logging the subject out of the realm as Hawtio does. */
    void logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            if (session.getAttribute(HAWTIO_SUBJECT) instanceof Subject subject) {
                new LoginContext(HubConsole.REALM, subject).logout();
            }
        } catch (LoginException | IllegalStateException e) {
            LOG.debug("Logout of the realm: {}", e.toString());
        }
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // nothing left to end
        }
    }

    private static Optional<OpsUser> userOf(Subject subject) {
        String name = subject.getPrincipals().stream().filter(p -> !(p instanceof RolePrincipal)).map(java.security.Principal::getName)
                .findFirst().orElse(null);
        Role best = null;
        for (RolePrincipal r : subject.getPrincipals(RolePrincipal.class)) {
            for (Role role : Role.values()) {
                if (role.wireName().equals(r.getName()) && (best == null || role.includes(best))) {
                    best = role;
                }
            }
        }
        return name == null || best == null ? Optional.empty() : Optional.of(new OpsUser(name, best));
    }
}
