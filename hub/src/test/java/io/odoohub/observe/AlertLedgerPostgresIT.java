package io.odoohub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Three nodes on one PostgreSQL claiming the same notification and seeing the same crossing at once: one wins each. */
class AlertLedgerPostgresIT {

    @Test
    void oneNodeClaimsEachNotificationAndEachCrossingIsCountedOnce() throws Exception {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        try (PostgresServer pg = PostgresServer.start();
             HubDatabase a = HubDatabase.open(pg.jdbcUrl(), "postgres", "", 4);
             HubDatabase b = HubDatabase.open(pg.jdbcUrl(), "postgres", "", 4);
             HubDatabase c = HubDatabase.open(pg.jdbcUrl(), "postgres", "", 4)) {
            List<AlertLedger> nodes = List.of(new AlertLedger(a.dataSource(), Duration.ofMinutes(1)),
                    new AlertLedger(b.dataSource(), Duration.ofMinutes(1)), new AlertLedger(c.dataSource(), Duration.ofMinutes(1)));
            ExecutorService pool = Executors.newFixedThreadPool(9);
            try {
                List<Callable<Boolean>> claims = new ArrayList<>();
                List<Callable<Integer>> crossings = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    AlertLedger node = nodes.get(i % 3);
                    claims.add(() -> node.claim("webhook", "paused|catalog-products|" + now, now));
                    crossings.add(() -> node.crossing("shopify", true));
                }
                int won = 0;
                for (Future<Boolean> f : pool.invokeAll(claims)) {
                    won += f.get() ? 1 : 0;
                }
                assertThat(won).as("nodes that won the claim").isEqualTo(1);
                for (Future<Integer> f : pool.invokeAll(crossings)) {
                    assertThat(f.get()).as("the crossing every node sees").isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
            // sent by the winner: nobody claims it again, even once the claim would be stale
            nodes.get(0).sent("webhook", "paused|catalog-products|" + now);
            assertThat(nodes.get(1).claim("webhook", "paused|catalog-products|" + now, now.plus(Duration.ofHours(1)))).isFalse();
            assertThat(nodes.get(2).wasSent("webhook", "paused|catalog-products|" + now)).isTrue();
            // under and above again: the second crossing
            assertThat(nodes.get(1).crossing("shopify", false)).isEqualTo(1);
            assertThat(nodes.get(2).crossing("shopify", true)).isEqualTo(2);
            assertThat(nodes.get(0).crossing("shopify", true)).isEqualTo(2);
        }
    }
}
