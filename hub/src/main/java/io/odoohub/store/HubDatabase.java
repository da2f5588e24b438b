package io.odoohub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's state: H2 in embedded file mode by default (no console, no TCP server), PostgreSQL when the JDBC URL
 * names it. The schema is Flyway's, migrated at start: {@code db/migration} on both, then {@code db/vendor/h2} or
 * {@code db/vendor/postgresql} (Quartz's job store tables, each vendor's official DDL).
 */
public final class HubDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubDatabase.class);

    private final HikariDataSource dataSource;

    private HubDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The default URL for a data directory: an H2 file that survives a killed process (WRITE_DELAY=0). */
    public static String h2Url(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("hub") + ";WRITE_DELAY=0";
    }

    /**
     * An H2 file on H2's {@code retry:} file system, which opens the file again when a thread is interrupted while it
     * reads or writes it. On the default one such an interrupt closes the file and H2 takes the database for broken
     * ("The database has been closed"): Quartz interrupts its threads when it shuts down, and its scheduler thread is
     * often writing the job store then (the connectors' ticks are Quartz triggers).
     */
    static String retryOnInterrupt(String jdbcUrl) {
        String file = "jdbc:h2:file:";
        return jdbcUrl.startsWith(file) && !jdbcUrl.startsWith(file + "retry:") ? file + "retry:" + jdbcUrl.substring(file.length()) : jdbcUrl;
    }

    public static HubDatabase open(String jdbcUrl, String user, String password, int poolSize) {
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("hub.db.url must be an H2 file URL (jdbc:h2:file:...) or a PostgreSQL URL"
                    + " (jdbc:postgresql://...), was: " + redact(jdbcUrl));
        }
        String lower = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("auto_server=true") || lower.contains(";init=")) {
            throw new IllegalArgumentException("hub.db.url must not start an H2 server or run INIT scripts: " + redact(jdbcUrl));
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(retryOnInterrupt(jdbcUrl));
        hc.setUsername(user == null ? "" : user);
        hc.setPassword(password == null ? "" : password);
        hc.setMaximumPoolSize(poolSize);
        hc.setPoolName("hub-db");
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            // db/migration: every database; db/vendor/<h2|postgresql>: a vendor's own DDL (Quartz's job store tables)
            MigrateResult result = Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:" + vendorMigrations(jdbcUrl))
                    .load().migrate();
            LOG.info("State store {} ready (schema version {}, {} migration(s) applied)", redact(jdbcUrl),
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new HubDatabase(ds);
    }

    /** The folder of the migrations written for this URL's database only (their versions never repeat db/migration's). */
    static String vendorMigrations(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? "db/vendor/postgresql" : "db/vendor/h2";
    }

    /** A JDBC URL for logs: password parameters removed. */
    static String redact(String url) {
        return url == null ? "null" : url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
