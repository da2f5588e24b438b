package io.odoohub.odoo.transport;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XML-RPC's positional arguments as JSON-2's named ones. {@code execute_kw(model, method, args, kwargs)} passes
 * {@code args} by position; JSON-2 takes a JSON object of keyword arguments, plus {@code ids} for a method on
 * records and {@code context}. The hub's convention for record methods (as XML-RPC's) is that {@code args[0]} is
 * the ids.
 *
 * <p>The parameter names are Odoo 19's ({@code odoo/orm/models.py}) for the ORM methods the hub and its connectors
 * call; they are the same in 17 and 18. Any other method is taken as a record method called with its ids only
 * ({@code action_confirm}, {@code action_apply_inventory}, ...): further positional arguments cannot be named
 * without the method's signature, so they are refused here with a message that says to pass them as keyword
 * arguments, rather than guessed.
 */
final class Json2Arguments {

    /** A method: whether it takes {@code ids} first, then its positional parameters in order. */
    private record Signature(boolean onRecords, List<String> parameters) {
    }

    private static final Map<String, Signature> SIGNATURES = Map.ofEntries(
            Map.entry("search_read", model("domain", "fields", "offset", "limit", "order")),
            Map.entry("search", model("domain", "offset", "limit", "order")),
            Map.entry("search_count", model("domain", "limit")),
            Map.entry("search_fetch", model("domain", "field_names", "offset", "limit", "order")),
            Map.entry("create", model("vals_list")),
            Map.entry("load", model("fields", "data")),
            Map.entry("fields_get", model("allfields", "attributes")),
            Map.entry("default_get", model("fields")),
            Map.entry("name_search", model("name", "domain", "operator", "limit")),
            Map.entry("name_create", model("name")),
            Map.entry("check_access_rights", model("operation", "raise_exception")),
            Map.entry("context_get", model()),
            Map.entry("read", records("fields", "load")),
            Map.entry("write", records("vals")),
            Map.entry("unlink", records()),
            Map.entry("copy", records("default")),
            Map.entry("export_data", records("fields_to_export")),
            Map.entry("has_access", records("operation")),
            Map.entry("get_metadata", records()));

    private Json2Arguments() {
    }

    private static Signature model(String... parameters) {
        return new Signature(false, List.of(parameters));
    }

    private static Signature records(String... parameters) {
        return new Signature(true, List.of(parameters));
    }

    /**
     * The JSON-2 body of {@code model.method(*args, **kwargs)}.
     *
     * @throws IllegalArgumentException when the arguments cannot be named: more positional arguments than the method
     *                                  has, an argument given twice, or positional arguments after the ids of a method
     *                                  whose signature is not known here
     */
    static Map<String, Object> named(String model, String method, List<?> args, Map<String, ?> kwargs) {
        List<?> positional = args == null ? List.of() : args;
        Map<String, Object> body = new LinkedHashMap<>();
        Signature signature = SIGNATURES.get(method);
        int next = 0;
        if (signature == null || signature.onRecords()) {
            if (!positional.isEmpty()) {
                body.put("ids", ids(model, method, positional.get(0)));
                next = 1;
            }
        }
        List<String> names = signature == null ? List.of() : signature.parameters();
        if (positional.size() - next > names.size()) {
            throw new IllegalArgumentException("JSON-2 cannot name the positional arguments of " + model + "." + method
                    + (signature == null
                            ? ": only the ids can be passed by position to a method the hub does not know; pass the others as keyword arguments"
                            : ": it takes " + names.size() + " (" + String.join(", ", names) + ") besides " + (signature.onRecords() ? "the ids" : "nothing")
                                    + ", " + (positional.size() - next) + " were given"));
        }
        for (int i = next; i < positional.size(); i++) {
            body.put(names.get(i - next), positional.get(i));
        }
        if (kwargs != null) {
            for (Map.Entry<String, ?> e : kwargs.entrySet()) {
                if (body.containsKey(e.getKey())) {
                    throw new IllegalArgumentException(model + "." + method + " got two values for the argument '" + e.getKey() + "'");
                }
                body.put(e.getKey(), e.getValue());
            }
        }
        return body;
    }

    /** XML-RPC takes one id or a list of ids; JSON-2 a list. */
    private static Object ids(String model, String method, Object value) {
        if (value instanceof Number n) {
            return List.of(n);
        }
        if (value instanceof Collection<?> c && c.stream().allMatch(Number.class::isInstance)) {
            return value;
        }
        throw new IllegalArgumentException("JSON-2 needs the ids of " + model + "." + method + " as its first positional argument,"
                + " got " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
