package io.odoohub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow's events by bucket, read from the store (H2 with the hub's migrations). */
class FlowActivityTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:17:00Z");

    @TempDir
    Path dir;

    private HubDatabase db;
    private FlowActivity activity;

    @BeforeEach
    void setUp() {
        db = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2);
        activity = new FlowActivity(db.dataSource(), new MutableClock(NOW));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void eventsFallInTheirBucketsAndOtherFlowsAndOlderEventsDoNotCount() throws Exception {
        event("shop", NOW.minusSeconds(60), "done", NOW.minusSeconds(50));         // this 5 minutes: received, written
        event("shop", NOW.minus(Duration.ofMinutes(20)), "dead", null);            // 20 min ago: received
        event("shop", NOW.minus(Duration.ofHours(3)), "done", NOW.minus(Duration.ofHours(3)));
        event("other", NOW.minusSeconds(30), "done", NOW.minusSeconds(20));
        event("shop", NOW.minus(Duration.ofDays(2)), "done", NOW.minus(Duration.ofDays(2)));
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dead_letter (flow, reason, attempts, status, created_at) VALUES ('shop', 'no', 1, 'dead', ?)")) {
            ps.setTimestamp(1, Timestamp.from(NOW.minus(Duration.ofMinutes(20))));
            ps.executeUpdate();
        }
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_log (flow, direction, status, started_at, finished_at) VALUES ('shop', 'inbound', 'failed', ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(NOW.minus(Duration.ofMinutes(20))));
            ps.setTimestamp(2, Timestamp.from(NOW.minus(Duration.ofMinutes(20))));
            ps.executeUpdate();
        }

        FlowActivity.Window hour = activity.lastHour("shop");
        assertThat(hour.buckets()).isEqualTo(12);
        assertThat(hour.from()).isEqualTo(Instant.parse("2026-12-06T09:20:00Z")); // the last bucket holds now (10:15-10:20)
        assertThat(hour.received()).isEqualTo(2);
        assertThat(hour.written()).isEqualTo(1);
        assertThat(hour.failed()).isEqualTo(1);
        assertThat(hour.dead()).isEqualTo(1);
        assertThat(hour.counts().get(FlowActivity.Kind.RECEIVED)[11]).isEqualTo(1);
        assertThat(hour.counts().get(FlowActivity.Kind.RECEIVED)[7]).isEqualTo(1); // 09:55-10:00 holds 09:57

        FlowActivity.Window day = activity.lastDay("shop");
        assertThat(day.buckets()).isEqualTo(24);
        assertThat(day.received()).isEqualTo(3);
        assertThat(day.written()).isEqualTo(2);
        assertThat(day.counts().get(FlowActivity.Kind.WRITTEN)[23]).isEqualTo(1);
        assertThat(day.counts().get(FlowActivity.Kind.WRITTEN)[20]).isEqualTo(1);
        assertThat(day.peak()).isEqualTo(1);
    }

    private void event(String flow, Instant received, String status, Instant finished) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inbox_event (flow, source, event_type, dedupe_key, payload, received_at, status, attempts, next_attempt_at,"
                        + " finished_at) VALUES (?, 'test', 'x', ?, '{}', ?, ?, 1, ?, ?)")) {
            ps.setString(1, flow);
            ps.setString(2, flow + received);
            ps.setTimestamp(3, Timestamp.from(received));
            ps.setString(4, status);
            ps.setTimestamp(5, Timestamp.from(received));
            ps.setTimestamp(6, finished == null ? null : Timestamp.from(finished));
            ps.executeUpdate();
        }
    }
}
