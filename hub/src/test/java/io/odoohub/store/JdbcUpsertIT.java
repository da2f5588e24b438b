package io.odoohub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.Nodes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Jdbc#upsert} and {@link Jdbc#insertUnlessTaken} with several nodes (connection pools) on one database, on
 * PostgreSQL and on an H2 file: eight threads write the same new key at the same moment, round after round. Each call
 * inserts or updates once and none fails, exactly one insert is reported, and the row holds the last writer's value
 * (the column {@code history} lists every write in the order the database ran them). The rounds must have raced: some
 * inserts found the key taken, which is the path under test.
 */
class JdbcUpsertIT {

    private static final int THREADS = 8;
    private static final int ROUNDS = 40;
    private static final String UPDATE = "UPDATE race_row SET v = ?, history = history || ',' || ? WHERE k = ?";
    private static final String INSERT = "INSERT INTO race_row (k, v, history) VALUES (?, ?, ?)";

    @Test
    void onPostgresEachWriteLandsOnceAndOneInsertIsReported() throws Exception {
        Nodes.onPostgres(JdbcUpsertIT::race);
    }

    @Test
    void onAnH2FileEachWriteLandsOnceAndOneInsertIsReported() throws Exception {
        Nodes.onH2File("jdbc-upsert", JdbcUpsertIT::race);
    }

    private static void race(List<HubDatabase> pools) throws Exception {
        AtomicInteger insertsTried = new AtomicInteger();
        List<Jdbc> nodes = pools.stream().map(d -> new Jdbc(countingInserts(d.dataSource(), insertsTried))).toList();
        nodes.get(0).update("could not create the table", "CREATE TABLE race_row (k VARCHAR(40) PRIMARY KEY, v VARCHAR(40) NOT NULL,"
                + " history VARCHAR(4000) NOT NULL)");
        int inserted = 0;
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String key = "upsert-" + round;
                List<Boolean> results = atOnce(threads, i -> {
                    String token = "t" + i;
                    return nodes.get(i % nodes.size()).upsert("could not write " + key, UPDATE, new Object[] {token, token, key}, INSERT,
                            new Object[] {key, token, token});
                });
                assertThat(results).as("calls that inserted " + key).containsOnlyOnce(true);
                assertOneWriteEach(nodes.get(round % nodes.size()), key);

                // in a transaction (two rows, in the same order on every node): the insert under a savepoint
                String first = "tx-a-" + round;
                String second = "tx-b-" + round;
                AtomicInteger firstInserts = new AtomicInteger();
                AtomicInteger secondInserts = new AtomicInteger();
                atOnce(threads, i -> nodes.get(i % nodes.size()).inTransaction("could not write " + first, c -> {
                    String token = "t" + i;
                    if (Jdbc.upsert(c, UPDATE, new Object[] {token, token, first}, INSERT, new Object[] {first, token, token})) {
                        firstInserts.incrementAndGet();
                    }
                    if (Jdbc.upsert(c, UPDATE, new Object[] {token, token, second}, INSERT, new Object[] {second, token, token})) {
                        secondInserts.incrementAndGet();
                    }
                    return true;
                }));
                assertThat(firstInserts).as("transactions that inserted " + first).hasValue(1);
                assertThat(secondInserts).as("transactions that inserted " + second).hasValue(1);
                assertOneWriteEach(nodes.get(0), first);
                assertOneWriteEach(nodes.get(1), second);

                String once = "once-" + round;
                List<Boolean> claims = atOnce(threads, i -> nodes.get(i % nodes.size()).insertUnlessTaken("could not claim " + once, INSERT, once,
                        "t" + i, "t" + i));
                assertThat(claims).as("calls that inserted " + once).containsOnlyOnce(true);
                String winner = "t" + claims.indexOf(true);
                assertThat(nodes.get(2).one("could not read", "SELECT v, history FROM race_row WHERE k = ?", rs -> rs.getString(1) + "|"
                        + rs.getString(2), once)).as("the row of the one insert, left as it is").contains(winner + "|" + winner);
                inserted += 4;
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(insertsTried.get() - inserted).as("inserts that found their key taken: the rounds raced").isPositive();
    }

    /** Every thread wrote once (none lost, none twice), and the row holds the value of the last write. */
    private static void assertOneWriteEach(Jdbc node, String key) {
        String[] row = node.one("could not read " + key, "SELECT v, history FROM race_row WHERE k = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, key).orElseThrow();
        List<String> writes = Arrays.asList(row[1].split(","));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            tokens.add("t" + i);
        }
        assertThat(writes).as("the writes of " + key + ", in the order they ran").containsExactlyInAnyOrderElementsOf(tokens);
        assertThat(row[0]).as("the value of " + key).isEqualTo(writes.get(writes.size() - 1));
    }

    /** Runs the call once per thread, all released at the same moment; the results in the threads' order. */
    private static List<Boolean> atOnce(ExecutorService threads, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            calls.add(() -> {
                start.await();
                return call.run(n);
            });
        }
        List<Future<Boolean>> futures = new ArrayList<>();
        for (Callable<Boolean> c : calls) {
            futures.add(threads.submit(c));
        }
        start.countDown();
        List<Boolean> out = new ArrayList<>();
        for (Future<Boolean> f : futures) {
            out.add(f.get()); // a call that threw fails the test here
        }
        return out;
    }

    @FunctionalInterface
    private interface Call {
        boolean run(int thread) throws Exception;
    }

    /** The pool, counting the statements it prepares that insert into race_row. */
    private static DataSource countingInserts(DataSource ds, AtomicInteger inserts) {
        return (DataSource) Proxy.newProxyInstance(JdbcUpsertIT.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object out = invoke(ds, m, args);
            if (!"getConnection".equals(m.getName())) {
                return out;
            }
            Connection c = (Connection) out;
            return Proxy.newProxyInstance(JdbcUpsertIT.class.getClassLoader(), new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                if ("prepareStatement".equals(cm.getName()) && ((String) cargs[0]).startsWith("INSERT INTO race_row")) {
                    inserts.incrementAndGet();
                }
                return invoke(c, cm, cargs);
            });
        });
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
