package io.odoohub.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A sandbox model: its field definitions and its rows, with the indexes that keep writes fast
 * (unique fields, many2one back-references, arbitrary keyed indexes such as external ids).
 * Only {@link Orm} changes rows, through its journaled primitives.
 */
final class Model {

    final String name;
    final String description;
    final Map<String, Field> fields = new LinkedHashMap<>();
    final TreeMap<Integer, Rec> rows = new TreeMap<>();
    String order = "id";
    /** Field holding the display name; null when {@link #displayName} is set. */
    String recName = "name";
    Function<Rec, String> displayName;
    /** Delegation (_inherits): the parent model and the many2one that points to it. */
    String inheritsModel;
    String inheritsField;
    /** The many2one to the parent, as Odoo's {@code _parent_name} (child_of and parent_of follow it). */
    String parentName = "parent_id";
    /** Message of the recursion check on parent_id, or null when none. */
    String recursionMessage;
    /** Methods callable over RPC beyond the generic ones. */
    final Map<String, Orm.Action> actions = new HashMap<>();
    /** Checks run after create and write, in the transaction. */
    final List<Orm.Check> checks = new ArrayList<>();
    boolean manual;
    int nextId = 1;

    /** unique field -> value -> id */
    final Map<String, Map<Object, Integer>> uniqueIndex = new HashMap<>();
    /** many2one field -> target id -> ids of rows pointing to it */
    final Map<String, Map<Integer, Set<Integer>>> backRefs = new HashMap<>();
    /** named keyed indexes (unique keys, e.g. "module.name" of ir.model.data) */
    final Map<String, Function<Rec, Object>> keyFns = new HashMap<>();
    final Map<String, Map<Object, Integer>> keyIndex = new HashMap<>();

    Model(String name, String description) {
        this.name = name;
        this.description = description;
    }

    Model field(Field f) {
        fields.put(f.name, f);
        if (f.unique) {
            uniqueIndex.computeIfAbsent(f.name, k -> new HashMap<>());
        }
        if ("many2one".equals(f.type)) {
            backRefs.computeIfAbsent(f.name, k -> new HashMap<>());
        }
        return this;
    }

    void removeField(String fieldName) {
        fields.remove(fieldName);
        uniqueIndex.remove(fieldName);
        backRefs.remove(fieldName);
        for (Rec r : rows.values()) {
            r.values.remove(fieldName);
        }
    }

    Model order(String order) {
        this.order = order;
        return this;
    }

    Model keyIndex(String indexName, Function<Rec, Object> keyFn) {
        keyFns.put(indexName, keyFn);
        keyIndex.put(indexName, new HashMap<>());
        return this;
    }

    Field field(String fieldName) {
        return fields.get(fieldName);
    }

    Set<Integer> refsTo(String m2oField, int targetId) {
        Map<Integer, Set<Integer>> idx = backRefs.get(m2oField);
        if (idx == null) {
            return Set.of();
        }
        Set<Integer> s = idx.get(targetId);
        return s == null ? Set.of() : s;
    }

    void index(Rec r) {
        for (Map.Entry<String, Map<Object, Integer>> e : uniqueIndex.entrySet()) {
            Object v = r.values.get(e.getKey());
            if (v != null) {
                e.getValue().put(v, r.id);
            }
        }
        for (Map.Entry<String, Map<Integer, Set<Integer>>> e : backRefs.entrySet()) {
            Object v = r.values.get(e.getKey());
            if (v instanceof Integer target) {
                e.getValue().computeIfAbsent(target, k -> new LinkedHashSet<>()).add(r.id);
            }
        }
        for (Map.Entry<String, Function<Rec, Object>> e : keyFns.entrySet()) {
            Object key = e.getValue().apply(r);
            if (key != null) {
                // the first record under a key keeps it: a second one is what a unique check must see (a check
                // that looked the key up after this put found the new record itself, and let duplicates in)
                keyIndex.get(e.getKey()).putIfAbsent(key, r.id);
            }
        }
    }

    void unindex(Rec r) {
        for (Map.Entry<String, Map<Object, Integer>> e : uniqueIndex.entrySet()) {
            Object v = r.values.get(e.getKey());
            if (v != null) {
                e.getValue().remove(v, r.id);
            }
        }
        for (Map.Entry<String, Map<Integer, Set<Integer>>> e : backRefs.entrySet()) {
            Object v = r.values.get(e.getKey());
            if (v instanceof Integer target) {
                Set<Integer> s = e.getValue().get(target);
                if (s != null) {
                    s.remove(r.id);
                    if (s.isEmpty()) {
                        e.getValue().remove(target);
                    }
                }
            }
        }
        for (Map.Entry<String, Function<Rec, Object>> e : keyFns.entrySet()) {
            Object key = e.getValue().apply(r);
            if (key != null) {
                keyIndex.get(e.getKey()).remove(key, r.id);
            }
        }
    }
}
