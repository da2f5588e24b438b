package io.odoohub.googleads;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** When each job (metrics import, conversion upload) last succeeded per customer, and when it is due again. */
public final class RunState {

    public record Run(String job, String customerId, Instant lastSuccessAt, LocalDate lastSuccessDay, Instant nextRunAt, int failures,
                      String lastError) {
    }

    private final DataSource dataSource;

    public RunState(DataSource dataSource) {
        this.dataSource = dataSource;
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
        try (Connection c = dataSource.getConnection()) {
            String update = success
                    ? "UPDATE google_ads_run SET last_success_at = ?, last_success_day = ?, next_run_at = ?, failures = ?, last_error = ? WHERE job = ? AND customer_id = ?"
                    : "UPDATE google_ads_run SET next_run_at = ?, failures = ?, last_error = ? WHERE job = ? AND customer_id = ?";
            int n;
            try (PreparedStatement ps = c.prepareStatement(update)) {
                int i = 1;
                if (success) {
                    ps.setTimestamp(i++, Timestamp.from(at));
                    ps.setDate(i++, Date.valueOf(day));
                }
                ps.setTimestamp(i++, next == null ? null : Timestamp.from(next));
                ps.setInt(i++, failures);
                ps.setString(i++, error);
                ps.setString(i++, job);
                ps.setString(i, customerId);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO google_ads_run (job, customer_id, last_success_at, last_success_day,"
                        + " next_run_at, failures, last_error) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, job);
                    ps.setString(2, customerId);
                    ps.setTimestamp(3, at == null ? null : Timestamp.from(at));
                    ps.setDate(4, day == null ? null : Date.valueOf(day));
                    ps.setTimestamp(5, next == null ? null : Timestamp.from(next));
                    ps.setInt(6, failures);
                    ps.setString(7, error);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the Google Ads run state: " + e.getMessage(), e);
        }
    }

    private List<Run> query(String sql, String... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = rs.getTimestamp(3);
                    Date day = rs.getDate(4);
                    Timestamp next = rs.getTimestamp(5);
                    out.add(new Run(rs.getString(1), rs.getString(2), last == null ? null : last.toInstant(),
                            day == null ? null : day.toLocalDate(), next == null ? null : next.toInstant(), rs.getInt(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the Google Ads run state: " + e.getMessage(), e);
        }
    }
}
