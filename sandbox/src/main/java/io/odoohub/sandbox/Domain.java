package io.odoohub.sandbox;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles an Odoo domain (prefix '&', '|', '!' with an implicit '&'; leaves (path, operator, value)) into a
 * predicate over rows. Dotted paths go through relational fields; a many2one compared with a string matches
 * on the display name of the target, as Odoo's name_search does.
 */
final class Domain {

    interface Pred {
        boolean test(Rec r);
    }

    private static final Set<String> OPERATORS = Set.of("=", "!=", "<>", "<", ">", "<=", ">=", "in", "not in", "like", "ilike",
            "not like", "not ilike", "=like", "=ilike", "child_of", "parent_of", "=?");

    private final Orm orm;
    private final Model model;

    Domain(Orm orm, Model model) {
        this.orm = orm;
        this.model = model;
    }

    static boolean mentions(List<?> domain, String field) {
        for (Object o : domain) {
            if (o instanceof List<?> leaf && !leaf.isEmpty() && leaf.get(0) instanceof String p
                    && (p.equals(field) || p.startsWith(field + "."))) {
                return true;
            }
        }
        return false;
    }

    /** Adds the implicit '&' operators, as Odoo's normalize_domain does. */
    static List<Object> normalize(List<?> domain) {
        List<Object> out = new ArrayList<>();
        int expected = 1;
        for (Object o : domain) {
            if (expected == 0) {
                out.add(0, "&");
                expected = 1;
            }
            if (o instanceof String op && ("&".equals(op) || "|".equals(op))) {
                expected += 1;
            } else if (!"!".equals(o)) {
                expected -= 1;
            }
            out.add(o);
        }
        return out;
    }

    Pred compile(List<?> domain) {
        Deque<Pred> stack = new ArrayDeque<>();
        for (int i = domain.size() - 1; i >= 0; i--) {
            Object o = domain.get(i);
            if ("&".equals(o) || "|".equals(o)) {
                if (stack.size() < 2) {
                    throw OdooError.server("ValueError", "Domain " + Py.repr(domain) + " is syntactically not correct.");
                }
                Pred a = stack.pop();
                Pred b = stack.pop();
                stack.push("&".equals(o) ? r -> a.test(r) && b.test(r) : r -> a.test(r) || b.test(r));
            } else if ("!".equals(o)) {
                if (stack.isEmpty()) {
                    throw OdooError.server("ValueError", "Domain " + Py.repr(domain) + " is syntactically not correct.");
                }
                Pred a = stack.pop();
                stack.push(r -> !a.test(r));
            } else if (o instanceof List<?> leaf && leaf.size() == 3) {
                stack.push(leaf(leaf, leaf));
            } else {
                throw OdooError.server("ValueError", "Invalid leaf " + Py.repr(o));
            }
        }
        Pred result = r -> true;
        while (!stack.isEmpty()) {
            Pred p = stack.pop();
            Pred prev = result;
            result = r -> prev.test(r) && p.test(r);
        }
        return result;
    }

    private Pred leaf(List<?> leaf, List<?> original) {
        Object first = leaf.get(0);
        Object opObj = leaf.get(1);
        Object value = leaf.get(2);
        if (!(first instanceof String path)) {
            // TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1)
            if (first instanceof Number n && "=".equals(opObj) && value instanceof Number v) {
                boolean t = n.intValue() == v.intValue();
                return r -> t;
            }
            throw OdooError.server("ValueError", "Invalid leaf " + Py.leaf(original));
        }
        String op = opObj instanceof String s ? s.toLowerCase() : "";
        if (!OPERATORS.contains(op)) {
            throw OdooError.server("ValueError", "Invalid leaf " + Py.leaf(original));
        }
        if ("<>".equals(op)) {
            op = "!=";
        }
        if ("=?".equals(op)) {
            if (value == null || Boolean.FALSE.equals(value)) {
                return r -> true;
            }
            op = "=";
        }
        String[] parts = path.split("\\.", 2);
        String fname = parts[0];
        Field f = "id".equals(fname) ? null : orm.fieldOf(model, fname);
        if (f == null && !"id".equals(fname)) {
            throw OdooError.server("ValueError", "Invalid field " + model.name + "." + fname + " in leaf " + Py.leaf(original));
        }
        if (parts.length == 2) {
            if (f == null || !f.relational()) {
                throw OdooError.server("ValueError", "Invalid field " + model.name + "." + path + " in leaf " + Py.leaf(original));
            }
            Model target = orm.model(f.relation);
            Pred sub = new Domain(orm, target).leaf(List.of(parts[1], op, value == null ? Boolean.FALSE : value), original);
            return r -> anyRelated(f, target, r, sub);
        }
        checkIntRange(f, value);
        final String o = op;
        if ("child_of".equals(op) || "parent_of".equals(op)) {
            Model target = f == null ? model : orm.model(f.relation);
            Set<Integer> set = hierarchy(target, value, "child_of".equals(op));
            return r -> matchesIds(f, r, set);
        }
        if (f != null && f.relational()) {
            return relationalLeaf(f, o, value);
        }
        Object cmpValue = normalizeValue(f, value);
        if (("in".equals(o) || "not in".equals(o)) && value instanceof Collection<?> c && !c.isEmpty()
                && c.stream().allMatch(x -> x instanceof String)) {
            // a long list of names or codes: a set lookup instead of a scan per row
            Set<Object> set = new HashSet<>(c);
            boolean in = "in".equals(o);
            return r -> {
                Object v = f == null ? r.id : orm.get(r, fname);
                return in == (v instanceof String && set.contains(v));
            };
        }
        Pattern like = likePattern(o, cmpValue);
        return r -> scalar(f == null ? r.id : orm.get(r, fname), f, o, cmpValue, like);
    }

    private boolean anyRelated(Field f, Model target, Rec r, Pred sub) {
        Object v = orm.get(r, f.name);
        if (v instanceof Integer id) {
            Rec t = target.rows.get(id);
            return t != null && sub.test(t);
        }
        if (v instanceof Collection<?> ids) {
            for (Object id : ids) {
                Rec t = target.rows.get((Integer) id);
                if (t != null && sub.test(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkIntRange(Field f, Object value) {
        boolean intField = f == null || "integer".equals(f.type) || "many2one".equals(f.type);
        if (!intField) {
            return;
        }
        if (value instanceof Long) {
            Orm.toId(value);
        } else if (value instanceof Collection<?> c) {
            for (Object v : c) {
                if (v instanceof Long) {
                    Orm.toId(v);
                }
            }
        }
    }

    private Set<Integer> hierarchy(Model target, Object value, boolean down) {
        Set<Integer> roots = new HashSet<>();
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                roots.add(Orm.toId(o));
            }
        } else if (value instanceof Number) {
            roots.add(Orm.toId(value));
        } else if (value instanceof String s) {
            for (Rec t : target.rows.values()) {
                if (s.equals(orm.displayName(t))) {
                    roots.add(t.id);
                }
            }
        }
        Set<Integer> out = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(roots);
        String parent = target.parentName;
        boolean hasParent = target.fields.containsKey(parent);
        while (!todo.isEmpty()) {
            Integer id = todo.pop();
            if (!out.add(id) || !hasParent) {
                continue;
            }
            if (down) {
                todo.addAll(target.refsTo(parent, id));
            } else {
                Rec t = target.rows.get(id);
                if (t != null && t.ref(parent) != null) {
                    todo.add(t.ref(parent));
                }
            }
        }
        return out;
    }

    private boolean matchesIds(Field f, Rec r, Set<Integer> set) {
        if (f == null) {
            return set.contains(r.id);
        }
        Object v = orm.get(r, f.name);
        if (v instanceof Integer id) {
            return set.contains(id);
        }
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (set.contains(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Pred relationalLeaf(Field f, String op, Object value) {
        boolean negative = op.startsWith("not") || "!=".equals(op);
        boolean byName = value instanceof String || value instanceof Collection<?> c && c.stream().anyMatch(x -> x instanceof String);
        if (byName) {
            String positive = switch (op) {
                case "!=" -> "=";
                case "not in" -> "in";
                case "not like" -> "like";
                case "not ilike" -> "ilike";
                default -> op;
            };
            Model target = orm.model(f.relation);
            Pattern like = likePattern(positive, value);
            Set<Integer> ids = new HashSet<>();
            for (Rec t : target.rows.values()) {
                if (scalar(orm.displayName(t), null, positive, value, like)) {
                    ids.add(t.id);
                }
            }
            return r -> {
                boolean hit = matchesIds(f, r, ids);
                return negative != hit;
            };
        }
        Set<Integer> ids = new HashSet<>();
        boolean withFalse = false;
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o == null || Boolean.FALSE.equals(o)) {
                    withFalse = true;
                } else {
                    ids.add(Orm.toId(o));
                }
            }
        } else if (value == null || Boolean.FALSE.equals(value)) {
            withFalse = true;
        } else {
            ids.add(Orm.toId(value));
        }
        boolean falseToo = withFalse;
        return switch (op) {
            case "=", "in" -> r -> isEmptyRel(f, r) ? falseToo : matchesIds(f, r, ids);
            case "!=", "not in" -> r -> isEmptyRel(f, r) ? !falseToo : !matchesIds(f, r, ids);
            default -> r -> {
                Object v = orm.get(r, f.name);
                return v instanceof Integer i && ids.stream().anyMatch(x -> scalar(i, null, op, x, null));
            };
        };
    }

    private boolean isEmptyRel(Field f, Rec r) {
        Object v = orm.get(r, f.name);
        return v == null || v instanceof Collection<?> c && c.isEmpty();
    }

    private static Object normalizeValue(Field f, Object value) {
        if (value instanceof LocalDateTime ldt && f != null) {
            return "date".equals(f.type) ? Orm.toDate(ldt) : Orm.toDatetime(ldt);
        }
        return value;
    }

    private static Pattern likePattern(String op, Object value) {
        if (!op.contains("like") || value instanceof Collection<?>) {
            return null;
        }
        String pat = String.valueOf(value instanceof Boolean b && !b ? "" : value);
        if (!op.startsWith("=")) {
            pat = "%" + pat + "%";
        }
        StringBuilder re = new StringBuilder();
        for (char c : pat.toCharArray()) {
            if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (op.contains("ilike") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags);
    }

    private static boolean isEmpty(Object v) {
        return v == null || Boolean.FALSE.equals(v);
    }

    static boolean scalar(Object v, Field f, String op, Object value, Pattern like) {
        switch (op) {
            case "=" -> {
                return isEmpty(value) ? isEmpty(v) : !isEmpty(v) || v instanceof Boolean ? eq(v, value) : false;
            }
            case "!=" -> {
                return isEmpty(value) ? !isEmpty(v) : !eq(v, value);
            }
            case "<", ">", "<=", ">=" -> {
                if (v == null || value == null || Boolean.FALSE.equals(value) && !(v instanceof Boolean)) {
                    return false;
                }
                int c = compare(v, value);
                return switch (op) {
                    case "<" -> c < 0;
                    case ">" -> c > 0;
                    case "<=" -> c <= 0;
                    default -> c >= 0;
                };
            }
            case "in", "not in" -> {
                Collection<?> values = value instanceof Collection<?> c ? c : List.of(value == null ? Boolean.FALSE : value);
                boolean hit = false;
                for (Object x : values) {
                    if (isEmpty(x) ? isEmpty(v) : v != null && eq(v, x)) {
                        hit = true;
                        break;
                    }
                }
                return "in".equals(op) == hit;
            }
            case "like", "ilike", "=like", "=ilike" -> {
                return v != null && !Boolean.FALSE.equals(v) && like.matcher(v.toString()).matches();
            }
            case "not like", "not ilike" -> {
                return v == null || Boolean.FALSE.equals(v) || !like.matcher(v.toString()).matches();
            }
            default -> {
                return false;
            }
        }
    }

    static boolean eq(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Boolean ba) {
            return ba == Orm.truthy(b);
        }
        if (a instanceof Number na && b instanceof Number nb) {
            return na.doubleValue() == nb.doubleValue();
        }
        if (b instanceof LocalDateTime ldt) {
            return a.toString().equals(Orm.toDatetime(ldt));
        }
        return a.equals(b) || a.toString().equals(b.toString());
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            return Double.compare(na.doubleValue(), nb.doubleValue());
        }
        if (a instanceof Boolean ba && b instanceof Boolean bb) {
            return Boolean.compare(ba, bb);
        }
        if (b instanceof LocalDateTime ldt) {
            return a.toString().compareTo(Orm.toDatetime(ldt));
        }
        return a.toString().compareTo(b.toString());
    }
}
