package io.odoohub.store;

import io.odoohub.support.Text;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dead letters in the {@code dead_letter} table. */
public final class DeadLetterStore {

    /**
     * Filters for {@link #list}; null fields do not filter. {@code reasonContains} matches the reason in any letter
     * case; {@code since} is inclusive, {@code until} exclusive.
     */
    public record Query(String flow, String status, String sourceKey, String reasonContains, Instant since, Instant until, int offset,
                        int limit) {

        public Query(String flow, String status, String sourceKey, Instant since, int offset, int limit) {
            this(flow, status, sourceKey, null, since, null, offset, limit);
        }

        public static Query all(int limit) {
            return new Query(null, null, null, null, 0, limit);
        }

        /** The same filters, on another page. */
        public Query page(int newOffset, int newLimit) {
            return new Query(flow, status, sourceKey, reasonContains, since, until, newOffset, newLimit);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final int MAX_REASON = 4000;
    private static final String COLUMNS = "id, flow, route_id, source_key, payload, reason, error_type, attempts, status, created_at,"
            + " inbox_event_id, resolved_at";

    private final DataSource dataSource;
    private final Jdbc jdbc;

    public DeadLetterStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    /** The hub's database these dead letters are in. */
    public DataSource dataSource() {
        return dataSource;
    }

    public long add(DeadLetter d) {
        String sql = "INSERT INTO dead_letter (flow, route_id, source_key, payload, reason, error_type, attempts, status, created_at,"
                + " inbox_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'dead', ?, ?)";
        long id = jdbc.insert("could not store a dead letter of flow " + d.flow(), sql, "id", d.flow(), d.routeId(),
                Text.abbreviate(d.sourceKey(), 500), d.payload(), Text.abbreviate(d.reason() == null ? "unknown" : d.reason(), MAX_REASON),
                Text.abbreviate(d.errorType(), 300), d.attempts(), Timestamp.from(Instant.now()), d.inboxEventId());
        LOG.warn("Dead letter {} in flow {} (key {}, {} attempt(s)): {}", id, d.flow(), d.sourceKey(), d.attempts(), d.reason());
        return id;
    }

    /** The newest dead letters of a flow (all flows when null). */
    public List<DeadLetter> list(String flow, int limit) {
        return list(new Query(flow, null, null, null, 0, limit));
    }

    public List<DeadLetter> list(Query q) {
        return where(q).list(dataSource, "SELECT " + COLUMNS + " FROM dead_letter", " ORDER BY id DESC LIMIT ? OFFSET ?",
                DeadLetterStore::read, "dead letters", q.limit(), q.offset());
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.one("could not read dead letter " + id, "SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?", DeadLetterStore::read, id);
    }

    /** Marks a dead letter replayed or discarded; false when it was not in status dead. */
    public boolean resolve(long id, String status) {
        return jdbc.update("could not update dead letter " + id, "UPDATE dead_letter SET status = ?, resolved_at = ? WHERE id = ? AND status = 'dead'",
                status, Timestamp.from(Instant.now()), id) == 1;
    }

    /** Every dead letter of a flow (all flows when null), whatever its status. */
    public int count(String flow) {
        return count(flow, null);
    }

    /** Dead letters still in status dead for a flow (all flows when null). */
    public int countOpen(String flow) {
        return count(flow, "dead");
    }

    private int count(String flow, String status) {
        return (int) countMatching(new Query(flow, status, null, null, 0, 0));
    }

    /** How many dead letters the query's filters select (its paging aside). */
    public long countMatching(Query q) {
        return where(q).count(dataSource, "dead_letter", "dead letters");
    }

    private static Where where(Query q) {
        return new Where().eq("flow", q.flow()).eq("status", q.status()).eq("source_key", q.sourceKey()).contains("reason", q.reasonContains())
                .since("created_at", q.since()).until("created_at", q.until());
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp(10);
        Timestamp resolved = rs.getTimestamp(12);
        long event = rs.getLong(11);
        return new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), created == null ? null : created.toInstant(),
                rs.wasNull() ? null : event, resolved == null ? null : resolved.toInstant());
    }
}
