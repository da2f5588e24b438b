package io.odoohub.history;

import io.odoohub.store.Jdbc;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The record of scheduled job runs (table {@code job_run}): one row per run, written by the node that runs it when it
 * starts ({@code running}) and when it ends ({@code success} or {@code failed}). In a cluster it tells which node ran
 * a job and when; a run whose node was killed stays {@code running}. Purged with the sync history.
 */
public final class JobRuns {

    /** One run. */
    public record Run(long id, String job, String node, Instant startedAt, Instant finishedAt, String outcome, String error) {
    }

    /** This process, as the runs name it: pid@host, as the inbox's leases do. */
    public static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final Jdbc jdbc;
    private final Clock clock;

    public JobRuns(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /** A run starts on this node; answers its id. */
    public long started(String job) {
        return jdbc.insert("could not record the start of job " + job, "INSERT INTO job_run (job, node, started_at, outcome) VALUES (?, ?, ?, 'running')",
                "id", job, NODE, Timestamp.from(clock.instant()));
    }

    /** The run ended: {@code error} null for a success. */
    public void finished(long id, String error) {
        jdbc.update("could not record the end of job run " + id, "UPDATE job_run SET finished_at = ?, outcome = ?, error = ? WHERE id = ?",
                Timestamp.from(clock.instant()), error == null ? "success" : "failed",
                error == null || error.length() <= 2000 ? error : error.substring(0, 2000), id);
    }

    /** The runs of a job, oldest first. */
    public List<Run> of(String job) {
        return jdbc.list("could not read the runs of job " + job,
                "SELECT id, job, node, started_at, finished_at, outcome, error FROM job_run WHERE job = ? ORDER BY started_at, id",
                rs -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4), Jdbc.instant(rs, 5), rs.getString(6),
                        rs.getString(7)), job);
    }

    /** Deletes the runs started before {@code before}; answers how many. */
    public int purgeBefore(Instant before) {
        return jdbc.update("could not purge the job runs", "DELETE FROM job_run WHERE started_at < ?", Timestamp.from(before));
    }
}
