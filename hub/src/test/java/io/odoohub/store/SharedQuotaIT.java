package io.odoohub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.Nodes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A quota counted in the database is one quota for every node on it: three nodes (three connection pools on one
 * database) taking calls at once never take more than the limit together, on PostgreSQL and on an H2 file.
 */
class SharedQuotaIT {

    private static final LocalDate DAY = LocalDate.parse("2026-12-06");

    @Test
    void threeNodesOnPostgresTakeNoMoreThanTheLimitTogether() throws Exception {
        Nodes.onPostgres(SharedQuotaIT::takeAtOnce);
    }

    @Test
    void threeNodesOnAnH2FileTakeNoMoreThanTheLimitTogether() throws Exception {
        Nodes.onH2File("shared-quota", SharedQuotaIT::takeAtOnce);
    }

    private static void takeAtOnce(List<HubDatabase> databases) throws Exception {
        List<SharedQuota> nodes = databases.stream().map(d -> new SharedQuota(d.dataSource())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                SharedQuota node = nodes.get(i % nodes.size());
                calls.add(() -> node.take("pardot:bu-1", DAY, 120));
            }
            int taken = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                taken += f.get() ? 1 : 0;
            }
            assertThat(taken).as("calls taken by the nodes together").isEqualTo(120);
            assertThat(nodes).allSatisfy(n -> assertThat(n.used("pardot:bu-1", DAY)).isEqualTo(120));
            // another quota and another day are counts of their own; a new day forgets days older than a week
            assertThat(nodes.get(0).take("pardot:bu-2", DAY, 1)).isTrue();
            assertThat(nodes.get(1).take("pardot:bu-2", DAY, 1)).isFalse();
            assertThat(nodes.get(2).take("pardot:bu-1", DAY.plusDays(SharedQuota.KEPT_DAYS + 1), 120)).isTrue();
            assertThat(nodes.get(0).used("pardot:bu-1", DAY)).as("a day over a week old is forgotten").isZero();
            assertThat(nodes.get(0).used("pardot:bu-2", DAY)).as("another quota's days are its own").isEqualTo(1);
            assertThat(nodes.get(0).take("pardot:bu-1", DAY, 0)).as("no limit, no call").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}
