package io.odoohub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.inbox.FlowControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowAlertsTest {

    private static final String FLOW = "catalog-products";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static final Duration STALE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final Map<String, FlowSnapshot> states = new HashMap<>();
    private final RecordingChannel channel = new RecordingChannel();
    private final MutableClock clock = new MutableClock(T0);
    private HubDatabase db;
    private FlowAlerts alerts;

    @BeforeEach
    void open() {
        db = HubDatabase.open("jdbc:h2:file:" + dir.resolve("hub"), "sa", "", 4);
        alerts = node(channel);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A node checking the flows of the same database, with its own channel to the same receiver. */
    private FlowAlerts node(RecordingChannel to) {
        return new FlowAlerts(List.of(FLOW), new FlowSnapshots(this::read, Duration.ZERO, clock), List.of(to), 2, clock,
                new AlertLedger(db.dataSource(), STALE));
    }

    @Test
    void aPauseIsAnnouncedOnceAndANewPauseAgain() {
        set(null, 0);
        alerts.check();
        assertThat(channel.sent).isEmpty();

        FlowControl.State pause = new FlowControl.State(FLOW, true, "credentials refused", "runtime", T0, null);
        set(pause, 0);
        alerts.check();
        alerts.check();
        alerts.check();
        assertThat(channel.sent).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.FLOW_PAUSED);
            assertThat(n.flow()).isEqualTo(FLOW);
            assertThat(n.message()).contains("paused by runtime").contains("credentials refused");
            assertThat(n.details()).containsEntry("reason", "credentials refused").containsEntry("by", "runtime");
        });

        set(null, 0);
        alerts.check();
        set(new FlowControl.State(FLOW, true, "maintenance", "alice", T0.plusSeconds(60), T0.plusSeconds(3600)), 0);
        alerts.check();
        alerts.check();
        assertThat(channel.sent).hasSize(2);
        assertThat(channel.sent.get(1).message()).contains("alice").contains("maintenance").contains("resumes at");
    }

    @Test
    void deadLettersAboveTheThresholdAreAnnouncedOncePerCrossing() {
        set(null, 2);
        alerts.check();
        assertThat(channel.sent).as("at the threshold is not above it").isEmpty();

        set(null, 3);
        alerts.check();
        set(null, 7);
        alerts.check();
        assertThat(channel.sent).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.DEAD_LETTERS_ABOVE_THRESHOLD);
            assertThat(n.details()).containsEntry("openDeadLetters", 3).containsEntry("threshold", 2);
        });

        set(null, 1);
        alerts.check();
        set(null, 4);
        alerts.check();
        alerts.check();
        assertThat(channel.sent).hasSize(2);
        assertThat(channel.sent.get(1).message()).contains("4 open dead letters");
    }

    @Test
    void aFailedSendIsTriedAgainAtTheNextCheckAndDeliveredOnce() {
        channel.failuresLeft = 2;
        set(new FlowControl.State(FLOW, true, "quota", "runtime", T0, null), 0);
        alerts.check();
        alerts.check();
        assertThat(channel.sent).isEmpty();
        assertThat(channel.attempts).isEqualTo(2);
        alerts.check();
        alerts.check();
        assertThat(channel.sent).hasSize(1);
        assertThat(channel.attempts).isEqualTo(3);
    }

    @Test
    void anUnreadableFlowNeitherThrowsNorAnnouncesAgain() {
        set(new FlowControl.State(FLOW, true, "quota", "runtime", T0, null), 0);
        alerts.check();
        states.clear();
        alerts.check();
        set(new FlowControl.State(FLOW, true, "quota", "runtime", T0, null), 0);
        alerts.check();
        assertThat(channel.sent).hasSize(1);
    }

    @Test
    void threeNodesCheckingTheSameFlowsTellEachNotificationOnce() {
        RecordingChannel second = new RecordingChannel();
        RecordingChannel third = new RecordingChannel();
        List<FlowAlerts> nodes = List.of(alerts, node(second), node(third));
        set(new FlowControl.State(FLOW, true, "credentials refused", "runtime", T0, null), 3);
        for (int round = 0; round < 3; round++) {
            nodes.forEach(FlowAlerts::check);
        }
        assertThat(sentByAll(channel, second, third)).extracting(Notification::kind)
                .containsExactlyInAnyOrder(Notification.FLOW_PAUSED, Notification.DEAD_LETTERS_ABOVE_THRESHOLD);

        // back under the threshold, seen by one node; above again, seen by another: a second crossing, told once
        set(null, 1);
        nodes.get(2).check();
        set(null, 5);
        nodes.get(1).check();
        nodes.forEach(FlowAlerts::check);
        assertThat(sentByAll(channel, second, third)).extracting(Notification::kind).containsExactlyInAnyOrder(Notification.FLOW_PAUSED,
                Notification.DEAD_LETTERS_ABOVE_THRESHOLD, Notification.DEAD_LETTERS_ABOVE_THRESHOLD);

        // a node started again does not tell what was told before it stopped
        RecordingChannel restarted = new RecordingChannel();
        node(restarted).check();
        assertThat(restarted.sent).isEmpty();
    }

    @Test
    void aNotificationClaimedByANodeThatDiedIsSentByAnotherOnceTheClaimIsStale() {
        set(new FlowControl.State(FLOW, true, "quota", "runtime", T0, null), 0);
        AlertLedger ledger = new AlertLedger(db.dataSource(), STALE);
        String key = "paused|" + FLOW + "|" + T0;
        // a node claimed it and was killed before it sent it
        assertThat(ledger.claim(channel.name(), key, clock.instant())).isTrue();
        alerts.check();
        assertThat(channel.sent).as("the claim is fresh: its node may still be sending").isEmpty();
        clock.advance(STALE.plusSeconds(1));
        alerts.check();
        alerts.check();
        assertThat(channel.sent).singleElement().satisfies(n -> assertThat(n.kind()).isEqualTo(Notification.FLOW_PAUSED));
        assertThat(ledger.wasSent(channel.name(), key)).isTrue();
    }

    private static List<Notification> sentByAll(RecordingChannel... channels) {
        List<Notification> all = new ArrayList<>();
        for (RecordingChannel c : channels) {
            all.addAll(c.sent);
        }
        return all;
    }

    private FlowSnapshot read(String flow) {
        FlowSnapshot s = states.get(flow);
        if (s == null) {
            throw new IllegalStateException("database unreachable");
        }
        return s;
    }

    private void set(FlowControl.State pause, int openDeadLetters) {
        states.put(FLOW, new FlowSnapshot(FLOW, pause, null, 0, Duration.ZERO, openDeadLetters, T0));
    }

    private static final class RecordingChannel implements NotificationChannel {
        final List<Notification> sent = new ArrayList<>();
        int failuresLeft;
        int attempts;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void send(Notification n) throws IOException {
            attempts++;
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IOException("receiver down");
            }
            sent.add(n);
        }
    }
}
