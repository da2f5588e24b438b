package io.odoohub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stores' one way to the database: a statement on a connection of its own (auto-commit), or several in one
 * transaction. Values are bound as parameters ({@link Instant} as a timestamp); an {@link SQLException} leaves as the
 * store's own runtime exception, made by its {@link Failure} from the message it names ({@code "could not read X"}).
 * The static methods run on a connection the caller already holds, inside {@link #withConnection} or
 * {@link #inTransaction}, and let SQLException through so that the transaction decides.
 *
 * <p>Several nodes may share the database. A row that any of them may be first to write is written with
 * {@link #insertUnlessTaken} (an insert that answers false, instead of failing, when the key is taken, by a row that
 * was there or that another node inserted meanwhile) or {@link #upsert} (update; if there was no row, insert; if the key
 * was taken meanwhile, update again). Both are plain statements and a unique-key violation (SQLState 23505), the same
 * on H2 2.x and PostgreSQL: no {@code MERGE} (not safe against concurrent inserts on PostgreSQL) and no
 * {@code ON CONFLICT} (PostgreSQL's only). Inside a transaction the insert runs under a savepoint, so that a taken key
 * leaves the transaction usable (PostgreSQL aborts a transaction at its first error).
 */
public final class Jdbc {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Binds one item of a batch to the statement's parameters. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    /** Turns a failed statement into the store's exception; {@code what} says what failed. */
    @FunctionalInterface
    public interface Failure {
        RuntimeException wrap(String what, SQLException e);
    }

    /** The stores' usual exception: {@code IllegalStateException("<what>: <the database's message>")}. */
    public static final Failure ILLEGAL_STATE = (what, e) -> new IllegalStateException(what + ": " + e.getMessage(), e);

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Failure failure;

    public Jdbc(DataSource dataSource) {
        this(dataSource, ILLEGAL_STATE);
    }

    public Jdbc(DataSource dataSource, Failure failure) {
        this.dataSource = dataSource;
        this.failure = failure;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Every row of the query. */
    public <T> List<T> list(String what, String sql, Row<T> row, Object... args) {
        return withConnection(what, c -> list(c, sql, row, args));
    }

    /** The first row of the query, empty when there is none (or when the row reads as null). */
    public <T> Optional<T> one(String what, String sql, Row<T> row, Object... args) {
        return withConnection(what, c -> one(c, sql, row, args));
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public int update(String what, String sql, Object... args) {
        return withConnection(what, c -> update(c, sql, args));
    }

    /** Runs an INSERT and returns the generated value of {@code keyColumn}. */
    public long insert(String what, String sql, String keyColumn, Object... args) {
        return withConnection(what, c -> insert(c, sql, keyColumn, args));
    }

    /** {@link #insertUnlessTaken(Connection, String, Object...)} on a connection of its own. */
    public boolean insertUnlessTaken(String what, String insertSql, Object... args) {
        return withConnection(what, c -> insertUnlessTaken(c, insertSql, args));
    }

    /** {@link #upsert(Connection, String, Object[], String, Object[])} on a connection of its own. */
    public boolean upsert(String what, String updateSql, Object[] updateArgs, String insertSql, Object[] insertArgs) {
        return withConnection(what, c -> upsert(c, updateSql, updateArgs, insertSql, insertArgs));
    }

    /** Work on one connection in auto-commit mode: each statement commits on its own. */
    public <T> T withConnection(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure.wrap(what, e);
        }
    }

    /**
     * Work in one transaction: committed when it returns, rolled back when it throws (an SQLException leaves wrapped,
     * anything else as it is). The connection's auto-commit is restored either way.
     */
    public <T> T inTransaction(String what, Work<T> work) {
        return withConnection(what, c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    /** Whether the exception (or its cause) is a unique-key violation: the key is taken. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs an INSERT unless its key is taken: true when this call inserted the row, false when a row with its key was
     * there or another node inserted one meanwhile (that row is left as it is). Any other failure leaves as it is.
     */
    public static boolean insertUnlessTaken(Connection c, String insertSql, Object... args) throws SQLException {
        Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            update(c, insertSql, args);
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            if (before != null) {
                c.rollback(before);
            }
            return false;
        }
        if (before != null) {
            c.releaseSavepoint(before);
        }
        return true;
    }

    /**
     * Writes a row whatever node writes it first: runs the UPDATE; when it changed no row, the INSERT; when the key was
     * taken meanwhile (another node inserted the row between the two), the UPDATE again, on that row. Answers whether
     * this call inserted the row (false: it updated it). Each call writes once, so the row holds the last writer's
     * values. The UPDATE has no condition but the row's key (a row it leaves unchanged is taken for missing).
     */
    public static boolean upsert(Connection c, String updateSql, Object[] updateArgs, String insertSql, Object[] insertArgs) throws SQLException {
        if (update(c, updateSql, updateArgs) > 0) {
            return false;
        }
        if (insertUnlessTaken(c, insertSql, insertArgs)) {
            return true;
        }
        update(c, updateSql, updateArgs); // another node's row, inserted since the first UPDATE
        return false;
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    public static long insert(Connection c, String sql, String keyColumn, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {keyColumn})) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated " + keyColumn + " for: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    /** One statement run once per item, sent as one batch; the update count of each item, in order. */
    public static <T> int[] batch(Connection c, String sql, Collection<T> items, Binder<? super T> binder) throws SQLException {
        if (items.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** Binds the values in order; an {@link Instant} as a {@link Timestamp}. */
    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            ps.setObject(i + 1, a instanceof Instant t ? Timestamp.from(t) : a);
        }
    }

    /** A nullable timestamp column as an Instant. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
