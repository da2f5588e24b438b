package io.odoohub.sandbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The sandbox's generic ORM: models made of {@link Field} definitions, rows kept in memory, every change made
 * through journaled primitives so that a failing call is undone whole. Callers hold {@link #transaction}.
 */
final class Orm {

    /** An RPC-callable model method: ids is the record set (may be empty for model methods). */
    interface Action {
        Object call(Orm orm, Model model, List<Integer> ids, List<Object> args, Map<String, Object> kwargs);
    }

    /** A constraint checked after create and write. */
    interface Check {
        void check(Orm orm, Rec rec, Set<String> changed);
    }

    /** The result of a method that returns None in Python: the change is committed, the answer is a marshal fault. */
    static final Object NONE = new Object();

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final Map<String, Model> models = new LinkedHashMap<>();
    private final Deque<Runnable> journal = new ArrayDeque<>();
    private boolean inTransaction;
    Map<String, Object> context = Map.of();
    /** The child model whose create is creating its _inherits parent right now (Odoo creates no extra variant then). */
    String delegating;
    final Map<String, List<CreateHook>> afterCreate = new HashMap<>();
    final Map<String, List<UnlinkHook>> beforeUnlink = new HashMap<>();

    interface CreateHook {
        void created(Orm orm, Rec rec, Map<String, Object> vals);
    }

    interface UnlinkHook {
        void unlinking(Orm orm, Rec rec);
    }

    /** Adjusts the values of a create before anything is stored (defaults that depend on other values). */
    interface PrepareHook {
        void prepare(Orm orm, Map<String, Object> vals);
    }

    final Map<String, List<PrepareHook>> prepare = new HashMap<>();

    /** Vets a write on one record before anything of it is stored (Odoo's write overrides that refuse a change). */
    interface WriteHook {
        void writing(Orm orm, Rec rec, Map<String, Object> vals);
    }

    final Map<String, List<WriteHook>> beforeWrite = new HashMap<>();

    /** Rewrites the values of one write call before anything is checked or stored (Odoo's write overrides that add values). */
    interface WriteValuesHook {
        Map<String, Object> values(Orm orm, Model m, Collection<Integer> ids, Map<String, Object> vals);
    }

    final Map<String, List<WriteValuesHook>> writeValues = new HashMap<>();

    void onWriteValues(String model, WriteValuesHook hook) {
        writeValues.computeIfAbsent(model, k -> new ArrayList<>()).add(hook);
    }

    void onWrite(String model, WriteHook hook) {
        beforeWrite.computeIfAbsent(model, k -> new ArrayList<>()).add(hook);
    }

    void onPrepare(String model, PrepareHook hook) {
        prepare.computeIfAbsent(model, k -> new ArrayList<>()).add(hook);
    }

    // ------------------------------------------------------------------ registry and transactions

    /** Defines a seed model; a second definition of one name is a mistake in the seeds (fields would be lost). */
    Model define(Model m) {
        if (models.putIfAbsent(m.name, m) != null) {
            throw new IllegalStateException("sandbox model " + m.name + " is defined twice in the seeds: add fields to the first"
                    + " definition instead");
        }
        return m;
    }

    Model model(String name) {
        Model m = models.get(name);
        if (m == null) {
            throw OdooError.user("Object " + name + " doesn't exist");
        }
        return m;
    }

    void onCreate(String model, CreateHook hook) {
        afterCreate.computeIfAbsent(model, k -> new ArrayList<>()).add(hook);
    }

    void onUnlink(String model, UnlinkHook hook) {
        beforeUnlink.computeIfAbsent(model, k -> new ArrayList<>()).add(hook);
    }

    /** Runs body as one transaction: on any exception every change it made is undone. */
    synchronized <T> T transaction(Map<String, Object> ctx, Supplier<T> body) {
        inTransaction = true;
        journal.clear();
        context = ctx == null ? Map.of() : ctx;
        endOfCall.clear();
        try {
            T result = body.get();
            while (!endOfCall.isEmpty()) {
                endOfCall.remove(0).run();
            }
            journal.clear();
            return result;
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        } finally {
            inTransaction = false;
            context = Map.of();
        }
    }

    private final List<Runnable> endOfCall = new ArrayList<>();

    /** Runs work when the call's own changes are done, still inside its transaction (e.g. after an unlink). */
    void atEndOfCall(Runnable work) {
        endOfCall.add(work);
    }

    private void rollback() {
        rollbackTo(0);
    }

    /** A point inside the current transaction that {@link #rollbackTo} can return to. */
    int savepoint() {
        return journal.size();
    }

    void rollbackTo(int savepoint) {
        while (journal.size() > savepoint) {
            journal.pop().run();
        }
    }

    // ------------------------------------------------------------------ external ids

    Integer xmlidToId(String xmlid, String model) {
        Model imd = models.get("ir.model.data");
        Integer imdId = imd.keyIndex.get("xmlid").get(xmlid);
        if (imdId == null) {
            return null;
        }
        Rec x = imd.rows.get(imdId);
        if (model != null && !model.equals(x.get("model"))) {
            return null;
        }
        Integer resId = (Integer) x.get("res_id");
        return resId != null && model(x.str("model")).rows.containsKey(resId) ? resId : null;
    }

    Rec xmlidRow(String xmlid) {
        Model imd = models.get("ir.model.data");
        Integer imdId = imd.keyIndex.get("xmlid").get(xmlid);
        return imdId == null ? null : imd.rows.get(imdId);
    }

    void registerXmlid(String xmlid, String model, int resId) {
        int dot = xmlid.indexOf('.');
        Map<String, Object> vals = new HashMap<>();
        vals.put("module", dot < 0 ? "__import__" : xmlid.substring(0, dot));
        vals.put("name", dot < 0 ? xmlid : xmlid.substring(dot + 1));
        vals.put("model", model);
        vals.put("res_id", resId);
        create(models.get("ir.model.data"), vals);
    }

    private void log(Runnable undo) {
        if (inTransaction) {
            journal.push(undo);
        }
    }

    void registerModel(Model m) {
        models.put(m.name, m);
        log(() -> models.remove(m.name));
    }

    void unregisterModel(Model m) {
        models.remove(m.name);
        log(() -> models.put(m.name, m));
    }

    void registerField(Model m, Field f) {
        m.field(f);
        log(() -> m.removeField(f.name));
    }

    void dropField(Model m, String fieldName) {
        Field f = m.fields.get(fieldName);
        if (f == null) {
            return;
        }
        Map<Integer, Object> saved = new HashMap<>();
        for (Rec r : m.rows.values()) {
            if (r.values.containsKey(fieldName)) {
                saved.put(r.id, r.values.get(fieldName));
            }
        }
        m.removeField(fieldName);
        log(() -> {
            m.field(f);
            saved.forEach((id, v) -> {
                Rec r = m.rows.get(id);
                if (r != null) {
                    m.unindex(r);
                    r.values.put(fieldName, v);
                    m.index(r);
                }
            });
        });
    }

    // ------------------------------------------------------------------ journaled primitives

    private void insertRow(Rec r) {
        Model m = r.model;
        m.rows.put(r.id, r);
        m.index(r);
        log(() -> {
            m.unindex(r);
            m.rows.remove(r.id);
        });
    }

    void setRaw(Rec r, String field, Object value) {
        Object old = r.values.get(field);
        if (Objects.equals(old, value) && (value != null || r.values.containsKey(field))) {
            return;
        }
        Model m = r.model;
        checkUnique(m, field, value, r.id);
        m.unindex(r);
        r.values.put(field, value);
        m.index(r);
        log(() -> {
            m.unindex(r);
            r.values.put(field, old);
            m.index(r);
        });
    }

    private void deleteRow(Rec r) {
        Model m = r.model;
        m.unindex(r);
        m.rows.remove(r.id);
        log(() -> {
            m.rows.put(r.id, r);
            m.index(r);
        });
    }

    private void checkUnique(Model m, String field, Object value, int selfId) {
        Map<Object, Integer> idx = m.uniqueIndex.get(field);
        if (idx == null || value == null) {
            return;
        }
        Integer other = idx.get(value);
        if (other != null && other != selfId) {
            Rec o = m.rows.get(other);
            if ("product.product".equals(m.name) && "barcode".equals(field)) {
                throw OdooError.validation("Barcode(s) already assigned:\n\n- Barcode \"" + value
                        + "\" already assigned to product(s): " + displayName(o));
            }
            Field f = m.fields.get(field);
            if (f != null && f.uniqueMessage != null) {
                throw OdooError.validation("The operation cannot be completed: " + f.uniqueMessage);
            }
            throw OdooError.validation("The operation cannot be completed: duplicate key value violates unique constraint \""
                    + m.name.replace('.', '_') + "_" + field + "_uniq\"\nDETAIL:  Key (" + field + ")=(" + value + ") already exists.");
        }
    }

    // ------------------------------------------------------------------ values

    Rec row(Model m, int id) {
        return m.rows.get(id);
    }

    Rec row(String model, Integer id) {
        return id == null ? null : model(model).rows.get(id);
    }

    /** The field of that name on the model, including fields delegated to an _inherits parent; null if none. */
    Field fieldOf(Model m, String name) {
        Field f = m.fields.get(name);
        if (f == null && m.inheritsModel != null) {
            return fieldOf(model(m.inheritsModel), name);
        }
        return f;
    }

    /** Internal value of a field on a row (computed, one2many, delegated or stored). */
    Object get(Rec r, String name) {
        if ("id".equals(name)) {
            return r.id;
        }
        Field f = r.model.fields.get(name);
        if (f == null) {
            if (r.model.inheritsModel != null) {
                Rec parent = row(r.model.inheritsModel, r.ref(r.model.inheritsField));
                return parent == null ? null : get(parent, name);
            }
            return null;
        }
        if (f.compute != null) {
            return f.compute.apply(this, r);
        }
        if ("one2many".equals(f.type)) {
            Model target = model(f.relation);
            Set<Integer> ids = target.refsTo(f.inverse, r.id);
            List<Integer> out = new ArrayList<>(ids.size());
            Field active = target.fields.get("active");
            for (Integer id : ids) {
                Rec c = target.rows.get(id);
                if (c != null && (active == null || !Boolean.FALSE.equals(c.get("active")))) {
                    out.add(id);
                }
            }
            out.sort(null);
            return out;
        }
        Object v = r.values.get(name);
        if (v == null) {
            switch (f.type) {
                case "integer" -> {
                    return 0;
                }
                case "float", "monetary" -> {
                    return 0.0;
                }
                case "boolean" -> {
                    return Boolean.FALSE;
                }
                case "many2many" -> {
                    return List.of();
                }
                default -> {
                    return null;
                }
            }
        }
        return v;
    }

    String displayName(Rec r) {
        if (r == null) {
            return null;
        }
        Model m = r.model;
        if (m.displayName != null) {
            return m.displayName.apply(r);
        }
        if (m.recName != null && fieldOf(m, m.recName) != null) {
            Object v = get(r, m.recName);
            return v == null ? "" : v.toString();
        }
        return m.name + "," + r.id;
    }

    /** The value as XML-RPC shows it: empty -> False, many2one -> [id, name], dates as strings. */
    Object export(Field f, Object v) {
        switch (f.type) {
            case "integer", "float", "monetary", "boolean" -> {
                return v;
            }
            case "many2one" -> {
                if (v == null) {
                    return Boolean.FALSE;
                }
                Rec target = row(f.relation, (Integer) v);
                if (target == null) {
                    return Boolean.FALSE;
                }
                List<Object> pair = new ArrayList<>(2);
                pair.add(v);
                pair.add(displayName(target));
                return pair;
            }
            case "one2many", "many2many" -> {
                return new ArrayList<>((Collection<?>) v);
            }
            default -> {
                return v == null ? Boolean.FALSE : v;
            }
        }
    }

    /** Converts a value received over RPC to the internal form of the field; raises as Odoo would. */
    Object convert(Model m, Field f, Object v) {
        if (v == null || (Boolean.FALSE.equals(v) && !"boolean".equals(f.type))) {
            return switch (f.type) {
                case "integer" -> 0;
                case "float", "monetary" -> 0.0;
                case "many2many" -> List.of();
                default -> null;
            };
        }
        switch (f.type) {
            case "char", "text", "html" -> {
                return v instanceof String s ? s : pyStr(v);
            }
            case "selection" -> {
                String s = v instanceof String str ? str : null;
                if (s == null || !f.selection.containsKey(s)) {
                    throw OdooError.server("ValueError", "Wrong value for " + m.name + "." + f.name + ": " + Py.repr(v));
                }
                return s;
            }
            case "integer" -> {
                return toInt(v);
            }
            case "float", "monetary" -> {
                if (f.digits != null && !(v instanceof Boolean)) {
                    double d = v instanceof Number n ? n.doubleValue() : toFloat(v);
                    return java.math.BigDecimal.valueOf(d).setScale(f.digits, java.math.RoundingMode.HALF_UP).doubleValue();
                }
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                if (v instanceof Boolean b) {
                    return b ? 1.0 : 0.0;
                }
                return toFloat(v);
            }
            case "boolean" -> {
                return truthy(v);
            }
            case "date" -> {
                return toDate(v);
            }
            case "datetime" -> {
                return toDatetime(v);
            }
            case "binary" -> {
                String b64 = v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : v.toString();
                if (f.image) {
                    checkImage(b64);
                }
                return b64;
            }
            case "many2one" -> {
                Object idv = v instanceof List<?> l && !l.isEmpty() ? l.get(0) : v;
                int id = toId(idv);
                if (row(f.relation, id) == null) {
                    throw foreignKey(m, f);
                }
                return id;
            }
            default -> throw new IllegalStateException("no conversion for " + f.type);
        }
    }

    /**
     * As Odoo's fields.Image: base64 that decodes to an image PIL can open (SVG and WEBP are taken as they are),
     * else the UserError Odoo raises.
     */
    private static void checkImage(String b64) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw OdooError.user("Image is not encoded in base64.");
        }
        if (bytes.length == 0 || bytes[0] == '<' || bytes.length >= 15 && new String(bytes, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("RIFF") && new String(bytes, 8, 7, java.nio.charset.StandardCharsets.ISO_8859_1).equals("WEBPVP8")) {
            return;
        }
        try {
            if (javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes)) != null) {
                return;
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // as PIL: not an image
        }
        throw OdooError.user("This file could not be decoded as an image file.");
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    private static String pyStr(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return v.toString();
    }

    private static double toFloat(Object v) {
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw OdooError.server("ValueError", "could not convert string to float: " + Py.repr(v));
        }
    }

    static int toInt(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l) {
            if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
                throw OdooError.server("psycopg2.errors.NumericValueOutOfRange", "integer out of range\n", Traceback.SQL);
            }
            return l.intValue();
        }
        if (v instanceof Number n) {
            return (int) n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw OdooError.server("ValueError", "invalid literal for int() with base 10: " + Py.repr(v));
        }
    }

    /** An id received over RPC: a value above the int4 range fails as PostgreSQL does. */
    static int toId(Object v) {
        if (v instanceof Long l && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
            throw OdooError.server("psycopg2.errors.NumericValueOutOfRange", "value \"" + l + "\" is out of range for type integer\n"
                    + "LINE 1: ...WHERE id = '" + String.valueOf(l).substring(0, Math.min(9, String.valueOf(l).length())) + "...\n", Traceback.SQL);
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw OdooError.server("psycopg2.errors.InvalidTextRepresentation", "invalid input syntax for type integer: \"" + s + "\"", Traceback.SQL);
            }
        }
        throw OdooError.server("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '"
                + Py.typeName(v) + "'");
    }

    static String toDate(Object v) {
        if (v instanceof LocalDateTime ldt) {
            return ldt.toLocalDate().toString();
        }
        String s = v.toString().trim();
        try {
            return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s).toString();
        } catch (DateTimeParseException e) {
            throw OdooError.server("ValueError", "time data " + Py.repr(s) + " does not match format '%Y-%m-%d'");
        }
    }

    static String toDatetime(Object v) {
        if (v instanceof LocalDateTime ldt) {
            return DATETIME.format(ldt.truncatedTo(ChronoUnit.SECONDS));
        }
        String s = v.toString().trim();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s) + " 00:00:00";
            }
            String iso = s.replace(' ', 'T');
            if (iso.length() > 19) {
                iso = iso.substring(0, 19);
            }
            return DATETIME.format(LocalDateTime.parse(iso));
        } catch (DateTimeParseException e) {
            throw OdooError.server("ValueError", "time data " + Py.repr(s) + " does not match format '%Y-%m-%d %H:%M:%S'");
        }
    }

    static String now() {
        return DATETIME.format(LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }

    static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    OdooError notNull(Model m, Field f) {
        return OdooError.validation("The operation cannot be completed:\n"
                + "- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + "Model: " + m.description + " (" + m.name + ")\n"
                + "Field: " + f.string + " (" + f.name + ")\n");
    }

    OdooError foreignKey(Model m, Field f) {
        return OdooError.validation("The operation cannot be completed: another model requires the record being deleted."
                + " If possible, archive it instead.\n\n"
                + "Model: " + m.description + " (" + m.name + ")\n"
                + "Constraint: " + m.name.replace('.', '_') + "_" + f.name + "_fkey\n");
    }

    private OdooError invalidField(Model m, String name) {
        return OdooError.server("ValueError", "Invalid field " + Py.repr(name) + " on model " + Py.repr(m.name));
    }

    // ------------------------------------------------------------------ create / write / unlink

    List<Integer> create(Model m, List<Map<String, Object>> valsList) {
        List<Integer> ids = new ArrayList<>(valsList.size());
        for (Map<String, Object> vals : valsList) {
            ids.add(create(m, vals));
        }
        return ids;
    }

    int create(Model m, Map<String, Object> valsIn) {
        Map<String, Object> vals = new LinkedHashMap<>(valsIn);
        vals.remove("id");
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (e.getKey().startsWith("default_")) {
                String fname = e.getKey().substring(8);
                if (fieldOf(m, fname) != null) {
                    vals.putIfAbsent(fname, e.getValue());
                }
            }
        }
        for (String k : vals.keySet()) {
            if (fieldOf(m, k) == null) {
                throw invalidField(m, k);
            }
        }
        for (PrepareHook hook : prepare.getOrDefault(m.name, List.of())) {
            hook.prepare(this, vals);
        }
        Map<String, Object> parentVals = null;
        if (m.inheritsModel != null) {
            parentVals = new LinkedHashMap<>();
            for (var it = vals.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!m.fields.containsKey(e.getKey())) {
                    parentVals.put(e.getKey(), e.getValue());
                    it.remove();
                }
            }
            if (vals.get(m.inheritsField) == null || Boolean.FALSE.equals(vals.get(m.inheritsField))) {
                String outer = delegating;
                delegating = m.name;
                try {
                    vals.put(m.inheritsField, create(model(m.inheritsModel), parentVals));
                } finally {
                    delegating = outer;
                }
                parentVals = null;
            }
        }
        Rec r = new Rec(m, m.nextId++);
        Map<String, Object> deferred = new LinkedHashMap<>();
        for (Field f : m.fields.values()) {
            if (!f.stored()) {
                if (vals.containsKey(f.name) && (f.inverseWrite != null || "one2many".equals(f.type))) {
                    deferred.put(f.name, vals.get(f.name));
                }
                continue;
            }
            Object value;
            if (vals.containsKey(f.name)) {
                value = "many2many".equals(f.type) ? applyM2m(f, List.of(), vals.get(f.name)) : convert(m, f, vals.get(f.name));
            } else if (f.defaultValue != null) {
                Object d = f.defaultValue.get();
                value = d == null ? null : "many2many".equals(f.type) ? applyM2m(f, List.of(), d) : convert(m, f, d);
            } else {
                value = null;
            }
            if (value != null) {
                r.values.put(f.name, value);
            }
        }
        String ts = now();
        putIfField(r, "create_date", ts);
        putIfField(r, "write_date", ts);
        putIfField(r, "create_uid", 2);
        putIfField(r, "write_uid", 2);
        for (Field f : m.fields.values()) {
            if (f.required && f.stored() && r.values.get(f.name) == null && !"boolean".equals(f.type)) {
                throw notNull(m, f);
            }
        }
        for (String unique : m.uniqueIndex.keySet()) {
            checkUnique(m, unique, r.values.get(unique), r.id);
        }
        insertRow(r);
        for (Map.Entry<String, Object> e : deferred.entrySet()) {
            Field f = m.fields.get(e.getKey());
            if ("one2many".equals(f.type)) {
                applyO2m(r, f, e.getValue());
            } else {
                f.inverseWrite.set(this, r, e.getValue());
            }
        }
        if (parentVals != null && !parentVals.isEmpty()) {
            write(model(m.inheritsModel), List.of(r.ref(m.inheritsField)), parentVals);
        }
        for (CreateHook hook : afterCreate.getOrDefault(m.name, List.of())) {
            hook.created(this, r, vals);
        }
        runChecks(r, vals.keySet());
        return r.id;
    }

    private void putIfField(Rec r, String name, Object v) {
        if (r.model.fields.containsKey(name)) {
            r.values.put(name, v);
        }
    }

    void write(Model m, Collection<Integer> ids, Map<String, Object> vals) {
        List<Integer> missing = new ArrayList<>();
        for (Integer id : ids) {
            if (!m.rows.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw OdooError.missing(m.name, missing);
        }
        for (WriteValuesHook hook : writeValues.getOrDefault(m.name, List.of())) {
            vals = hook.values(this, m, ids, vals);
        }
        for (String k : vals.keySet()) {
            if (fieldOf(m, k) == null && !"id".equals(k)) {
                throw invalidField(m, k);
            }
        }
        for (WriteHook hook : beforeWrite.getOrDefault(m.name, List.of())) {
            for (Integer id : ids) {
                hook.writing(this, m.rows.get(id), vals);
            }
        }
        Map<String, Object> parentVals = new LinkedHashMap<>();
        String ts = now();
        for (Integer id : ids) {
            Rec r = m.rows.get(id);
            for (Map.Entry<String, Object> e : vals.entrySet()) {
                String name = e.getKey();
                if ("id".equals(name)) {
                    continue;
                }
                Field f = m.fields.get(name);
                if (f == null) {
                    parentVals.put(name, e.getValue());
                    continue;
                }
                if ("one2many".equals(f.type)) {
                    applyO2m(r, f, e.getValue());
                } else if (f.compute != null) {
                    if (f.inverseWrite != null) {
                        f.inverseWrite.set(this, r, e.getValue());
                    }
                } else if ("many2many".equals(f.type)) {
                    setRaw(r, name, applyM2m(f, (List<Integer>) get(r, name), e.getValue()));
                } else {
                    Object v = convert(m, f, e.getValue());
                    if (f.required && v == null) {
                        throw notNull(m, f);
                    }
                    setRaw(r, name, v);
                }
            }
            if (!parentVals.isEmpty()) {
                write(model(m.inheritsModel), List.of(r.ref(m.inheritsField)), parentVals);
            }
            if (m.fields.containsKey("write_date")) {
                setRaw(r, "write_date", ts);
            }
            runChecks(r, vals.keySet());
        }
    }

    private void runChecks(Rec r, Set<String> changed) {
        Model m = r.model;
        if (m.recursionMessage != null && changed.contains("parent_id")) {
            Set<Integer> seen = new HashSet<>();
            Integer cur = r.id;
            while (cur != null) {
                if (!seen.add(cur)) {
                    throw OdooError.validation(m.recursionMessage);
                }
                Rec c = m.rows.get(cur);
                cur = c == null ? null : c.ref("parent_id");
            }
        }
        for (Check c : m.checks) {
            c.check(this, r, changed);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Integer> applyM2m(Field f, List<Integer> current, Object commands) {
        LinkedHashSet<Integer> ids = new LinkedHashSet<>(current);
        if (!(commands instanceof List<?> list)) {
            throw OdooError.server("ValueError", "Wrong value for " + f.name + ": " + Py.repr(commands));
        }
        Model target = model(f.relation);
        for (Object c : list) {
            if (c instanceof List<?> cmd && !cmd.isEmpty()) {
                int op = toInt(cmd.get(0));
                switch (op) {
                    case 0 -> ids.add(create(target, (Map<String, Object>) cmd.get(2)));
                    case 1 -> write(target, List.of(toId(cmd.get(1))), (Map<String, Object>) cmd.get(2));
                    case 2 -> {
                        int id = toId(cmd.get(1));
                        ids.remove(id);
                        unlink(target, List.of(id));
                    }
                    case 3 -> ids.remove(toId(cmd.get(1)));
                    case 4 -> ids.add(existing(target, f, cmd.get(1)));
                    case 5 -> ids.clear();
                    case 6 -> {
                        ids.clear();
                        for (Object o : (List<?>) cmd.get(2)) {
                            ids.add(existing(target, f, o));
                        }
                    }
                    default -> throw OdooError.server("ValueError", "Unknown x2many command " + op);
                }
            } else {
                ids.add(existing(target, f, c));
            }
        }
        return List.copyOf(ids);
    }

    private int existing(Model target, Field f, Object idv) {
        int id = toId(idv);
        if (!target.rows.containsKey(id)) {
            throw OdooError.validation("The operation cannot be completed: another model requires the record being deleted."
                    + " If possible, archive it instead.\n\nModel: " + target.description + " (" + target.name + ")\nConstraint: "
                    + f.name + "_fkey\n");
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private void applyO2m(Rec parent, Field f, Object commands) {
        if (!(commands instanceof List<?> list)) {
            throw OdooError.server("ValueError", "Wrong value for " + f.name + ": " + Py.repr(commands));
        }
        Model target = model(f.relation);
        for (Object c : list) {
            if (!(c instanceof List<?> cmd) || cmd.isEmpty()) {
                int id = existing(target, f, c);
                write(target, List.of(id), Map.of(f.inverse, parent.id));
                continue;
            }
            int op = toInt(cmd.get(0));
            switch (op) {
                case 0 -> {
                    Map<String, Object> vals = new LinkedHashMap<>((Map<String, Object>) cmd.get(2));
                    vals.put(f.inverse, parent.id);
                    create(target, vals);
                }
                case 1 -> write(target, List.of(toId(cmd.get(1))), (Map<String, Object>) cmd.get(2));
                case 2 -> unlink(target, List.of(toId(cmd.get(1))));
                case 3 -> detach(target, f, toId(cmd.get(1)));
                case 4 -> write(target, List.of(existing(target, f, cmd.get(1))), Map.of(f.inverse, parent.id));
                case 5 -> {
                    for (Integer id : new ArrayList<>(target.refsTo(f.inverse, parent.id))) {
                        detach(target, f, id);
                    }
                }
                case 6 -> {
                    Set<Integer> keep = new HashSet<>();
                    for (Object o : (List<?>) cmd.get(2)) {
                        keep.add(existing(target, f, o));
                    }
                    for (Integer id : new ArrayList<>(target.refsTo(f.inverse, parent.id))) {
                        if (!keep.contains(id)) {
                            detach(target, f, id);
                        }
                    }
                    for (Integer id : keep) {
                        write(target, List.of(id), Map.of(f.inverse, parent.id));
                    }
                }
                default -> throw OdooError.server("ValueError", "Unknown x2many command " + op);
            }
        }
    }

    private void detach(Model target, Field o2m, int id) {
        Field inv = target.fields.get(o2m.inverse);
        if (inv != null && (inv.required || inv.cascade)) {
            unlink(target, List.of(id));
        } else {
            Map<String, Object> v = new HashMap<>();
            v.put(o2m.inverse, Boolean.FALSE);
            write(target, List.of(id), v);
        }
    }

    void unlink(Model m, Collection<Integer> idsIn) {
        List<Integer> ids = new ArrayList<>(new LinkedHashSet<>(idsIn));
        List<Integer> missing = new ArrayList<>();
        for (Integer id : ids) {
            if (!m.rows.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw OdooError.missing(m.name, missing);
        }
        for (Integer id : ids) {
            Rec r = m.rows.get(id);
            for (UnlinkHook hook : beforeUnlink.getOrDefault(m.name, List.of())) {
                hook.unlinking(this, r);
            }
        }
        for (Integer id : ids) {
            Rec r = m.rows.get(id);
            if (r == null) {
                continue; // removed by a cascade above
            }
            deleteRow(r);
            for (Model other : models.values()) {
                for (Field f : other.fields.values()) {
                    if (!m.name.equals(f.relation) || f.compute != null) {
                        continue;
                    }
                    if ("many2one".equals(f.type)) {
                        for (Integer refId : new ArrayList<>(other.refsTo(f.name, id))) {
                            Rec ref = other.rows.get(refId);
                            if (ref == null) {
                                continue;
                            }
                            if (f.cascade) {
                                unlink(other, List.of(refId));
                            } else if (f.required) {
                                throw OdooError.validation("The operation cannot be completed: another model requires the record being deleted."
                                        + " If possible, archive it instead.\n\nModel: " + other.description + " (" + other.name
                                        + ")\nConstraint: " + other.name.replace('.', '_') + "_" + f.name + "_fkey\n");
                            } else {
                                setRaw(ref, f.name, null);
                            }
                        }
                    } else if ("many2many".equals(f.type)) {
                        for (Rec ref : other.rows.values()) {
                            Object v = ref.values.get(f.name);
                            if (v instanceof List<?> l && l.contains(id)) {
                                List<Integer> nl = new ArrayList<>((List<Integer>) l);
                                nl.remove(Integer.valueOf(id));
                                setRaw(ref, f.name, List.copyOf(nl));
                            }
                        }
                    }
                }
            }
            Model imd = models.get("ir.model.data");
            if (imd != null && !m.name.equals("ir.model.data")) {
                Integer binding = imd.keyIndex.get("record").get(m.name + "," + id);
                while (binding != null) {
                    deleteRow(imd.rows.get(binding));
                    binding = imd.keyIndex.get("record").get(m.name + "," + id);
                }
            }
        }
    }

    // ------------------------------------------------------------------ search and read

    List<Integer> search(Model m, List<?> domain, int offset, Integer limit, String order, boolean activeTest) {
        List<?> dom = domain == null ? List.of() : domain;
        if (activeTest && m.fields.containsKey("active") && !Domain.mentions(dom, "active")) {
            List<Object> d = new ArrayList<>();
            if (!dom.isEmpty()) {
                d.add("&");
            }
            d.add(List.of("active", "=", true));
            d.addAll(dom);
            dom = d;
        }
        Domain.Pred pred = new Domain(this, m).compile(dom);
        List<Rec> found = new ArrayList<>();
        for (Rec r : m.rows.values()) {
            if (pred.test(r)) {
                found.add(r);
            }
        }
        Comparator<Rec> cmp = comparator(m, order == null || order.isBlank() ? m.order : order);
        if (cmp != null) {
            found.sort(cmp);
        }
        int from = Math.min(offset, found.size());
        int to = limit == null || limit <= 0 ? found.size() : Math.min(found.size(), from + limit);
        List<Integer> ids = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ids.add(found.get(i).id);
        }
        return ids;
    }

    boolean activeTest() {
        Object at = context.get("active_test");
        return at == null || truthy(at);
    }

    private Comparator<Rec> comparator(Model m, String order) {
        Comparator<Rec> result = null;
        for (String part : order.split(",")) {
            String[] bits = part.trim().split("\\s+");
            if (bits[0].isEmpty()) {
                continue;
            }
            String fname = bits[0];
            boolean desc = bits.length > 1 && "desc".equalsIgnoreCase(bits[1]);
            if (!"id".equals(fname) && fieldOf(m, fname) == null) {
                throw OdooError.server("ValueError", "Invalid field " + Py.repr(fname) + " on model " + Py.repr(m.name));
            }
            Field f = fieldOf(m, fname);
            Comparator<Rec> c = (a, b) -> {
                Object va = sortKey(f, a, fname);
                Object vb = sortKey(f, b, fname);
                if (va == null || vb == null) {
                    if (va == vb) {
                        return 0;
                    }
                    // PostgreSQL: NULLS LAST ascending, NULLS FIRST descending
                    return va == null ? (desc ? -1 : 1) : (desc ? 1 : -1);
                }
                int r = Domain.compare(va, vb);
                return desc ? -r : r;
            };
            result = result == null ? c : result.thenComparing(c);
        }
        Comparator<Rec> byId = Comparator.comparingInt(r -> r.id);
        return result == null ? byId : result.thenComparing(byId);
    }

    private Object sortKey(Field f, Rec r, String fname) {
        Object v = get(r, fname);
        if (f != null && "many2one".equals(f.type) && v != null) {
            return displayName(row(f.relation, (Integer) v));
        }
        if (v instanceof Collection<?>) {
            return null;
        }
        return v;
    }

    List<Map<String, Object>> read(Model m, Collection<Integer> ids, List<String> fieldNames) {
        List<String> names = fieldNames == null || fieldNames.isEmpty() ? allFieldNames(m) : fieldNames;
        for (String n : names) {
            if (!"id".equals(n) && fieldOf(m, n) == null) {
                throw invalidField(m, n);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(ids.size());
        for (Integer id : ids) {
            Rec r = m.rows.get(id);
            if (r == null) {
                continue;
            }
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("id", id);
            for (String n : names) {
                if (!"id".equals(n)) {
                    rec.put(n, export(fieldOf(m, n), get(r, n)));
                }
            }
            out.add(rec);
        }
        return out;
    }

    List<String> allFieldNames(Model m) {
        List<String> names = new ArrayList<>(m.fields.keySet());
        if (m.inheritsModel != null) {
            for (String n : allFieldNames(model(m.inheritsModel))) {
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    // ------------------------------------------------------------------ describe

    Map<String, Object> fieldsGet(Model m, List<String> only, List<String> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : allFieldNames(m)) {
            if (only != null && !only.isEmpty() && !only.contains(n)) {
                continue;
            }
            Field f = fieldOf(m, n);
            TreeMap<String, Object> d = new TreeMap<>();
            d.put("type", f.type);
            d.put("string", f.string);
            d.put("required", f.required);
            d.put("readonly", f.readonly);
            d.put("store", f.stored() || "one2many".equals(f.type));
            d.put("searchable", true);
            d.put("sortable", f.stored() && !f.x2many());
            d.put("manual", f.manual);
            d.put("help", f.string);
            if (f.relation != null) {
                d.put("relation", f.relation);
            }
            if ("one2many".equals(f.type)) {
                d.put("relation_field", f.inverse);
            }
            if ("selection".equals(f.type)) {
                List<Object> sel = new ArrayList<>();
                f.selection.forEach((k, v) -> sel.add(List.of(k, v)));
                d.put("selection", sel);
            }
            if (attributes != null && !attributes.isEmpty()) {
                d.keySet().retainAll(attributes);
            }
            out.put(n, d);
        }
        return out;
    }
}
