package io.odoohub.googleads.flow;

import io.odoohub.store.Jdbc;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/** When each job (metrics import, conversion upload) last succeeded per customer, and when it is due again. */
public final class RunState {

    public record Run(String job, String customerId, Instant lastSuccessAt, LocalDate lastSuccessDay, Instant nextRunAt, int failures,
                      String lastError) {
    }

    private final Jdbc jdbc;

    public RunState(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public Run get(String job, String customerId) {
        for (Run r : query("SELECT job, customer_id, last_success_at, last_success_day, next_run_at, failures, last_error FROM google_ads_run"
                + " WHERE job = ? AND customer_id = ?", job, customerId)) {
            return r;
        }
        return null;
    }

    public List<Run> all() {
        return query("SELECT job, customer_id, last_success_at, last_success_day, next_run_at, failures, last_error FROM google_ads_run"
                + " ORDER BY job, customer_id");
    }

    public void success(String job, String customerId, Instant at, LocalDate day, Instant next) {
        upsert(job, customerId, at, day, next, 0, null, true);
    }

    /** A failed run: counts it (for the backoff) and keeps the last success as it was. */
    public int failure(String job, String customerId, String error, Instant next) {
        Run r = get(job, customerId);
        int failures = r == null ? 1 : r.failures() + 1;
        upsert(job, customerId, null, null, next, failures, error.length() > 2000 ? error.substring(0, 2000) : error, false);
        return failures;
    }

    private void upsert(String job, String customerId, Instant at, LocalDate day, Instant next, int failures, String error, boolean success) {
        Timestamp nextAt = next == null ? null : Timestamp.from(next);
        Timestamp atAt = at == null ? null : Timestamp.from(at);
        Date dayAt = day == null ? null : Date.valueOf(day);
        String insert = "INSERT INTO google_ads_run (job, customer_id, last_success_at, last_success_day, next_run_at, failures, last_error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        Object[] insertArgs = {job, customerId, atAt, dayAt, nextAt, failures, error};
        if (success) {
            jdbc.upsert("could not record the Google Ads run state", "UPDATE google_ads_run SET last_success_at = ?, last_success_day = ?,"
                    + " next_run_at = ?, failures = ?, last_error = ? WHERE job = ? AND customer_id = ?",
                    new Object[] {atAt, dayAt, nextAt, failures, error, job, customerId}, insert, insertArgs);
        } else {
            jdbc.upsert("could not record the Google Ads run state", "UPDATE google_ads_run SET next_run_at = ?, failures = ?, last_error = ?"
                    + " WHERE job = ? AND customer_id = ?", new Object[] {nextAt, failures, error, job, customerId}, insert, insertArgs);
        }
    }

    private List<Run> query(String sql, String... params) {
        return jdbc.list("could not read the Google Ads run state", sql, rs -> {
            Date day = rs.getDate(4);
            return new Run(rs.getString(1), rs.getString(2), Jdbc.instant(rs, 3), day == null ? null : day.toLocalDate(), Jdbc.instant(rs, 5),
                    rs.getInt(6), rs.getString(7));
        }, (Object[]) params);
    }
}
