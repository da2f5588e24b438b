package io.odoohub.store;

import java.sql.Date;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * A source's quota of calls per day, counted in the hub's database (table {@code source_quota}) so that every node on
 * that database spends one quota between them: a call is taken by one conditional update ({@code used < limit}),
 * which the database runs atomically, so N nodes never take more than the limit together. Pardot's daily API calls
 * are counted here.
 */
public final class SharedQuota {

    /** Days of counts kept after a new day starts (for the operator's eye; the limit reads today's only). */
    static final int KEPT_DAYS = 7;

    private final Jdbc jdbc;

    public SharedQuota(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * Takes one call of {@code quota} on {@code day} when fewer than {@code limit} were taken that day, by any node;
     * answers whether it was taken.
     */
    public boolean take(String quota, LocalDate day, long limit) {
        if (limit <= 0) {
            return false;
        }
        Date d = Date.valueOf(day);
        String sql = "UPDATE source_quota SET used = used + 1 WHERE quota = ? AND quota_day = ? AND used < ?";
        if (jdbc.update("could not count a call of quota " + quota, sql, quota, d, limit) == 1) {
            return true;
        }
        if (!jdbc.insertUnlessTaken("could not count a call of quota " + quota, "INSERT INTO source_quota (quota, quota_day, used) VALUES (?, ?, 1)",
                quota, d)) {
            // the day's row is there (full, or another node made it meanwhile): the conditional update decides
            return jdbc.update("could not count a call of quota " + quota, sql, quota, d, limit) == 1;
        }
        jdbc.update("could not forget old counts of quota " + quota, "DELETE FROM source_quota WHERE quota = ? AND quota_day < ?", quota,
                Date.valueOf(day.minusDays(KEPT_DAYS)));
        return true;
    }

    /** Calls of {@code quota} taken on {@code day}, by every node. */
    public long used(String quota, LocalDate day) {
        return jdbc.one("could not read quota " + quota, "SELECT used FROM source_quota WHERE quota = ? AND quota_day = ?",
                rs -> rs.getLong(1), quota, Date.valueOf(day)).orElse(0L);
    }
}
