package io.odoohub.opspage;

import io.odoohub.api.Role;
import java.io.Serializable;

/** Who is logged in to the operator's page, and the highest of the API's roles they hold. */
public record OpsUser(String name, Role role) implements Serializable {

    public boolean may(Role minimum) {
        return role.includes(minimum);
    }

    public boolean isOperator() {
        return may(Role.OPERATOR);
    }

    public boolean isAdmin() {
        return may(Role.ADMIN);
    }
}
