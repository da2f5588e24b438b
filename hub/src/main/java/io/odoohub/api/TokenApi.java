package io.odoohub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** Admin endpoints for API tokens: issue (the token in clear once), list (never hashes), revoke. */
public final class TokenApi extends ApiRouteBuilder {

    private final ApiTokens tokens;

    public TokenApi(ApiGuard guard, ApiTokens tokens) {
        super(guard);
        this.tokens = tokens;
    }

    @Override
    protected void configureApi() {
        rest(BASE + "/tokens").description("Bearer tokens of the management API (admin)")
                .post().routeId("api-tokens-create").description("Issues a token; the answer is the only time it is shown")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-tokens-create")
                .get().routeId("api-tokens-list").description("Lists tokens (names, roles, dates; never the token or its hash)")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-tokens-list")
                .delete("/{name}").routeId("api-tokens-revoke").description("Revokes a token")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-tokens-revoke");

        from("direct:api-tokens-create").process(guard.require(Role.ADMIN)).process(this::create);
        from("direct:api-tokens-list").process(guard.require(Role.ADMIN)).process(this::list);
        from("direct:api-tokens-revoke").process(guard.require(Role.ADMIN)).process(this::revoke);
    }

    private void create(Exchange e) {
        JsonNode body = ApiResponses.readObject(e);
        String name = ApiResponses.requiredText(body, "name");
        Role role;
        try {
            role = Role.parse(ApiResponses.requiredText(body, "role"));
        } catch (IllegalArgumentException bad) {
            throw ApiException.badRequest(bad.getMessage());
        }
        ApiTokens.IssuedToken issued = tokens.issue(name, role);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", issued.name());
        out.put("role", issued.role().wireName());
        out.put("token", issued.token());
        out.put("note", "store this token now: it is not shown again");
        ApiResponses.json(e, 201, out);
    }

    private void list(Exchange e) {
        List<Map<String, Object>> out = tokens.list().stream().map(TokenApi::view).toList();
        ApiResponses.json(e, 200, Map.of("tokens", out));
    }

    private void revoke(Exchange e) {
        String name = ApiResponses.pathParam(e, "name");
        if (!tokens.revoke(name)) {
            throw ApiException.notFound("no token named '" + name + "'");
        }
        ApiResponses.json(e, 200, view(tokens.find(name).orElseThrow()));
    }

    private static Map<String, Object> view(ApiTokens.TokenInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("role", t.role().wireName());
        m.put("createdAt", t.createdAt() == null ? null : t.createdAt().toString());
        m.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
        m.put("revoked", t.revoked());
        return m;
    }
}
