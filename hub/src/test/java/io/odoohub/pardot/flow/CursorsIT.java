package io.odoohub.pardot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.shopify.flow.ShopifyState;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.Nodes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The pull and push cursors (Pardot's updatedAt, the Shopify push's write_date and the initial import's pages) move
 * by compare-and-set: of nodes that ran from the same value only one moves it, and a cursor never goes back; on
 * PostgreSQL (three pools, as three nodes) and on an H2 file.
 */
class CursorsIT {

    private static final Instant T1 = Instant.parse("2026-12-06T10:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-12-06T10:05:00.456Z");

    @Test
    void onPostgresOneNodeMovesEachCursor() throws Exception {
        Nodes.onPostgres(CursorsIT::check);
    }

    @Test
    void onH2OneNodeMovesEachCursor() throws Exception {
        Nodes.onH2File("cursors", CursorsIT::check);
    }

    private static void check(List<HubDatabase> nodes) throws Exception {
        List<PardotState> pardot = nodes.stream().map(d -> new PardotState(d.dataSource(), Clock.systemUTC())).toList();
        List<ShopifyState> shopify = nodes.stream().map(d -> new ShopifyState(d.dataSource(), Clock.systemUTC())).toList();
        // every node pulled from "no cursor yet" at once: one moves it
        assertThat(race(i -> pardot.get(i % 3).advanceCursor("prospects", null, T1))).isEqualTo(1);
        assertThat(race(i -> shopify.get(i % 3).advanceCursor("push.write_date", null, "2026-12-06 10:00:00"))).isEqualTo(1);
        assertThat(pardot.get(2).cursor("prospects")).isEqualTo(T1);
        // from the value they all read: one moves it on
        assertThat(race(i -> pardot.get(i % 3).advanceCursor("prospects", T1, T2))).isEqualTo(1);
        assertThat(race(i -> shopify.get(i % 3).advanceCursor("push.write_date", "2026-12-06 10:00:00", "2026-12-06 10:05:00"))).isEqualTo(1);
        // a node that ran from the old value does not move it back
        assertThat(pardot.get(0).advanceCursor("prospects", T1, T1.plusSeconds(1))).isFalse();
        assertThat(pardot.get(1).cursor("prospects")).isEqualTo(T2);
        assertThat(shopify.get(1).advanceCursor("push.write_date", "2026-12-06 10:00:00", "2026-12-06 10:01:00")).isFalse();
        assertThat(shopify.get(2).cursor("push.write_date")).contains("2026-12-06 10:05:00");
        // the import's page cursor, reset to none by a new range (a row holding null): one node takes each page
        shopify.get(0).saveCursor("import.orders", null);
        assertThat(race(i -> shopify.get(i % 3).advanceCursor("import.orders", null, "250|cursor-1"))).isEqualTo(1);
        assertThat(race(i -> shopify.get(i % 3).advanceCursor("import.orders", "250|cursor-1", "500|cursor-2"))).isEqualTo(1);
        assertThat(shopify.get(1).cursor("import.orders")).contains("500|cursor-2");
    }

    /** Nine tries at once, three per node; answers how many moved the cursor. */
    private static int race(java.util.function.IntFunction<Boolean> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Callable<Boolean>> tries = java.util.stream.IntStream.range(0, 9).<Callable<Boolean>>mapToObj(i -> () -> attempt.apply(i)).toList();
            int moved = 0;
            for (Future<Boolean> f : pool.invokeAll(tries)) {
                moved += f.get() ? 1 : 0;
            }
            return moved;
        } finally {
            pool.shutdownNow();
        }
    }
}
