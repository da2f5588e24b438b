package io.odoohub.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store on a real PostgreSQL (Debian's, started by the test): every Flyway migration applies, and two
 * runtimes draining one inbox at the same time never claim the same event (FOR UPDATE SKIP LOCKED).
 */
class PostgresInboxIT {

    private static PostgresServer postgres;
    private static HubDatabase db;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        db = HubDatabase.open(postgres.jdbcUrl(), "postgres", "", 8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyMigrationAppliesAndTheStoresWork() {
        assertThat(db.isPostgres()).isTrue();
        Inbox inbox = new Inbox(db.dataSource(), true, Clock.systemUTC());
        long id = inbox.store(new NewEvent("pg", "s", "t", "d-1", "e-1", Instant.now(), "{}")).id();
        assertThat(inbox.store(new NewEvent("pg", "s", "t", "d-1", "e-1", Instant.now(), "{}")).duplicate()).isTrue();
        inbox.recordApplied("pg", "e-1", Instant.parse("2026-11-23T10:00:00Z"), "res.partner", 3);
        inbox.recordApplied("pg", "e-1", Instant.parse("2026-11-22T10:00:00Z"), "res.partner", 3);
        assertThat(inbox.appliedUpdates("pg", List.of("e-1"))).containsEntry("e-1", Instant.parse("2026-11-23T10:00:00Z"));

        DeadLetterStore deadLetters = new DeadLetterStore(db.dataSource());
        long dl = deadLetters.add(DeadLetter.ofEvent(id, "pg", "e-1", "{}", "refused", "permanent", 1));
        assertThat(deadLetters.list(new DeadLetterStore.Query("pg", "dead", null, null, 0, 10))).hasSize(1);
        assertThat(deadLetters.resolve(dl, "replayed")).isTrue();

        SyncLog log = new SyncLog(db.dataSource());
        Instant now = Instant.now();
        log.add(List.of(new SyncRecord(0, "pg", "inbound", "e-1", "res.partner", 3, "success", "name", 5, now, now, "event", "b", null, null)));
        assertThat(log.stats("pg").total()).isEqualTo(1);
        FlowControl flows = new FlowControl(db.dataSource(), Clock.systemUTC());
        flows.pause("pg", "test", "test", null);
        assertThat(flows.isPaused("pg")).isTrue();
    }

    @Test
    void twoNodesDrainingOneInboxNeverClaimTheSameEvent() throws Exception {
        Inbox writer = new Inbox(db.dataSource(), true, Clock.systemUTC());
        for (int i = 0; i < 2000; i++) {
            writer.store(new NewEvent("race", "s", "t", "race-" + i, null, null, "{}"));
        }
        Inbox nodeA = new Inbox(db.dataSource(), true, Clock.systemUTC());
        Inbox nodeB = new Inbox(db.dataSource(), true, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<List<Long>>> drains = new ArrayList<>();
        for (Inbox node : List.of(nodeA, nodeB, nodeA, nodeB)) {
            drains.add(() -> {
                List<Long> mine = new ArrayList<>();
                while (true) {
                    List<InboxEvent> batch = node.claim("race", 50, Duration.ofMinutes(5), Thread.currentThread().getName());
                    if (batch.isEmpty()) {
                        return mine;
                    }
                    batch.forEach(e -> mine.add(e.id()));
                    node.finish(batch.stream().map(InboxEvent::id).toList(), "done", null);
                }
            });
        }
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        for (Future<List<Long>> f : pool.invokeAll(drains)) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Set<Long> unique = new HashSet<>(all);
        assertThat(all).hasSize(2000);
        assertThat(unique).as("no event claimed twice").hasSize(2000);
    }
}
