package io.odoohub.sandbox;

import java.util.HashMap;
import java.util.Map;

/** One stored row: its model, id and the internal values of its stored fields. */
final class Rec {
    final Model model;
    final int id;
    final Map<String, Object> values;

    Rec(Model model, int id, Map<String, Object> values) {
        this.model = model;
        this.id = id;
        this.values = values;
    }

    Rec(Model model, int id) {
        this(model, id, new HashMap<>());
    }

    Object get(String field) {
        return values.get(field);
    }

    String str(String field) {
        Object v = values.get(field);
        return v == null ? null : v.toString();
    }

    Integer ref(String field) {
        return (Integer) values.get(field);
    }

    double num(String field) {
        Object v = values.get(field);
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    boolean flag(String field) {
        return Boolean.TRUE.equals(values.get(field));
    }
}
