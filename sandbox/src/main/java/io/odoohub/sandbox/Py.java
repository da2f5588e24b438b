package io.odoohub.sandbox;

import java.util.Collection;
import java.util.Map;

/** Python-style rendering of values, for messages that must read like Odoo's. */
final class Py {

    private Py() {
    }

    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            if (s.contains("'") && !s.contains("\"")) {
                return "\"" + s + "\"";
            }
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : c) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(repr(o));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }

    /** A domain leaf as Python prints the tuple: ('name', '=', 1). */
    static String leaf(Collection<?> leaf) {
        String r = repr(leaf);
        return "(" + r.substring(1, r.length() - 1) + ")";
    }

    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Collection<?>) {
            return "list";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        return v.getClass().getSimpleName();
    }
}
