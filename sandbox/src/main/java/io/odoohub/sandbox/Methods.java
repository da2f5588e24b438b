package io.odoohub.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The ORM methods callable through execute_kw, with Odoo's argument conventions (positional or by keyword). */
final class Methods {

    private static final Set<String> MAIL_THREADS = Set.of("res.partner", "crm.lead", "sale.order", "product.template", "product.product",
            "stock.quant");

    private final Orm orm;

    Methods(Orm orm) {
        this.orm = orm;
    }

    private static Object arg(List<Object> args, Map<String, Object> kw, int i, String name, Object def) {
        if (i < args.size()) {
            return args.get(i);
        }
        return kw.getOrDefault(name, def);
    }

    private static Object required(List<Object> args, Map<String, Object> kw, int i, String name, String method) {
        if (i >= args.size() && !kw.containsKey(name)) {
            throw OdooError.server("TypeError", method + "() missing 1 required positional argument: '" + name + "'");
        }
        return arg(args, kw, i, name, null);
    }

    static List<Integer> ids(Object o) {
        List<Integer> ids = new ArrayList<>();
        if (o instanceof Collection<?> c) {
            for (Object x : c) {
                ids.add(Orm.toId(x));
            }
        } else if (o != null && !Boolean.FALSE.equals(o)) {
            ids.add(Orm.toId(o));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        if (o == null || Boolean.FALSE.equals(o)) {
            return null;
        }
        if (o instanceof String s) {
            return List.of(s);
        }
        return (List<String>) o;
    }

    private static Integer intOrNull(Object o) {
        return o == null || Boolean.FALSE.equals(o) ? null : Orm.toInt(o);
    }

    private static String str(Object o) {
        return o instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> domain(Object o) {
        if (o == null || Boolean.FALSE.equals(o)) {
            return List.of();
        }
        if (!(o instanceof List<?>)) {
            throw OdooError.server("ValueError", "Invalid domain: " + Py.repr(o));
        }
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    Object call(String modelName, String method, List<Object> args, Map<String, Object> kw) {
        Model m = orm.model(modelName);
        if (method.startsWith("_")) {
            throw OdooError.access("Private methods (such as '" + modelName + "." + method + "') cannot be called remotely.");
        }
        Orm.Action action = m.actions.get(method);
        if (action != null) {
            List<Integer> ids = ids(required(args, kw, 0, "ids", method));
            return action.call(orm, m, ids, args.size() > 1 ? args.subList(1, args.size()) : List.of(), kw);
        }
        switch (method) {
            case "create" -> {
                Object vals = required(args, kw, 0, "vals_list", method);
                if (vals instanceof Map<?, ?> map) {
                    return createOne(m, (Map<String, Object>) map);
                }
                if (vals instanceof List<?> list) {
                    List<Integer> out = new ArrayList<>();
                    for (Object v : list) {
                        if (!(v instanceof Map<?, ?>)) {
                            throw OdooError.server("AttributeError", "'" + Py.typeName(v) + "' object has no attribute 'items'");
                        }
                        out.add(createOne(m, (Map<String, Object>) v));
                    }
                    return out;
                }
                throw OdooError.server("AttributeError", "'" + Py.typeName(vals) + "' object has no attribute 'items'");
            }
            case "write" -> {
                List<Integer> ids = ids(required(args, kw, 0, "ids", method));
                Object vals = required(args, kw, 1, "vals", method);
                if (!(vals instanceof Map<?, ?>)) {
                    throw OdooError.server("AttributeError", "'" + Py.typeName(vals) + "' object has no attribute 'items'");
                }
                orm.write(m, ids, (Map<String, Object>) vals);
                return true;
            }
            case "unlink" -> {
                orm.unlink(m, ids(required(args, kw, 0, "ids", method)));
                return true;
            }
            case "read" -> {
                List<Integer> ids = ids(required(args, kw, 0, "ids", method));
                return orm.read(m, ids, strings(arg(args, kw, 1, "fields", null)));
            }
            case "search" -> {
                List<Integer> ids = orm.search(m, domain(required(args, kw, 0, "domain", method)), offset(arg(args, kw, 1, "offset", 0)),
                        intOrNull(arg(args, kw, 2, "limit", null)), str(arg(args, kw, 3, "order", null)), orm.activeTest());
                return Orm.truthy(kw.get("count")) ? (Object) ids.size() : ids;
            }
            case "search_count" -> {
                List<Integer> ids = orm.search(m, domain(arg(args, kw, 0, "domain", List.of())), 0, intOrNull(arg(args, kw, 1, "limit", null)),
                        "id", orm.activeTest());
                return ids.size();
            }
            case "search_read" -> {
                List<Integer> ids = orm.search(m, domain(arg(args, kw, 0, "domain", List.of())), offset(arg(args, kw, 2, "offset", 0)),
                        intOrNull(arg(args, kw, 3, "limit", null)), str(arg(args, kw, 4, "order", null)), orm.activeTest());
                return orm.read(m, ids, strings(arg(args, kw, 1, "fields", null)));
            }
            case "fields_get" -> {
                return orm.fieldsGet(m, strings(arg(args, kw, 0, "allfields", null)), strings(arg(args, kw, 1, "attributes", null)));
            }
            case "load" -> {
                List<String> fields = strings(required(args, kw, 0, "fields", method));
                List<List<Object>> data = (List<List<Object>>) required(args, kw, 1, "data", method);
                return new Loader(orm, m).load(fields, data);
            }
            case "read_group" -> {
                return readGroup(m, domain(required(args, kw, 0, "domain", method)), strings(required(args, kw, 1, "fields", method)),
                        strings(required(args, kw, 2, "groupby", method)), offset(arg(args, kw, 3, "offset", 0)),
                        intOrNull(arg(args, kw, 4, "limit", null)), Orm.truthy(arg(args, kw, 6, "lazy", true)));
            }
            case "name_search" -> {
                return nameSearch(m, str(arg(args, kw, 0, "name", "")), domain(arg(args, kw, 1, "domain", kw.get("args"))),
                        String.valueOf(arg(args, kw, 2, "operator", "ilike")), intOrNull(arg(args, kw, 3, "limit", 100)));
            }
            case "name_create" -> {
                String name = String.valueOf(required(args, kw, 0, "name", method));
                int id = orm.create(m, new LinkedHashMap<>(Map.of(m.recName == null ? "name" : m.recName, name)));
                return List.of(id, orm.displayName(m.rows.get(id)));
            }
            case "copy" -> {
                List<Integer> ids = ids(required(args, kw, 0, "ids", method));
                Object def = arg(args, kw, 1, "default", null);
                List<Integer> out = new ArrayList<>();
                for (Integer id : ids) {
                    out.add(copy(m, id, def instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of()));
                }
                return out.size() == 1 ? out.get(0) : out;
            }
            case "default_get" -> {
                return defaultGet(m, strings(required(args, kw, 0, "fields_list", method)));
            }
            case "check_access_rights" -> {
                return true;
            }
            case "has_access" -> {
                // Odoo 18: (ids, operation); the sandbox's one user is the administrator, who may do everything
                String operation = String.valueOf(required(args, kw, 1, "operation", method));
                if (!Set.of("create", "read", "write", "unlink").contains(operation)) {
                    throw OdooError.server("AssertionError", "Invalid access mode");
                }
                return true;
            }
            case "exists" -> {
                List<Integer> out = new ArrayList<>();
                for (Integer id : ids(required(args, kw, 0, "ids", method))) {
                    if (m.rows.containsKey(id)) {
                        out.add(id);
                    }
                }
                return out;
            }
            case "action_archive", "action_unarchive" -> {
                if (!m.fields.containsKey("active")) {
                    throw unknown(m, method);
                }
                orm.write(m, ids(required(args, kw, 0, "ids", method)), Map.of("active", "action_unarchive".equals(method)));
                return Orm.NONE;
            }
            case "message_post" -> {
                if (!MAIL_THREADS.contains(m.name)) {
                    throw unknown(m, method);
                }
                return messagePost(m, ids(required(args, kw, 0, "ids", method)), kw);
            }
            default -> throw unknown(m, method);
        }
    }

    private int createOne(Model m, Map<String, Object> vals) {
        if ("stock.quant".equals(m.name) && vals.get("product_id") instanceof Integer p && vals.get("location_id") instanceof Integer l) {
            // inventory mode: a second quant for the same product and location updates the first
            for (Integer qid : m.refsTo("product_id", p)) {
                Rec q = m.rows.get(qid);
                if (l.equals(q.ref("location_id"))) {
                    Map<String, Object> v = new LinkedHashMap<>(vals);
                    v.remove("product_id");
                    v.remove("location_id");
                    orm.write(m, List.of(qid), v);
                    return qid;
                }
            }
        }
        return orm.create(m, vals);
    }

    private static int offset(Object o) {
        return o == null || Boolean.FALSE.equals(o) ? 0 : Orm.toInt(o);
    }

    private static OdooError unknown(Model m, String method) {
        return OdooError.server("AttributeError", "The method '" + m.name + "." + method + "' does not exist", Traceback.GET_PUBLIC_METHOD);
    }

    private Object messagePost(Model m, List<Integer> ids, Map<String, Object> kw) {
        if (ids.size() != 1) {
            throw OdooError.server("ValueError", "Expected singleton: " + m.name + Py.repr(ids).replace('[', '(').replace(']', ')'));
        }
        Rec r = ModelBehaviour.existing(orm, m, ids.get(0));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("model", m.name);
        v.put("res_id", r.id);
        Object body = kw.getOrDefault("body", "");
        String text = body == null || Boolean.FALSE.equals(body) ? "" : body.toString();
        if (!Orm.truthy(kw.get("body_is_html")) && !text.startsWith("<")) {
            text = "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>";
        }
        v.put("body", text);
        if (kw.get("subject") instanceof String s) {
            v.put("subject", s);
        }
        v.put("message_type", kw.getOrDefault("message_type", "notification"));
        if (kw.get("partner_ids") instanceof List<?> p) {
            v.put("partner_ids", List.of(List.of(6, 0, p)));
        }
        if (kw.get("author_id") instanceof Integer a) {
            v.put("author_id", a);
        }
        return orm.create(orm.model("mail.message"), v);
    }

    private int copy(Model m, int id, Map<String, Object> defaults) {
        Rec r = ModelBehaviour.existing(orm, m, id);
        Map<String, Object> vals = new LinkedHashMap<>();
        for (Field f : m.fields.values()) {
            if (!f.stored() || f.unique || f.readonly || "id".equals(f.name) || f.name.endsWith("_date") && f.name.startsWith("create")) {
                continue;
            }
            Object v = r.get(f.name);
            if (v != null) {
                vals.put(f.name, "many2many".equals(f.type) ? List.of(List.of(6, 0, v)) : v);
            }
        }
        if (vals.get("name") instanceof String n && fieldOf(m, "name") != null && "char".equals(fieldOf(m, "name").type)) {
            vals.put("name", n + " (copy)");
        }
        if (m.inheritsModel != null) {
            vals.remove(m.inheritsField);
        }
        vals.putAll(defaults);
        return orm.create(m, vals);
    }

    private Field fieldOf(Model m, String name) {
        return orm.fieldOf(m, name);
    }

    private Map<String, Object> defaultGet(Model m, List<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : fields == null ? orm.allFieldNames(m) : fields) {
            Field f = orm.fieldOf(m, n);
            if (f == null || f.defaultValue == null) {
                continue;
            }
            Object d = f.defaultValue.get();
            if (d == null) {
                continue;
            }
            // default_get answers raw values: a many2one is its id, not [id, name]
            Object v = f.x2many() ? d : orm.convert(m, f, d);
            out.put(n, f.x2many() || "many2one".equals(f.type) ? v : orm.export(f, v));
        }
        return out;
    }

    private List<Object> nameSearch(Model m, String name, List<Object> domain, String operator, Integer limit) {
        List<Object> out = new ArrayList<>();
        List<Integer> ids = orm.search(m, domain, 0, null, null, orm.activeTest());
        java.util.regex.Pattern p = null;
        for (Integer id : ids) {
            Rec r = m.rows.get(id);
            String dn = orm.displayName(r);
            boolean ok = name == null || name.isEmpty()
                    || Domain.scalar(dn, null, operator, name, likeFor(operator, name));
            if (ok) {
                out.add(List.of(id, dn));
                if (limit != null && limit > 0 && out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    private static java.util.regex.Pattern likeFor(String op, String value) {
        if (!op.contains("like")) {
            return null;
        }
        String pat = op.startsWith("=") ? value : "%" + value + "%";
        StringBuilder re = new StringBuilder();
        for (char c : pat.toCharArray()) {
            re.append(c == '%' ? ".*" : c == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return java.util.regex.Pattern.compile(re.toString(), op.contains("ilike")
                ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE | java.util.regex.Pattern.DOTALL
                : java.util.regex.Pattern.DOTALL);
    }

    private List<Object> readGroup(Model m, List<Object> domain, List<String> fields, List<String> groupby, int offset, Integer limit,
                                   boolean lazy) {
        if (groupby == null || groupby.isEmpty()) {
            groupby = List.of();
        }
        String gb = groupby.isEmpty() ? null : groupby.get(0).split(":")[0];
        Field gf = gb == null ? null : orm.fieldOf(m, gb);
        if (gb != null && gf == null) {
            throw OdooError.server("ValueError", "Invalid field " + Py.repr(gb) + " on model " + Py.repr(m.name));
        }
        List<Integer> ids = orm.search(m, domain, 0, null, null, orm.activeTest());
        TreeMap<Object, List<Rec>> groups = new TreeMap<>((a, b) -> {
            if (a == NULL_KEY || b == NULL_KEY) {
                return a == b ? 0 : a == NULL_KEY ? 1 : -1;
            }
            if (a instanceof Keyed ka && b instanceof Keyed kb) {
                return ka.compareTo(kb);
            }
            return Domain.compare(a, b);
        });
        for (Integer id : ids) {
            Rec r = m.rows.get(id);
            Object key;
            Object raw = gb == null ? null : orm.get(r, gb);
            if (gb == null) {
                key = "all";
            } else if (gf.x2many()) {
                key = raw == null || ((List<?>) raw).isEmpty() ? NULL_KEY : ((List<?>) raw).get(0);
            } else {
                key = raw == null || Boolean.FALSE.equals(raw) && !"boolean".equals(gf.type) ? NULL_KEY : raw;
            }
            if ("many2one".equals(gf == null ? "" : gf.type) && key != NULL_KEY) {
                // order many2one groups by the target's name, like Odoo's default order
                Object sortKey = orm.displayName(orm.row(gf.relation, (Integer) key));
                key = new Keyed(sortKey, key);
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Object> out = new ArrayList<>();
        int index = 0;
        for (Map.Entry<Object, List<Rec>> e : groups.entrySet()) {
            if (index++ < offset) {
                continue;
            }
            if (limit != null && limit > 0 && out.size() >= limit) {
                break;
            }
            Object key = e.getKey() instanceof Keyed k ? k.value : e.getKey();
            Map<String, Object> g = new LinkedHashMap<>();
            if (gb != null) {
                Object internal = key == NULL_KEY ? null : key;
                g.put(gb, gf.x2many() ? (internal == null ? Boolean.FALSE : orm.export(
                        Field.of(gb, "many2one", gf.string).rel(gf.relation), internal)) : orm.export(gf, internal));
                g.put(lazy ? gb + "_count" : "__count", e.getValue().size());
                if (lazy && groupby.size() > 1) {
                    g.put("__context", Map.of("group_by", groupby.subList(1, groupby.size())));
                }
            } else {
                g.put("__count", e.getValue().size());
            }
            for (String spec : fields == null ? List.<String>of() : fields) {
                aggregate(m, spec, gb, e.getValue(), g);
            }
            List<Object> dom = new ArrayList<>();
            if (gb != null) {
                List<Object> leaf = new ArrayList<>();
                leaf.add(gb);
                leaf.add("=");
                leaf.add(key == NULL_KEY ? Boolean.FALSE : key);
                if (!domain.isEmpty()) {
                    dom.add("&");
                    dom.addAll(Domain.normalize(domain));
                }
                dom.add(leaf);
            } else {
                dom.addAll(domain);
            }
            g.put("__domain", dom);
            out.add(g);
        }
        return out;
    }

    private static final Object NULL_KEY = new Object();

    private record Keyed(Object sortKey, Object value) implements Comparable<Keyed> {
        @Override
        public int compareTo(Keyed o) {
            int c = Domain.compare(sortKey, o.sortKey);
            return c != 0 ? c : Domain.compare(value, o.value);
        }
    }

    private void aggregate(Model m, String spec, String gb, List<Rec> rows, Map<String, Object> g) {
        String alias;
        String fname;
        String func;
        int colon = spec.indexOf(':');
        if (colon < 0) {
            alias = spec;
            fname = spec;
            func = null;
        } else {
            alias = spec.substring(0, colon);
            String rest = spec.substring(colon + 1);
            int paren = rest.indexOf('(');
            if (paren >= 0) {
                func = rest.substring(0, paren);
                fname = rest.substring(paren + 1, rest.length() - 1);
            } else {
                func = rest;
                fname = alias;
            }
        }
        if (fname.equals(gb) || "__count".equals(fname)) {
            return;
        }
        Field f = orm.fieldOf(m, fname);
        if (f == null && !"id".equals(fname)) {
            throw OdooError.server("ValueError", "Invalid field " + Py.repr(fname) + " on model " + Py.repr(m.name));
        }
        if (func == null) {
            if (f == null || !f.numeric()) {
                return;
            }
            func = "sum";
        }
        boolean integer = f == null || "integer".equals(f.type) || "many2one".equals(f.type);
        switch (func) {
            case "count" -> g.put(alias, rows.size());
            case "count_distinct" -> {
                Set<Object> distinct = new HashSet<>();
                for (Rec r : rows) {
                    Object v = orm.get(r, fname);
                    if (v != null) {
                        distinct.add(v);
                    }
                }
                g.put(alias, distinct.size());
            }
            case "sum", "avg", "min", "max" -> {
                long lsum = 0;
                double dsum = 0;
                Double min = null;
                Double max = null;
                for (Rec r : rows) {
                    Object v = orm.get(r, fname);
                    double d = v instanceof Number n ? n.doubleValue() : 0;
                    lsum += v instanceof Number n ? n.longValue() : 0;
                    dsum += d;
                    min = min == null ? d : Math.min(min, d);
                    max = max == null ? d : Math.max(max, d);
                }
                Object result = switch (func) {
                    case "sum" -> integer ? (Object) lsum : (Object) Seed.round2(dsum);
                    case "avg" -> rows.isEmpty() ? Boolean.FALSE : dsum / rows.size();
                    case "min" -> min == null ? Boolean.FALSE : integer ? (Object) (long) (double) min : min;
                    default -> max == null ? Boolean.FALSE : integer ? (Object) (long) (double) max : max;
                };
                g.put(alias, result);
            }
            default -> throw OdooError.server("ValueError", "Invalid aggregation function " + Py.repr(func) + ".");
        }
    }
}
