package io.odoohub.observe;

import io.odoohub.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A flow's events over a recent window, in equal buckets, read from the store (so they survive a restart and count every
 * node): received (stored in the inbox), written (inbox events done), failed (sync history rows refused) and dead (dead
 * letters made). The counters of {@link io.odoohub.inbox.FlowCounters} count since this process started only.
 */
public final class FlowActivity {

    public enum Kind { RECEIVED, WRITTEN, FAILED, DEAD }

    /** Counts per kind and bucket; bucket 0 starts at {@code from}, each lasts {@code bucket}. */
    public record Window(Instant from, Duration bucket, Map<Kind, long[]> counts) {

        public long total(Kind kind) {
            long sum = 0;
            for (long n : counts.get(kind)) {
                sum += n;
            }
            return sum;
        }

        public long received() {
            return total(Kind.RECEIVED);
        }

        public long written() {
            return total(Kind.WRITTEN);
        }

        public long failed() {
            return total(Kind.FAILED);
        }

        public long dead() {
            return total(Kind.DEAD);
        }

        public int buckets() {
            return counts.get(Kind.RECEIVED).length;
        }

        /** The largest count of any kind in any bucket (at least 1, for scaling a chart). */
        public long peak() {
            long max = 1;
            for (long[] series : counts.values()) {
                for (long n : series) {
                    max = Math.max(max, n);
                }
            }
            return max;
        }
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public FlowActivity(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /** The last hour in twelve buckets of five minutes. */
    public Window lastHour(String flow) {
        return window(flow, Duration.ofMinutes(5), 12);
    }

    /** The last day in 24 buckets of an hour. */
    public Window lastDay(String flow) {
        return window(flow, Duration.ofHours(1), 24);
    }

    public Window window(String flow, Duration bucket, int buckets) {
        long seconds = bucket.toSeconds();
        // buckets are aligned to the bucket size, the last one holding now
        long nowBucket = Math.floorDiv(clock.instant().getEpochSecond(), seconds);
        Instant from = Instant.ofEpochSecond((nowBucket - buckets + 1) * seconds);
        Map<Kind, long[]> counts = new EnumMap<>(Kind.class);
        // one connection for the four counts
        jdbc.withConnection("could not read the activity of flow " + flow, c -> {
            counts.put(Kind.RECEIVED, count(c, "inbox_event", "received_at", "flow = ?", flow, from, seconds, buckets));
            counts.put(Kind.WRITTEN, count(c, "inbox_event", "finished_at", "flow = ? AND status = 'done'", flow, from, seconds, buckets));
            counts.put(Kind.FAILED, count(c, "sync_log", "finished_at", "flow = ? AND status = 'failed'", flow, from, seconds, buckets));
            counts.put(Kind.DEAD, count(c, "dead_letter", "created_at", "flow = ?", flow, from, seconds, buckets));
            return null;
        });
        return new Window(from, bucket, counts);
    }

    /** Table, column and condition come from this class, never from a request. */
    private static long[] count(Connection c, String table, String column, String condition, String flow, Instant from, long seconds,
            int buckets) throws SQLException {
        long[] out = new long[buckets];
        String bucket = "FLOOR((EXTRACT(EPOCH FROM " + column + ") - " + from.getEpochSecond() + ") / " + seconds + ")";
        String sql = "SELECT " + bucket + " AS b, COUNT(*) FROM " + table + " WHERE " + condition + " AND " + column + " >= ? GROUP BY "
                + bucket;
        for (long[] row : Jdbc.list(c, sql, rs -> new long[] {rs.getLong(1), rs.getLong(2)}, flow, Timestamp.from(from))) {
            int b = (int) row[0];
            if (b >= 0 && b < buckets) {
                out[b] += row[1];
            }
        }
        return out;
    }
}
