package io.odoohub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filtered listings on a real H2 file: a condition counts only when its value is given. */
class WhereTest {

    @TempDir
    Path dir;

    private HubDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, flow VARCHAR(20), note VARCHAR(20), at TIMESTAMP WITH TIME ZONE)");
            st.execute("INSERT INTO t VALUES (1, 'a', NULL, TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00'),"
                    + " (2, 'a', 'x', TIMESTAMP WITH TIME ZONE '2026-11-02 10:00:00+00'),"
                    + " (3, 'b', 'x', TIMESTAMP WITH TIME ZONE '2026-11-03 10:00:00+00')");
        }
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void conditionsWithoutAValueAreLeftOut() {
        assertThat(new Where().eq("flow", null).since("at", null).when(false, "note IS NULL").count(db.dataSource(), "t", "t")).isEqualTo(3);
        assertThat(new Where().eq("flow", "a").count(db.dataSource(), "t", "t")).isEqualTo(2);
        assertThat(new Where().eq("flow", "a").since("at", Instant.parse("2026-11-02T00:00:00Z")).count(db.dataSource(), "t", "t")).isEqualTo(1);
        assertThat(new Where().when(true, "note IS NULL OR id = 3").list(db.dataSource(), "SELECT id FROM t", " ORDER BY id",
                rs -> rs.getInt(1), "t")).containsExactly(1, 3);
    }

    @Test
    void theTailTakesItsOwnParametersAfterTheFilters() {
        assertThat(new Where().eq("note", "x").list(db.dataSource(), "SELECT id FROM t", " ORDER BY id DESC LIMIT ? OFFSET ?",
                rs -> rs.getInt(1), "t", 1, 1)).containsExactly(2);
    }

    @Test
    void aValueIsBoundNeverPasted() {
        assertThat(new Where().eq("flow", "a' OR '1'='1").count(db.dataSource(), "t", "t")).isZero();
        assertThatThrownBy(() -> new Where().list(db.dataSource(), "SELECT id FROM missing", "", rs -> 1, "the missing table"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("could not read the missing table");
    }

    @Test
    void containsMatchesAPartInAnyCaseAndTakesPercentAndUnderscoreLiterally() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO t VALUES (4, 'c', 'Order:100%_A', TIMESTAMP WITH TIME ZONE '2026-11-04 10:00:00+00'),"
                    + " (5, 'c', 'order:1000xA', TIMESTAMP WITH TIME ZONE '2026-11-05 10:00:00+00')");
        }
        assertThat(new Where().contains("note", "ORDER:100").count(db.dataSource(), "t", "t")).isEqualTo(2);
        assertThat(new Where().contains("note", "100%_a").list(db.dataSource(), "SELECT id FROM t", "", rs -> rs.getInt(1), "t"))
                .containsExactly(4);
        assertThat(new Where().contains("note", null).count(db.dataSource(), "t", "t")).isEqualTo(5);
    }

    @Test
    void untilIsExclusive() {
        assertThat(new Where().since("at", Instant.parse("2026-11-01T10:00:00Z")).until("at", Instant.parse("2026-11-03T10:00:00Z"))
                .list(db.dataSource(), "SELECT id FROM t", " ORDER BY id", rs -> rs.getInt(1), "t")).containsExactly(1, 2);
    }
}
