package io.odoohub.console;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * JAAS login over the hub's console users. Hawtio's webapp instantiates it by name through its own class loader,
 * which finds it on the hub's class path (Jetty hides only its own classes from webapps); the user store comes in
 * the options under {@link #USERS_OPTION}. Adds a {@link UserPrincipal} and one {@link RolePrincipal} per role.
 */
public final class HubLoginModule implements LoginModule {

    /** The option holding the {@link ConsoleUsers} to check against. */
    public static final String USERS_OPTION = "io.odoohub.console.users";

    private Subject subject;
    private CallbackHandler callbackHandler;
    private ConsoleUsers users;
    private ConsoleAccount account;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbackHandler = callbackHandler;
        Object store = options.get(USERS_OPTION);
        this.users = store instanceof ConsoleUsers u ? u : null;
    }

    @Override
    public boolean login() throws LoginException {
        if (users == null) {
            throw new LoginException("console user store not available");
        }
        if (callbackHandler == null) {
            throw new LoginException("no callback handler to ask for a user name and password");
        }
        NameCallback name = new NameCallback("username");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbackHandler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read the user name and password: " + e.getMessage());
        }
        char[] secret = password.getPassword();
        try {
            Optional<ConsoleAccount> result = users.authenticate(name.getName(), secret == null ? new char[0] : secret);
            if (result.isEmpty()) {
                // the same answer for an unknown user and a wrong password
                throw new FailedLoginException("wrong user name or password");
            }
            account = result.get();
            return true;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            password.clearPassword();
        }
    }

    @Override
    public boolean commit() throws LoginException {
        if (account == null) {
            return false;
        }
        if (subject.isReadOnly()) {
            throw new LoginException("subject is read-only");
        }
        added.add(new UserPrincipal(account.username()));
        account.roles().stream().sorted().map(RolePrincipal::new).forEach(added::add);
        subject.getPrincipals().addAll(added);
        return true;
    }

    @Override
    public boolean abort() {
        boolean succeeded = account != null;
        clear();
        return succeeded;
    }

    @Override
    public boolean logout() throws LoginException {
        if (subject != null && !subject.isReadOnly()) {
            // a logout through a fresh module (Hawtio does that) removes what any instance of this module added
            subject.getPrincipals().removeIf(p -> p instanceof UserPrincipal || p instanceof RolePrincipal);
        }
        clear();
        return true;
    }

    private void clear() {
        if (subject != null && !subject.isReadOnly()) {
            subject.getPrincipals().removeAll(added);
        }
        added.clear();
        account = null;
    }
}
