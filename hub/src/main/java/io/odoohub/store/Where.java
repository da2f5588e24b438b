package io.odoohub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The WHERE clause of a filtered listing (dead letters, sync history, the catalog): each condition is added only when
 * its value is given, and the values are bound as parameters. Column names come from the code, never from a request.
 */
public final class Where {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> args = new ArrayList<>();

    /** {@code column = value}, when the value is not null. */
    public Where eq(String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
        return this;
    }

    /** {@code column >= since}, when since is not null. */
    public Where since(String column, Instant since) {
        if (since != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            args.add(Timestamp.from(since));
        }
        return this;
    }

    /** {@code column < until}, when until is not null. */
    public Where until(String column, Instant until) {
        if (until != null) {
            sql.append(" AND ").append(column).append(" < ?");
            args.add(Timestamp.from(until));
        }
        return this;
    }

    /** The column holds {@code text} (any letter case), when text is not null; {@code %} and {@code _} match themselves. */
    public Where contains(String column, String text) {
        if (text != null) {
            String escaped = text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            sql.append(" AND LOWER(").append(column).append(") LIKE ? ESCAPE '\\'");
            args.add("%" + escaped + "%");
        }
        return this;
    }

    /** A condition without values, when {@code on}. */
    public Where when(boolean on, String condition) {
        if (on) {
            sql.append(" AND (").append(condition).append(')');
        }
        return this;
    }

    /**
     * {@code select} (SELECT ... FROM ...) with this clause, then {@code tail} (ORDER BY, LIMIT ...) whose
     * parameters are {@code tailArgs}; {@code what} names the data in the error.
     */
    public <T> List<T> list(DataSource dataSource, String select, String tail, Row<T> row, String what, Object... tailArgs) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(java.util.Arrays.asList(tailArgs));
        return new Jdbc(dataSource).list("could not read " + what, select + sql + tail, row::read, all.toArray());
    }

    /** The number of rows of {@code table} this clause selects. */
    public long count(DataSource dataSource, String table, String what) {
        return list(dataSource, "SELECT COUNT(*) FROM " + table, "", rs -> rs.getLong(1), what).get(0);
    }
}
