package io.odoohub.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox on a real H2 file: dedupe, leases, order per entity, release, requeue. */
class InboxTest {

    @TempDir
    Path dir;

    private HubDatabase db;
    private MutableClock clock;
    private Inbox inbox;

    @BeforeEach
    void setUp() {
        db = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2);
        clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        inbox = new Inbox(db.dataSource(), false, clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private NewEvent event(String dedupe, String entity) {
        return new NewEvent("f", "src", "t", dedupe, entity, null, "{\"k\":\"" + dedupe + "\"}");
    }

    @Test
    void aSecondDeliveryIsADuplicateOfTheFirst() {
        Inbox.Receipt first = inbox.store(event("d1", "e1"));
        Inbox.Receipt again = inbox.store(event("d1", "e1"));
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(inbox.depth("f")).isEqualTo(1);
    }

    @Test
    void storeAllCommitsABatchAndFindsDuplicatesInsideItAndAlreadyStored() {
        long earlier = inbox.store(event("d0", null)).id();
        List<Inbox.Receipt> receipts = inbox.storeAll(List.of(event("d1", null), event("d0", null), event("d1", null), event("d2", "x")));
        assertThat(receipts).extracting(Inbox.Receipt::duplicate).containsExactly(false, true, true, false);
        assertThat(receipts.get(1).id()).isEqualTo(earlier);
        assertThat(receipts.get(2).id()).isEqualTo(receipts.get(0).id());
        assertThat(inbox.depth("f")).isEqualTo(3);
    }

    @Test
    void theIntakeAnswersEachEventAfterItsBatchIsCommitted() throws Exception {
        try (InboxIntake intake = new InboxIntake(inbox, 16)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<Inbox.Receipt>> receipts = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                receipts.add(pool.submit(() -> intake.store(event("k" + (n % 150), null))));
            }
            int fresh = 0;
            for (var r : receipts) {
                fresh += r.get().duplicate() ? 0 : 1;
            }
            pool.shutdown();
            assertThat(fresh).isEqualTo(150);
            assertThat(inbox.depth("f")).isEqualTo(150);
        }
    }

    @Test
    void aClaimHoldsForItsLeaseAndIsTakenAgainWhenItRunsOut() {
        inbox.store(event("d1", null));
        List<InboxEvent> first = inbox.claim("f", 10, Duration.ofSeconds(60), "node-a");
        assertThat(first).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(inbox.claim("f", 10, Duration.ofSeconds(60), "node-b")).isEmpty();

        clock.advance(Duration.ofSeconds(61)); // node-a died with the event claimed
        List<InboxEvent> again = inbox.claim("f", 10, Duration.ofSeconds(60), "node-b");
        assertThat(again).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(first.get(0).id());
            assertThat(e.attempts()).isEqualTo(2);
        });
    }

    @Test
    void eventsOfOneEntityAreClaimedOneAtATimeInArrivalOrder() {
        long a1 = inbox.store(event("a1", "A")).id();
        long b1 = inbox.store(event("b1", "B")).id();
        long a2 = inbox.store(event("a2", "A")).id();
        List<InboxEvent> claimed = inbox.claim("f", 10, Duration.ofSeconds(60), "n");
        assertThat(claimed).extracting(InboxEvent::id).containsExactly(a1, b1);

        inbox.finish(List.of(a1, b1), "done", null);
        assertThat(inbox.claim("f", 10, Duration.ofSeconds(60), "n")).extracting(InboxEvent::id).containsExactly(a2);
    }

    @Test
    void aFailedEventWaitsForItsRetryAndBlocksLaterEventsOfItsEntity() {
        long a1 = inbox.store(event("a1", "A")).id();
        inbox.store(event("a2", "A"));
        inbox.claim("f", 10, Duration.ofSeconds(60), "n");
        inbox.retryAt(a1, clock.instant().plusSeconds(30), "boom");
        assertThat(inbox.claim("f", 10, Duration.ofSeconds(60), "n")).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(inbox.claim("f", 10, Duration.ofSeconds(60), "n")).extracting(InboxEvent::id).containsExactly(a1);
    }

    @Test
    void releaseGivesEventsBackWithoutCountingTheAttempt() {
        long id = inbox.store(event("d1", null)).id();
        inbox.claim("f", 10, Duration.ofSeconds(60), "n");
        inbox.release(List.of(id), clock.instant(), "Odoo unreachable");
        assertThat(inbox.claim("f", 10, Duration.ofSeconds(60), "n")).singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
    }

    @Test
    void aDeadEventCanBeRequeuedOnceAndStartsAfresh() {
        long id = inbox.store(event("d1", null)).id();
        inbox.claim("f", 10, Duration.ofSeconds(60), "n");
        inbox.finish(List.of(id), "dead", "refused");
        assertThat(inbox.claim("f", 10, Duration.ofSeconds(60), "n")).isEmpty();
        assertThat(inbox.requeue(id)).isTrue();
        assertThat(inbox.requeue(id)).isFalse();
        assertThat(inbox.claim("f", 10, Duration.ofSeconds(60), "n")).singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
    }

    @Test
    void appliedUpdatesKeepTheNewestSourceTime() {
        Instant t1 = Instant.parse("2026-11-20T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-21T10:00:00Z");
        inbox.recordApplied("f", "A", t2, "res.partner", 7);
        inbox.recordApplied("f", "A", t1, "res.partner", 7);
        assertThat(inbox.appliedUpdates("f", List.of("A", "B"))).containsOnlyKeys("A").containsEntry("A", t2);
    }

    @Test
    void aBatchOfAppliedStatesUpdatesKnownEntitiesAndInsertsNewOnesInOneGo() {
        Instant t1 = Instant.parse("2026-11-20T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-21T10:00:00Z");
        Instant t3 = Instant.parse("2026-11-22T10:00:00Z");
        inbox.recordApplied("f", "A", t2, "res.partner", 7);
        inbox.recordApplied("f", List.of(
                new Inbox.Applied("A", t1, "res.partner", 7),   // older than what A has: A keeps t2
                new Inbox.Applied("B", t3, "res.partner", 8),   // new entity
                new Inbox.Applied("C", null, "res.partner", 9), // no source time
                new Inbox.Applied("B", t1, "res.partner", 8))); // B twice in one batch: the newer wins
        assertThat(inbox.appliedUpdates("f", List.of("A", "B", "C", "D")))
                .containsOnlyKeys("A", "B").containsEntry("A", t2).containsEntry("B", t3);
        assertThat(inbox.appliedUpdates("other", List.of("A", "B"))).isEmpty();
    }
}
