package io.odoohub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.security.CredentialStore;
import io.odoohub.security.SecretBoxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** Admin endpoints for stored credentials: values go in (write-only) and come out masked, never in clear. */
public final class CredentialApi extends ApiRouteBuilder {

    private final CredentialStore credentials;

    public CredentialApi(ApiGuard guard, CredentialStore credentials) {
        super(guard);
        this.credentials = credentials;
    }

    @Override
    protected void configureApi() {
        rest(BASE + "/credentials").description("Credentials, encrypted at rest (admin)")
                .get().routeId("api-credentials-list").description("Lists credentials with masked values")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-credentials-list")
                .get("/{name}").routeId("api-credentials-get").description("One credential, value masked")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-credentials-get")
                .put("/{name}").routeId("api-credentials-put").description("Stores or replaces a credential: {\"value\": \"...\"}")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-credentials-put")
                .delete("/{name}").routeId("api-credentials-delete").description("Deletes a credential")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-credentials-delete");

        from("direct:api-credentials-list").process(guard.require(Role.ADMIN)).process(this::list);
        from("direct:api-credentials-get").process(guard.require(Role.ADMIN)).process(this::get);
        from("direct:api-credentials-put").process(guard.require(Role.ADMIN)).process(this::put);
        from("direct:api-credentials-delete").process(guard.require(Role.ADMIN)).process(this::delete);
    }

    private void list(Exchange e) {
        List<Map<String, Object>> out = credentials.list().stream().map(c -> view(c.name(), c.updatedAt())).toList();
        ApiResponses.json(e, 200, Map.of("credentials", out));
    }

    private void get(Exchange e) {
        String name = name(e);
        CredentialStore.CredentialInfo info = credentials.info(name)
                .orElseThrow(() -> ApiException.notFound("no credential named '" + name + "'"));
        ApiResponses.json(e, 200, view(info.name(), info.updatedAt()));
    }

    private void put(Exchange e) {
        String name = name(e);
        JsonNode body = ApiResponses.readObject(e);
        JsonNode value = body.get("value");
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw ApiException.badRequest("field 'value' is required (text)");
        }
        try {
            credentials.put(name, value.asText());
        } catch (IllegalArgumentException bad) {
            throw ApiException.badRequest(bad.getMessage());
        }
        CredentialStore.CredentialInfo info = credentials.info(name).orElseThrow();
        ApiResponses.json(e, 200, view(info.name(), info.updatedAt()));
    }

    private void delete(Exchange e) {
        String name = name(e);
        if (!credentials.delete(name)) {
            throw ApiException.notFound("no credential named '" + name + "'");
        }
        ApiResponses.noContent(e);
    }

    private Map<String, Object> view(String name, java.time.Instant updatedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        String masked;
        try {
            masked = credentials.get(name).map(CredentialStore::mask).orElse(null);
        } catch (SecretBoxException unreadable) {
            masked = "(cannot be decrypted with this master key)";
        }
        m.put("value", masked);
        m.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        return m;
    }

    private static String name(Exchange e) {
        String name = ApiResponses.pathParam(e, "name");
        try {
            CredentialStore.checkName(name);
        } catch (IllegalArgumentException bad) {
            throw ApiException.badRequest(bad.getMessage());
        }
        return name;
    }
}
