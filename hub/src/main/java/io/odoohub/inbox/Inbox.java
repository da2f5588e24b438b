package io.odoohub.inbox;

import io.odoohub.store.Jdbc;
import io.odoohub.support.Text;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The inbox: every inbound event is stored here before it is acknowledged, and drains claim events in batches
 * under a lease. A process that dies with events claimed loses nothing: when the lease runs out they are claimed
 * again. A second delivery with the same (source, dedupe key) is not stored again. Events of one entity are
 * claimed one at a time, in the order they arrived.
 *
 * <p>On PostgreSQL, claims lock with {@code FOR UPDATE SKIP LOCKED}, so several runtimes can drain one inbox.
 */
public final class Inbox {

    /** Result of {@link #store}: the event's id, and whether it was already there. */
    public record Receipt(long id, boolean duplicate) {
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERT = "INSERT INTO inbox_event (flow, source, event_type, dedupe_key, entity_key, source_updated_at,"
            + " payload, received_at, status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)";
    private static final String COLUMNS = "id, flow, source, event_type, dedupe_key, entity_key, source_updated_at, payload,"
            + " received_at, attempts";

    private final Jdbc jdbc;
    private final boolean postgres;
    private final Clock clock;

    public Inbox(DataSource dataSource, boolean postgres, Clock clock) {
        this.jdbc = new Jdbc(dataSource, (what, ex) -> new InboxException(what + ": " + ex.getMessage(), ex));
        this.postgres = postgres;
        this.clock = clock;
    }

    /** Stores the event (committed when this returns), or finds the one already stored under its dedupe key. */
    public Receipt store(NewEvent e) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.withConnection("could not store an event of " + e.source() + " in the inbox", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
                return new Receipt(insert(ps, e, now), false);
            } catch (SQLException ex) {
                if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
                    throw ex;
                }
            }
            return Jdbc.one(c, "SELECT id FROM inbox_event WHERE source = ? AND dedupe_key = ?", rs -> new Receipt(rs.getLong(1), true),
                    e.source(), e.dedupeKey()).orElseThrow(() -> new SQLException("a unique violation, and no event under its dedupe key"));
        });
    }

    /** Inserts one pending event with the statement {@link #INSERT}; returns its id. */
    private static long insert(PreparedStatement ps, NewEvent e, Timestamp now) throws SQLException {
        ps.setString(1, e.flow());
        ps.setString(2, e.source());
        ps.setString(3, e.type());
        ps.setString(4, e.dedupeKey());
        ps.setString(5, e.entityKey());
        ps.setTimestamp(6, e.sourceUpdatedAt() == null ? null : Timestamp.from(e.sourceUpdatedAt()));
        ps.setString(7, e.payload());
        ps.setTimestamp(8, now);
        ps.setTimestamp(9, now);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /**
     * Stores several events in one transaction (one commit), each either new or found under its dedupe key.
     * Receipts come back in the input's order. Committed when this returns.
     */
    public List<Receipt> storeAll(List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Receipt[] receipts = new Receipt[events.size()];
        Map<String, Integer> firstOf = new HashMap<>();
        try {
            return jdbc.inTransaction("could not store " + events.size() + " event(s) in the inbox", c -> {
                Map<String, Long> existing = existingIds(c, events);
                Timestamp now = Timestamp.from(clock.instant());
                try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
                    for (int i = 0; i < events.size(); i++) {
                        NewEvent e = events.get(i);
                        String key = e.source() + "\u0000" + e.dedupeKey();
                        Long found = existing.get(key);
                        Integer first = firstOf.get(key);
                        if (found != null) {
                            receipts[i] = new Receipt(found, true);
                        } else if (first != null) {
                            receipts[i] = new Receipt(receipts[first].id(), true);
                        } else {
                            receipts[i] = new Receipt(insert(ps, e, now), false);
                            firstOf.put(key, i);
                        }
                    }
                }
                return List.of(receipts);
            });
        } catch (InboxException ex) {
            if (!Jdbc.isUniqueViolation(ex)) {
                throw ex;
            }
        }
        // another node stored one of them meanwhile: one at a time
        List<Receipt> out = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            out.add(store(e));
        }
        return out;
    }

    /** Ids of events already stored under the batch's (source, dedupe key) pairs: one seek of the unique index each. */
    private static Map<String, Long> existingIds(Connection c, List<NewEvent> events) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM inbox_event WHERE source = ? AND dedupe_key = ?")) {
            for (NewEvent e : events) {
                String key = e.source() + "\u0000" + e.dedupeKey();
                if (out.containsKey(key)) {
                    continue;
                }
                ps.setString(1, e.source());
                ps.setString(2, e.dedupeKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(key, rs.getLong(1));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Claims up to {@code max} due events of a flow for {@code lease}: pending, due, not leased (or the lease ran
     * out), and the oldest unfinished event of their entity. Each claim counts as an attempt.
     */
    public List<InboxEvent> claim(String flow, int max, Duration lease, String owner) {
        Instant now = clock.instant();
        String select = "SELECT e.id FROM inbox_event e WHERE e.flow = ? AND e.status = 'pending' AND e.next_attempt_at <= ?"
                + " AND (e.lease_until IS NULL OR e.lease_until < ?)"
                + " AND (e.entity_key IS NULL OR NOT EXISTS (SELECT 1 FROM inbox_event o WHERE o.flow = e.flow"
                + " AND o.entity_key = e.entity_key AND o.status = 'pending' AND o.id < e.id))"
                + " ORDER BY e.id LIMIT ?" + (postgres ? " FOR UPDATE OF e SKIP LOCKED" : "");
        String update = "UPDATE inbox_event SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE id = ?"
                + " AND status = 'pending' AND (lease_until IS NULL OR lease_until < ?)";
        return jdbc.inTransaction("could not claim events of flow " + flow, c -> {
            List<Long> ids = Jdbc.list(c, select, rs -> rs.getLong(1), flow, Timestamp.from(now), Timestamp.from(now), max);
            int[] counts = Jdbc.batch(c, update, ids, (ps, id) -> {
                ps.setString(1, owner);
                ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
                ps.setLong(3, id);
                ps.setTimestamp(4, Timestamp.from(now));
            });
            List<Long> claimed = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                // another node took it between the select and the update (H2 has no SKIP LOCKED)
                if (counts[i] == 1) {
                    claimed.add(ids.get(i));
                }
            }
            return read(c, claimed);
        });
    }

    private static List<InboxEvent> read(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        String sql = "SELECT " + COLUMNS + " FROM inbox_event WHERE id IN (" + "?,".repeat(ids.size() - 1) + "?) ORDER BY id";
        return Jdbc.list(c, sql, Inbox::event, ids.toArray());
    }

    private static InboxEvent event(ResultSet rs) throws SQLException {
        Timestamp updated = rs.getTimestamp(7);
        return new InboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                updated == null ? null : updated.toInstant(), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getInt(10));
    }

    /** One event, whatever its state (for replay and the API). */
    public InboxEvent find(long id) {
        List<InboxEvent> found = jdbc.withConnection("could not read inbox event " + id, c -> read(c, List.of(id)));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Where an event stands: pending, done, stale or dead, with its last error; null when there is no such event. */
    public record Status(String status, int attempts, String lastError, java.time.Instant finishedAt) {
    }

    public Status status(long id) {
        return jdbc.one("could not read inbox event " + id, "SELECT status, attempts, last_error, finished_at FROM inbox_event WHERE id = ?",
                rs -> new Status(rs.getString(1), rs.getInt(2), rs.getString(3), Jdbc.instant(rs, 4)), id).orElse(null);
    }

    /** Marks events finished with a final status: done, stale or dead. */
    public void finish(Collection<Long> ids, String status, String error) {
        if (ids.isEmpty()) {
            return;
        }
        update("UPDATE inbox_event SET status = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL,"
                + " last_error = COALESCE(?, last_error) WHERE id = ?", ids, (ps, id) -> {
                    ps.setString(1, status);
                    ps.setTimestamp(2, Timestamp.from(clock.instant()));
                    ps.setString(3, Text.abbreviate(error, 4000));
                    ps.setLong(4, id);
                });
    }

    /** Tries the event again at {@code next}, keeping the error. */
    public void retryAt(long id, Instant next, String error) {
        update("UPDATE inbox_event SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?",
                List.of(id), (ps, i) -> {
                    ps.setTimestamp(1, Timestamp.from(next));
                    ps.setString(2, Text.abbreviate(error, 4000));
                    ps.setLong(3, i);
                });
    }

    /**
     * Gives events back without counting the attempt (Odoo was unreachable, the flow is paused): due again at
     * {@code next}.
     */
    public void release(Collection<Long> ids, Instant next, String error) {
        update("UPDATE inbox_event SET attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, next_attempt_at = ?,"
                + " last_error = COALESCE(?, last_error), lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'pending'",
                ids, (ps, id) -> {
                    ps.setTimestamp(1, Timestamp.from(next));
                    ps.setString(2, Text.abbreviate(error, 4000));
                    ps.setLong(3, id);
                });
    }

    /** A replay: the event is pending again with no attempts, and goes through the same path as a first delivery. */
    public boolean requeue(long id) {
        String sql = "UPDATE inbox_event SET status = 'pending', attempts = 0, next_attempt_at = ?, finished_at = NULL,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND status IN ('dead', 'stale')";
        return jdbc.update("could not requeue inbox event " + id, sql, Timestamp.from(clock.instant()), id) == 1;
    }

    /** The newest source update applied per entity of a flow, for the given entity keys. */
    public Map<String, Instant> appliedUpdates(String flow, Collection<String> entityKeys) {
        Map<String, Instant> out = new HashMap<>();
        if (entityKeys.isEmpty()) {
            return out;
        }
        List<String> keys = List.copyOf(entityKeys);
        String sql = "SELECT entity_key, source_updated_at FROM entity_state WHERE flow = ? AND entity_key IN ("
                + "?,".repeat(keys.size() - 1) + "?)";
        List<Object> args = new ArrayList<>(keys.size() + 1);
        args.add(flow);
        args.addAll(keys);
        jdbc.list("could not read entity state of flow " + flow, sql, rs -> {
            Instant t = Jdbc.instant(rs, 2);
            if (t != null) {
                out.put(rs.getString(1), t);
            }
            return t;
        }, args.toArray());
        return out;
    }

    /**
     * The given entities of a flow that have events still to apply: waiting, being applied (claimed) or waiting for a
     * retry. A push that sends the values of such an entity could send what is half-written, or what just came in.
     */
    public java.util.Set<String> unsettled(String flow, Collection<String> entityKeys) {
        java.util.Set<String> out = new java.util.HashSet<>();
        List<String> keys = List.copyOf(new java.util.LinkedHashSet<>(entityKeys));
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> page = keys.subList(from, Math.min(keys.size(), from + 500));
            String sql = "SELECT DISTINCT entity_key FROM inbox_event WHERE flow = ? AND status = 'pending' AND entity_key IN ("
                    + "?,".repeat(page.size() - 1) + "?)";
            List<Object> args = new ArrayList<>(page.size() + 1);
            args.add(flow);
            args.addAll(page);
            out.addAll(jdbc.list("could not read the unsettled entities of flow " + flow, sql, rs -> rs.getString(1), args.toArray()));
        }
        return out;
    }

    /** What was applied for one entity: its newest source update and its Odoo record. */
    public record Applied(String entityKey, Instant sourceUpdatedAt, String odooModel, Integer odooId) {
    }

    /** Records what was applied for an entity (newest source update, Odoo record). */
    public void recordApplied(String flow, String entityKey, Instant sourceUpdatedAt, String odooModel, Integer odooId) {
        recordApplied(flow, List.of(new Applied(entityKey, sourceUpdatedAt, odooModel, odooId)));
    }

    /**
     * Records what was applied for a batch of entities in one transaction: one batched update, then one batched
     * insert for the entities seen for the first time. A source update never moves an entity's state backwards.
     */
    public void recordApplied(String flow, List<Applied> applied) {
        if (applied.isEmpty()) {
            return;
        }
        String updateSql = "UPDATE entity_state SET source_updated_at = CASE WHEN source_updated_at IS NULL OR source_updated_at < ?"
                + " THEN ? ELSE source_updated_at END, odoo_model = ?, odoo_id = ?, updated_at = ? WHERE flow = ? AND entity_key = ?";
        String insertSql = "INSERT INTO entity_state (flow, entity_key, source_updated_at, odoo_model, odoo_id, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.inTransaction("could not record the state of " + applied.size() + " entities of flow " + flow, c -> {
            int[] counts = Jdbc.batch(c, updateSql, applied, (ps, a) -> {
                Timestamp updated = a.sourceUpdatedAt() == null ? null : Timestamp.from(a.sourceUpdatedAt());
                ps.setTimestamp(1, updated);
                ps.setTimestamp(2, updated);
                ps.setString(3, a.odooModel());
                ps.setObject(4, a.odooId());
                ps.setTimestamp(5, now);
                ps.setString(6, flow);
                ps.setString(7, a.entityKey());
            });
            // one row per entity: a batch naming an entity twice inserts it once, the later update wins the update
            Map<String, Applied> missing = new java.util.LinkedHashMap<>();
            for (int i = 0; i < applied.size(); i++) {
                if (counts[i] == 0) {
                    missing.merge(applied.get(i).entityKey(), applied.get(i), Inbox::newer);
                }
            }
            Jdbc.batch(c, insertSql, missing.values(), (ps, a) -> {
                ps.setString(1, flow);
                ps.setString(2, a.entityKey());
                ps.setTimestamp(3, a.sourceUpdatedAt() == null ? null : Timestamp.from(a.sourceUpdatedAt()));
                ps.setString(4, a.odooModel());
                ps.setObject(5, a.odooId());
                ps.setTimestamp(6, now);
            });
            return null;
        });
    }

    private static Applied newer(Applied a, Applied b) {
        if (a.sourceUpdatedAt() == null) {
            return b;
        }
        return b.sourceUpdatedAt() != null && b.sourceUpdatedAt().isAfter(a.sourceUpdatedAt()) ? b : a;
    }

    /** Events waiting (pending, leased or not) in a flow. */
    public long depth(String flow) {
        return longQuery("SELECT COUNT(*) FROM inbox_event WHERE flow = ? AND status = 'pending'", flow);
    }

    /** Age of the oldest pending event of a flow, or zero. */
    public Duration oldestPendingAge(String flow) {
        return jdbc.one("could not read the inbox of flow " + flow, "SELECT MIN(received_at) FROM inbox_event WHERE flow = ? AND status = 'pending'",
                rs -> Jdbc.instant(rs, 1), flow).map(t -> Duration.between(t, clock.instant())).orElse(Duration.ZERO);
    }

    /** Counts per status of a flow. */
    public Map<String, Long> countsByStatus(String flow) {
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<String, Long> row : jdbc.list("could not count the inbox of flow " + flow,
                "SELECT status, COUNT(*) FROM inbox_event WHERE flow = ? GROUP BY status", rs -> Map.entry(rs.getString(1), rs.getLong(2)), flow)) {
            out.put(row.getKey(), row.getValue());
        }
        return out;
    }

    private long longQuery(String sql, String arg) {
        return jdbc.one("inbox query failed", sql, rs -> rs.getLong(1), arg)
                .orElseThrow(() -> new InboxException("inbox query failed: no row", null));
    }

    /** One statement per id, in one transaction. */
    private void update(String sql, Collection<Long> ids, Jdbc.Binder<Long> binder) {
        jdbc.inTransaction("inbox update failed", c -> Jdbc.batch(c, sql, ids, binder));
    }
}
