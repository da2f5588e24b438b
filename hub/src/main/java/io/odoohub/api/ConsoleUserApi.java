package io.odoohub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.console.ConsoleAccount;
import io.odoohub.console.ConsoleUsers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Admin endpoints for the accounts of the console and the operator's page: one account and one login for both, with
 * the API's roles (viewer, operator, admin). Hawtio itself admits only the roles of {@code hub.console.roles}.
 */
public final class ConsoleUserApi extends ApiRouteBuilder {

    private final ConsoleUsers users;

    public ConsoleUserApi(ApiGuard guard, ConsoleUsers users) {
        super(guard);
        this.users = users;
    }

    @Override
    protected void configureApi() {
        rest(BASE + "/console-users").description("Accounts of the console and the operator's page (admin)")
                .post().routeId("api-console-users-create").description("Creates an account: {\"username\", \"password\", \"role\"}")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-console-users-create")
                .get().routeId("api-console-users-list").description("Lists accounts and their roles (never a password or its hash)")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-console-users-list")
                .put("/{username}/password").routeId("api-console-users-password").description("Replaces a password: {\"password\"}")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-console-users-password");

        from("direct:api-console-users-create").process(guard.require(Role.ADMIN)).process(this::create);
        from("direct:api-console-users-list").process(guard.require(Role.ADMIN)).process(this::list);
        from("direct:api-console-users-password").process(guard.require(Role.ADMIN)).process(this::password);
    }

    private void create(Exchange e) {
        JsonNode body = ApiResponses.readObject(e);
        String username = ApiResponses.requiredText(body, "username");
        char[] password = ApiResponses.requiredText(body, "password").toCharArray();
        Role role;
        try {
            role = Role.parse(ApiResponses.requiredText(body, "role"));
        } catch (IllegalArgumentException bad) {
            throw ApiException.invalid("role", bad.getMessage());
        }
        if (users.exists(username)) {
            throw ApiException.conflict("console user '" + username + "' exists already");
        }
        try {
            users.create(username, password, Set.of(role.wireName()));
        } catch (IllegalArgumentException bad) {
            throw ApiException.badRequest(bad.getMessage());
        }
        ApiResponses.json(e, 201, view(new ConsoleAccount(username, users.roles(username))));
    }

    private void list(Exchange e) {
        List<Map<String, Object>> out = users.list().stream().map(ConsoleUserApi::view).toList();
        ApiResponses.json(e, 200, Map.of("users", out));
    }

    private void password(Exchange e) {
        String username = ApiResponses.pathParam(e, "username");
        char[] password = ApiResponses.requiredText(ApiResponses.readObject(e), "password").toCharArray();
        try {
            if (!users.changePassword(username, password)) {
                throw ApiException.notFound("no console user '" + username + "'");
            }
        } catch (IllegalArgumentException bad) {
            throw ApiException.invalid("password", bad.getMessage());
        }
        ApiResponses.json(e, 200, view(new ConsoleAccount(username, users.roles(username))));
    }

    private static Map<String, Object> view(ConsoleAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("roles", a.roles().stream().sorted().toList());
        return m;
    }
}
