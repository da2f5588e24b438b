package io.odoohub.pardot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.inbox.FlowControl;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.odoohub.pardot.client.PardotApiException;
import io.odoohub.pardot.client.PardotErrors;

/** Which Pardot errors pause the flows, and until when. */
class PardotPauseTest {

    @TempDir
    Path dir;

    private HubDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T22:30:00Z"));
    private FlowControl flows;

    @BeforeEach
    void setUp() {
        db = HubDatabase.open("jdbc:h2:file:" + dir.resolve("hub"), "sa", "", 2);
        flows = new FlowControl(db.dataSource(), clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void theDailyLimitPausesEveryPardotFlowUntilMidnightInTheAccountsZoneThenTheyRunAgain() {
        // 22:30 UTC is 14:30 in Los Angeles: the limit resets at 08:00 UTC the next day
        PardotPause pause = new PardotPause(flows, clock, ZoneId.of("America/Los_Angeles"));
        assertThat(pause.pauseFor(new PardotApiException(122, 400, "Daily API rate limit met.", PardotErrors.Action.PAUSE_UNTIL_NEXT_DAY))).isTrue();
        for (String flow : PardotPause.FLOWS) {
            assertThat(flows.state(flow).resumeAt()).isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
        }
        assertThat(pause.paused()).isTrue();
        clock.advance(Duration.ofHours(9).plusMinutes(29));
        assertThat(pause.paused()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(pause.paused()).isFalse();
    }

    @Test
    void credentialAndConfigurationErrorsPauseWithoutAnEndAndTheRestDoNotPause() {
        PardotPause pause = new PardotPause(flows, clock, ZoneId.of("UTC"));
        assertThat(pause.pauseFor(new PardotApiException(52, 400, "bad limit", PardotErrors.Action.DO_NOT_RETRY))).isFalse();
        assertThat(pause.pauseFor(new PardotApiException(210, 400, "expired", PardotErrors.Action.RESTART_PAGE_CHAIN))).isFalse();
        assertThat(pause.paused()).isFalse();
        assertThat(pause.pauseFor(new PardotApiException(201, 400, "Invalid Business Unit ID", PardotErrors.Action.PAUSE_AND_ALERT))).isTrue();
        clock.advance(Duration.ofDays(30));
        assertThat(pause.paused()).isTrue();
        assertThat(flows.state(ProspectFlow.FLOW).reason()).contains("Invalid Business Unit ID");
        assertThat(flows.state(ProspectFlow.FLOW).resumeAt()).isNull();
    }
}
