package io.odoohub.sandbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Odoo's import method {@code load(fields, rows)}: string cells converted per field type, records bound by external
 * id, one2many lines on the rows that follow their record. All or nothing: one bad cell and the answer is
 * {@code ids: False} with the messages, and nothing stays written.
 */
final class Loader {

    private final Orm orm;
    private final Model model;
    private final Map<String, Map<String, Integer>> byName = new HashMap<>();
    private final Map<String, Map<String, Integer>> nameCounts = new HashMap<>();
    private int currentRecord;
    private int currentFrom;
    private int currentTo;
    private final List<Map<String, Object>> messages = new ArrayList<>();

    Loader(Orm orm, Model model) {
        this.orm = orm;
        this.model = model;
    }

    /** A record's rows: the cells of its own columns and, per one2many field, the records of its lines. */
    private static final class Chunk {
        final int from;
        final int to;
        final Map<Integer, String> cells = new LinkedHashMap<>();
        final Map<String, List<Chunk>> lines = new LinkedHashMap<>();
        List<String[]> paths;

        Chunk(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }

    private static final class CellError extends RuntimeException {
        final String field;

        CellError(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    Map<String, Object> load(List<String> fields, List<List<Object>> data) {
        List<String[]> paths = new ArrayList<>();
        for (String f : fields) {
            paths.add(f.split("/"));
        }
        List<List<String>> rows = new ArrayList<>(data.size());
        for (List<Object> row : data) {
            List<String> r = new ArrayList<>(paths.size());
            for (int i = 0; i < paths.size(); i++) {
                Object v = i < row.size() ? row.get(i) : null;
                r.add(v == null || Boolean.FALSE.equals(v) ? "" : v instanceof Boolean ? "1" : v.toString());
            }
            rows.add(r);
        }
        for (String[] p : paths) {
            String top = p[0];
            if (!"id".equals(top) && !".id".equals(top) && orm.fieldOf(model, top) == null) {
                // Odoo 18's load raises before reading any row (models.py, _extract_records): a fault, not a message
                throw OdooError.server("ValueError", "Invalid field name '" + top + "'");
            }
        }
        List<Integer> ids = new ArrayList<>();
        if (messages.isEmpty()) {
            List<Chunk> chunks = extract(model, paths, rows, 0);
            int savepoint = orm.savepoint();
            boolean failed = false;
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                currentRecord = i;
                currentFrom = c.from;
                currentTo = c.to;
                try {
                    Integer id = importRecord(model, c);
                    ids.add(id);
                } catch (CellError e) {
                    failed = true;
                    Field f = orm.fieldOf(model, e.field);
                    messages.add(message(i, c.from, c.to, e.field, f == null ? e.field : f.string, e.getMessage()));
                } catch (OdooError e) {
                    failed = true;
                    Map<String, Object> msg = new LinkedHashMap<>();
                    msg.put("rows", rowsOf(c.from, c.to));
                    msg.put("type", "error");
                    msg.put("record", i);
                    msg.put("message", e.code == 1 ? e.pyType + ": " + e.getMessage() : e.getMessage());
                    messages.add(msg);
                }
            }
            if (failed) {
                orm.rollbackTo(savepoint);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean failed = messages.stream().anyMatch(msg -> "error".equals(msg.get("type")));
        out.put("ids", failed ? Boolean.FALSE : ids);
        out.put("messages", messages);
        out.put("nextrow", 0);
        return out;
    }

    private static Map<String, Object> rowsOf(int from, int to) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("from", from);
        rows.put("to", to);
        return rows;
    }

    private static Map<String, Object> message(int record, int from, int to, String field, String label, String text) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("rows", rowsOf(from, to));
        msg.put("type", "error");
        msg.put("record", record);
        msg.put("field", field);
        msg.put("message", text);
        msg.put("field_name", label);
        return msg;
    }

    private List<Chunk> extract(Model m, List<String[]> paths, List<List<String>> rows, int base) {
        Set<Integer> o2mCols = new LinkedHashSet<>();
        Map<String, List<Integer>> o2mFields = new LinkedHashMap<>();
        for (int c = 0; c < paths.size(); c++) {
            String[] p = paths.get(c);
            Field f = orm.fieldOf(m, p[0]);
            if (f != null && "one2many".equals(f.type) && p.length > 1) {
                o2mCols.add(c);
                o2mFields.computeIfAbsent(p[0], k -> new ArrayList<>()).add(c);
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            int j = i + 1;
            while (j < rows.size() && onlyLines(rows.get(j), o2mCols)) {
                j++;
            }
            Chunk chunk = new Chunk(base + i, base + j - 1);
            chunk.paths = paths;
            List<String> row = rows.get(i);
            for (int c = 0; c < paths.size(); c++) {
                if (!o2mCols.contains(c)) {
                    chunk.cells.put(c, row.get(c));
                }
            }
            for (Map.Entry<String, List<Integer>> e : o2mFields.entrySet()) {
                List<String[]> subPaths = new ArrayList<>();
                for (int c : e.getValue()) {
                    String[] p = paths.get(c);
                    subPaths.add(java.util.Arrays.copyOfRange(p, 1, p.length));
                }
                List<List<String>> subRows = new ArrayList<>();
                int firstSub = -1;
                for (int k = i; k < j; k++) {
                    List<String> sub = new ArrayList<>();
                    boolean any = false;
                    for (int c : e.getValue()) {
                        String v = rows.get(k).get(c);
                        sub.add(v);
                        any |= !v.isEmpty();
                    }
                    if (any) {
                        if (firstSub < 0) {
                            firstSub = k;
                        }
                        subRows.add(sub);
                    }
                }
                Model target = orm.model(orm.fieldOf(m, e.getKey()).relation);
                chunk.lines.put(e.getKey(), extract(target, subPaths, subRows, base + Math.max(firstSub, i)));
            }
            chunks.add(chunk);
            i = j;
        }
        return chunks;
    }

    private static boolean onlyLines(List<String> row, Set<Integer> o2mCols) {
        if (o2mCols.isEmpty()) {
            return false;
        }
        boolean lines = false;
        for (int c = 0; c < row.size(); c++) {
            boolean empty = row.get(c).isEmpty();
            if (o2mCols.contains(c)) {
                lines |= !empty;
            } else if (!empty) {
                return false;
            }
        }
        return lines;
    }

    /** Converts and writes one record; returns its id. */
    private Integer importRecord(Model m, Chunk c) {
        String xmlid = null;
        Integer dbId = null;
        Map<String, Object> vals = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : c.cells.entrySet()) {
            String[] path = c.paths.get(e.getKey());
            String cell = e.getValue();
            String top = path[0];
            if ("id".equals(top) && path.length == 1) {
                if (!cell.isEmpty()) {
                    xmlid = cell.contains(".") ? cell : "__import__." + cell;
                }
                continue;
            }
            if (".id".equals(top) && path.length == 1) {
                if (!cell.isEmpty()) {
                    try {
                        dbId = Integer.parseInt(cell.trim());
                    } catch (NumberFormatException ex) {
                        throw new CellError("id", "'" + cell + "' does not seem to be an integer for field 'ID'");
                    }
                }
                continue;
            }
            Field f = orm.fieldOf(m, top);
            String sub = path.length > 1 ? path[1] : null;
            vals.put(top, convert(f, sub, cell));
        }
        for (Map.Entry<String, List<Chunk>> e : c.lines.entrySet()) {
            Field f = orm.fieldOf(m, e.getKey());
            Model target = orm.model(f.relation);
            List<Object> commands = new ArrayList<>();
            for (Chunk line : e.getValue()) {
                try {
                    commands.add(lineCommand(target, f, line));
                } catch (CellError err) {
                    throw new CellError(e.getKey(), err.getMessage());
                }
            }
            vals.put(e.getKey(), commands);
        }
        Integer existing = dbId;
        if (existing == null && xmlid != null) {
            existing = orm.xmlidToId(xmlid, m.name);
        }
        if (existing != null) {
            orm.write(m, List.of(existing), vals);
            return existing;
        }
        int id = orm.create(m, vals);
        if (xmlid != null) {
            Rec dangling = orm.xmlidRow(xmlid);
            if (dangling != null) {
                orm.write(orm.model("ir.model.data"), List.of(dangling.id), Map.of("res_id", id, "model", m.name));
            } else {
                orm.registerXmlid(xmlid, m.name, id);
            }
        }
        return id;
    }

    private List<Object> lineCommand(Model target, Field o2m, Chunk line) {
        String xmlid = null;
        Integer dbId = null;
        Map<String, Object> vals = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : line.cells.entrySet()) {
            String[] path = line.paths.get(e.getKey());
            String cell = e.getValue();
            if ("id".equals(path[0]) && path.length == 1) {
                xmlid = cell.isEmpty() ? null : cell.contains(".") ? cell : "__import__." + cell;
                continue;
            }
            if (".id".equals(path[0]) && path.length == 1) {
                dbId = cell.isEmpty() ? null : Integer.valueOf(cell.trim());
                continue;
            }
            Field f = orm.fieldOf(target, path[0]);
            if (f == null) {
                throw new CellError(o2m.name, "Unknown field '" + path[0] + "' on model '" + target.name + "'");
            }
            if (!cell.isEmpty()) {
                vals.put(path[0], convert(f, path.length > 1 ? path[1] : null, cell));
            }
        }
        Integer existing = dbId != null ? dbId : xmlid == null ? null : orm.xmlidToId(xmlid, target.name);
        if (existing != null) {
            return List.of(1, existing, vals);
        }
        return List.of(0, 0, vals);
    }

    private Object convert(Field f, String sub, String cell) {
        String label = f.string;
        if (cell.isEmpty()) {
            return f.x2many() ? List.of(List.of(5)) : Boolean.FALSE;
        }
        switch (f.type) {
            case "integer" -> {
                try {
                    return Integer.parseInt(cell.trim());
                } catch (NumberFormatException e) {
                    throw new CellError(f.name, "'" + cell + "' does not seem to be an integer for field '" + label + "'");
                }
            }
            case "float", "monetary" -> {
                try {
                    return Double.parseDouble(cell.trim());
                } catch (NumberFormatException e) {
                    throw new CellError(f.name, "'" + cell + "' does not seem to be a number for field '" + label + "'");
                }
            }
            case "boolean" -> {
                String v = cell.trim().toLowerCase();
                return !(v.equals("0") || v.equals("false") || v.equals("no"));
            }
            case "selection" -> {
                for (Map.Entry<String, String> e : f.selection.entrySet()) {
                    if (e.getKey().equals(cell) || e.getValue().equalsIgnoreCase(cell.trim()) || e.getKey().equalsIgnoreCase(cell.trim())) {
                        return e.getKey();
                    }
                }
                throw new CellError(f.name, "Value '" + cell + "' not found in selection field '" + label + "'");
            }
            case "date" -> {
                try {
                    return LocalDate.parse(cell.trim().length() > 10 ? cell.trim().substring(0, 10) : cell.trim()).toString();
                } catch (DateTimeParseException e) {
                    throw new CellError(f.name, "'" + cell + "' does not seem to be a valid date for field '" + label + "'");
                }
            }
            case "datetime" -> {
                try {
                    String s = cell.trim();
                    return s.length() == 10 ? LocalDate.parse(s) + " 00:00:00"
                            : Orm.DATETIME.format(LocalDateTime.parse(s.replace(' ', 'T')));
                } catch (DateTimeParseException e) {
                    throw new CellError(f.name, "'" + cell + "' does not seem to be a valid datetime for field '" + label + "'");
                }
            }
            case "many2one" -> {
                return reference(f, sub, cell.trim());
            }
            case "many2many" -> {
                List<Integer> ids = new ArrayList<>();
                for (String part : cell.split(",")) {
                    if (!part.isBlank()) {
                        ids.add(reference(f, sub, part.trim()));
                    }
                }
                return List.of(List.of(6, 0, ids));
            }
            case "one2many" -> throw new CellError(f.name, "Use sub-columns such as '" + f.name + "/id' to import one2many lines");
            default -> {
                return cell;
            }
        }
    }

    private int reference(Field f, String sub, String value) {
        if ("id".equals(sub)) {
            String xmlid = value.contains(".") ? value : "__import__." + value;
            Integer id = orm.xmlidToId(xmlid, f.relation);
            if (id == null) {
                throw new CellError(f.name, "No matching record found for external id '" + value + "' in field '" + f.string + "'");
            }
            return id;
        }
        if (".id".equals(sub)) {
            try {
                int id = Integer.parseInt(value);
                if (orm.row(f.relation, id) != null) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CellError(f.name, "No matching record found for database id '" + value + "' in field '" + f.string + "'");
        }
        Map<String, Integer> names = byName.computeIfAbsent(f.relation, rel -> {
            Map<String, Integer> map = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            Model target = orm.model(rel);
            for (Rec r : target.rows.values()) {
                if (!Boolean.FALSE.equals(r.get("active"))) {
                    String display = orm.displayName(r);
                    map.putIfAbsent(display, r.id);
                    counts.merge(display, 1, Integer::sum);
                    Object name = target.fields.containsKey("name") ? r.get("name") : null;
                    if (name instanceof String n && !n.equals(display)) {
                        map.putIfAbsent(n, r.id);
                        counts.merge(n, 1, Integer::sum);
                    }
                }
            }
            nameCounts.put(rel, counts);
            return map;
        });
        Integer id = names.get(value);
        if (id == null || orm.row(f.relation, id) == null) {
            throw new CellError(f.name, "No matching record found for name '" + value + "' in field '" + f.string + "'");
        }
        int matches = nameCounts.get(f.relation).getOrDefault(value, 1);
        if (matches > 1) {
            Map<String, Object> warning = message(currentRecord, currentFrom, currentTo, f.name, f.string,
                    "Found multiple matches for value '" + value + "' in field '" + f.string + "' (" + matches + " matches)");
            warning.put("type", "warning");
            messages.add(warning);
        }
        return id;
    }
}
