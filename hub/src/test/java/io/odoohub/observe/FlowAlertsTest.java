package io.odoohub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.inbox.FlowControl;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowAlertsTest {

    private static final String FLOW = "catalog-products";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final Map<String, FlowSnapshot> states = new HashMap<>();
    private final RecordingChannel channel = new RecordingChannel();
    private final FlowAlerts alerts = new FlowAlerts(List.of(FLOW),
            new FlowSnapshots(this::read, Duration.ZERO, Clock.fixed(T0, ZoneOffset.UTC)), List.of(channel), 2,
            Clock.fixed(T0, ZoneOffset.UTC));

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
