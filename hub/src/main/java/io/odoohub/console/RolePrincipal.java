package io.odoohub.console;

import java.security.Principal;

/**
 * A role of the logged-in console user. Hawtio admits a user holding one of {@code hawtio.roles} as a principal
 * of this class ({@code hawtio.rolePrincipalClasses}); it needs the one-String constructor.
 */
public record RolePrincipal(String name) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
