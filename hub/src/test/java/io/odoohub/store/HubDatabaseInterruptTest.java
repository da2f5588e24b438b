package io.odoohub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it writes the H2 file (as Quartz interrupts its threads when it shuts down) leaves the
 * database working: on H2's default file system the interrupt closes the file and every later statement fails with
 * "The database has been closed".
 */
class HubDatabaseInterruptTest {

    @TempDir
    Path dir;

    @Test
    void writesInterruptedAgainAndAgainLeaveTheDatabaseWorking() throws Exception {
        assertThat(HubDatabase.retryOnInterrupt("jdbc:h2:file:/x/hub;WRITE_DELAY=0")).isEqualTo("jdbc:h2:file:retry:/x/hub;WRITE_DELAY=0");
        assertThat(HubDatabase.retryOnInterrupt("jdbc:h2:file:retry:/x/hub")).isEqualTo("jdbc:h2:file:retry:/x/hub");
        assertThat(HubDatabase.retryOnInterrupt("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
        try (HubDatabase db = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2)) {
            Jdbc jdbc = new Jdbc(db.dataSource());
            jdbc.update("create", "CREATE TABLE interrupted (n INT PRIMARY KEY, body VARCHAR(60000))");
            Thread writer = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    writer.interrupt();
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                }
            });
            String body = "x".repeat(50_000);
            int written = 0;
            interrupter.start();
            try {
                for (int n = 0; n < 1000; n++) {
                    jdbc.update("insert", "INSERT INTO interrupted (n, body) VALUES (?, ?)", n, body + n);
                    written++;
                }
            } finally {
                interrupter.interrupt();
                while (interrupter.isAlive()) {
                    Thread.interrupted();
                    interrupter.join(100);
                }
                Thread.interrupted();
            }
            assertThat(written).isEqualTo(1000);
            assertThat(jdbc.one("count", "SELECT COUNT(*) FROM interrupted", rs -> rs.getInt(1))).contains(1000);
        }
    }
}
