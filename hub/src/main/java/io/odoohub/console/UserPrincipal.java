package io.odoohub.console;

import java.security.Principal;

/**
 * The logged-in console user. Hawtio finds the user name by the simple class name {@code UserPrincipal}, so the
 * name of this class matters.
 */
public record UserPrincipal(String name) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
