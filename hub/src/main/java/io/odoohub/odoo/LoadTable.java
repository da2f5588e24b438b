package io.odoohub.odoo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns and records of one {@code load} call, built from maps: a key is a load column ({@code id},
 * {@code name}, {@code categ_id/id}); a value that is a List of Maps is a one2many whose maps become sub-rows
 * ({@code order_line} -> {@code order_line/product_id/id}, ...). Values are turned into the strings load expects.
 */
public record LoadTable(List<String> fields, List<LoadRecord> records) {

    public static LoadTable fromMaps(List<? extends Map<String, ?>> maps) {
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, ?> m : maps) {
            columns.addAll(columnsOf(m));
        }
        List<String> fields = List.copyOf(columns);
        List<LoadRecord> records = new ArrayList<>(maps.size());
        for (Map<String, ?> m : maps) {
            records.add(toRecord(fields, m));
        }
        return new LoadTable(fields, records);
    }

    /**
     * The positions of {@code maps} grouped by the columns each names (one2many sub-columns included), groups in the
     * order of their first map: in one load call a column a record lacks would be an empty cell, and load empties the
     * field for an empty cell. So maps are loaded one call per group.
     */
    public static List<List<Integer>> groupsByColumns(List<? extends Map<String, ?>> maps) {
        Map<Set<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < maps.size(); i++) {
            groups.computeIfAbsent(columnsOf(maps.get(i)), k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(groups.values());
    }

    private static Set<String> columnsOf(Map<String, ?> m) {
        Set<String> columns = new LinkedHashSet<>();
        for (Map.Entry<String, ?> e : m.entrySet()) {
            if (e.getValue() instanceof List<?> sub && !sub.isEmpty() && sub.get(0) instanceof Map<?, ?>) {
                for (Object row : sub) {
                    for (Object k : ((Map<?, ?>) row).keySet()) {
                        columns.add(e.getKey() + "/" + k);
                    }
                }
            } else {
                columns.add(e.getKey());
            }
        }
        return columns;
    }

    private static LoadRecord toRecord(List<String> fields, Map<String, ?> m) {
        List<List<String>> rows = new ArrayList<>();
        String[] first = new String[fields.size()];
        int subRows = 0;
        for (int c = 0; c < fields.size(); c++) {
            String col = fields.get(c);
            int slash = col.indexOf('/');
            Object direct = m.get(col);
            if (direct != null || m.containsKey(col)) {
                first[c] = cell(direct);
            } else if (slash > 0 && m.get(col.substring(0, slash)) instanceof List<?> sub) {
                subRows = Math.max(subRows, sub.size());
            }
        }
        rows.add(filled(first));
        for (int r = 0; r < subRows; r++) {
            String[] row = new String[fields.size()];
            for (int c = 0; c < fields.size(); c++) {
                String col = fields.get(c);
                int slash = col.indexOf('/');
                if (slash > 0 && m.get(col.substring(0, slash)) instanceof List<?> sub && r < sub.size()) {
                    row[c] = cell(((Map<?, ?>) sub.get(r)).get(col.substring(slash + 1)));
                }
            }
            if (r == 0) {
                // the first sub-row shares the record's own row
                for (int c = 0; c < row.length; c++) {
                    if (row[c] != null) {
                        rows.get(0).set(c, row[c]);
                    }
                }
            } else {
                rows.add(filled(row));
            }
        }
        return new LoadRecord(rows);
    }

    private static List<String> filled(String[] cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (String s : cells) {
            row.add(s == null ? "" : s);
        }
        return row;
    }

    /** Load reads every cell as a string: booleans as 1/0, numbers without exponent, null as empty. */
    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(v.toString()).toPlainString();
        }
        return v.toString();
    }
}
