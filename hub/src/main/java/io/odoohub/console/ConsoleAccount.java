package io.odoohub.console;

import java.util.Set;

/** A console user as the login sees it: the name and the roles held (never the password or its hash). */
public record ConsoleAccount(String username, Set<String> roles) {

    public ConsoleAccount {
        roles = Set.copyOf(roles);
    }
}
