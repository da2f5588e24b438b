package io.odoohub.catalog.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.ApiRouteBuilder;
import io.odoohub.api.Role;
import io.odoohub.odoo.fault.OdooException;
import io.odoohub.support.Json;
import org.apache.camel.Processor;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/**
 * The catalog's API builders: one line per endpoint (verb, path, role, description, handler, query parameters).
 * Odoo being unreachable or refusing is answered 502 with Odoo's reason instead of a bare 500.
 */
abstract class CatalogApiSupport extends ApiRouteBuilder {

    CatalogApiSupport(ApiGuard guard) {
        super(guard);
    }

    @Override
    protected final void configureApi() throws Exception {
        onException(OdooException.class).handled(true).process(e -> {
            OdooException ex = e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, OdooException.class);
            ApiResponses.error(e, 502, "Odoo: " + ex.getMessage());
        });
        onException(IllegalArgumentException.class).handled(true).process(e -> {
            IllegalArgumentException ex = e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, IllegalArgumentException.class);
            ApiResponses.error(e, 400, ex.getMessage());
        });
        endpoints();
    }

    protected abstract void endpoints() throws Exception;

    /** Declares {@code verb BASE+path} guarded by {@code role}; {@code query} names the query parameters it reads. */
    protected void endpoint(String verb, String path, String routeId, Role role, String description, Processor handler, String... query) {
        RestDefinition rest = rest(BASE);
        RestDefinition r = switch (verb) {
            case "GET" -> rest.get(path);
            case "POST" -> rest.post(path);
            case "PUT" -> rest.put(path);
            case "PATCH" -> rest.patch(path);
            case "DELETE" -> rest.delete(path);
            default -> throw new IllegalArgumentException(verb);
        };
        r.routeId(routeId).description(description).produces(ApiResponses.JSON_TYPE);
        for (String q : query) {
            r.param().name(q).type(RestParamType.query).required(false).endParam();
        }
        r.to("direct:" + routeId);
        from("direct:" + routeId).process(guard.require(role)).process(handler);
    }

    static JsonNode body(org.apache.camel.Exchange e) {
        String text = e.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            return Json.API.createObjectNode();
        }
        e.getMessage().setBody(text); // a stream body reads once
        return ApiResponses.readObject(e);
    }

    static int intField(JsonNode body, String name, int dflt, int min, int max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw ApiException.invalid(name, name + " must be an integer between " + min + " and " + max);
        }
        return v.asInt();
    }

    static boolean boolField(JsonNode body, String name, boolean dflt) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw ApiException.invalid(name, name + " must be true or false");
        }
        return v.asBoolean();
    }

    static String textField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw ApiException.invalid(name, name + " must be text");
        }
        return v.asText();
    }

    static long longPath(org.apache.camel.Exchange e, String name) {
        String v = ApiResponses.pathParam(e, name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException ex) {
            throw ApiException.notFound("no " + name.replace('_', ' ') + " '" + v + "'");
        }
    }
}
