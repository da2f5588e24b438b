package io.odoohub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runtimes (each a JVM of its own, {@link ClusteredQuartzNode}: a CamelContext with the hub's Quartz) on one
 * PostgreSQL, one Quartz route firing every 2 s on both: each firing runs on exactly one runtime, none is lost; then
 * the runtime running a slow firing is killed (SIGKILL) and the other runs that firing again (Quartz's recovery) and
 * goes on firing the route alone.
 */
class ClusteredQuartzIT {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusteredQuartzIT.class);

    /** Short, so that a dead runtime is noticed within about 9 s (check-in + Quartz's 7.5 s grace). */
    private static final long CHECKIN_MS = 1000;
    private static final long PERIOD_MS = 2000;

    @TempDir
    Path dir;

    private PostgresServer postgres;
    private HubDatabase db;
    private final List<Process> nodes = new ArrayList<>();

    private record Firing(long fireTime, String node, String phase, boolean recovering) {
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : nodes) {
            p.destroyForcibly().waitFor();
        }
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void eachFiringRunsOnOneRuntimeAndADeadRuntimesFiringIsRunAgainByTheOther() throws Exception {
        postgres = PostgresServer.start();
        db = HubDatabase.open(postgres.jdbcUrl(), "postgres", "", 2);
        Jdbc jdbc = new Jdbc(db.dataSource());
        jdbc.update("create it_firing", "CREATE TABLE it_firing (id SERIAL PRIMARY KEY, fire_time BIGINT NOT NULL, node VARCHAR(10) NOT NULL,"
                + " phase VARCHAR(10) NOT NULL, recovering BOOLEAN NOT NULL, at_ms BIGINT NOT NULL)");
        jdbc.update("create it_control", "CREATE TABLE it_control (slow_left INT NOT NULL)");
        jdbc.update("no slow firing yet", "INSERT INTO it_control (slow_left) VALUES (0)");

        Process a = node("a");
        Process b = node("b");
        awaitReady("a");
        awaitReady("b");
        assertThat(jdbc.list("schedulers", "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = ?", rs -> rs.getString(1),
                ClusteredQuartz.SCHEDULER_NAME)).as("both runtimes checked in to one cluster").hasSize(2);

        // about 20 s of firings with both runtimes up
        long from = System.currentTimeMillis() + PERIOD_MS;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> done(jdbc, from).size() >= 10);
        List<Firing> both = firings(jdbc, from);
        Map<Long, List<String>> startsByFireTime = byFireTime(both, "start");
        assertThat(startsByFireTime.values()).as("each firing started on exactly one runtime: %s", startsByFireTime)
                .allSatisfy(nodesOfOne -> assertThat(nodesOfOne).hasSize(1));
        assertNoneMissing(byFireTime(both, "done"));

        // a slow firing; its runtime dies while it runs
        jdbc.update("one slow firing", "UPDATE it_control SET slow_left = 1");
        Firing slow = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> firings(jdbc, from).stream().filter(f -> f.phase().equals("slow")).findFirst(), java.util.Optional::isPresent).get();
        String dead = slow.node();
        String alive = dead.equals("a") ? "b" : "a";
        Process killed = dead.equals("a") ? a : b;
        killed.destroyForcibly().waitFor();
        long killedAt = System.currentTimeMillis();

        // the other runtime takes the firing over (Quartz's recovery) and goes on alone
        Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() -> firings(jdbc, from).stream()
                .anyMatch(f -> f.fireTime() == slow.fireTime() && f.phase().equals("done")));
        List<Firing> slowOnes = firings(jdbc, from).stream().filter(f -> f.fireTime() == slow.fireTime()).toList();
        assertThat(slowOnes).as("the slow firing: started on %s, killed, run again on %s", dead, alive)
                .contains(new Firing(slow.fireTime(), alive, "done", true))
                .noneMatch(f -> f.node().equals(dead) && f.phase().equals("done"));
        long lastBeforeEnd = System.currentTimeMillis();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> done(jdbc, from).stream()
                .filter(f -> f.fireTime() > lastBeforeEnd).count() >= 3);

        List<Firing> all = firings(jdbc, from);
        // what happened, for the report: fire time (s) -> node:phase, r = a recovering job
        LOG.info("slow firing {} started on {}, killed at {}; firings: {}", slow.fireTime(), dead, killedAt,
                all.stream().collect(Collectors.groupingBy(f -> (f.fireTime() - from) / 1000, TreeMap::new,
                        Collectors.mapping(f -> f.node() + ":" + f.phase() + (f.recovering() ? "(r)" : ""), Collectors.joining(",")))));
        Map<Long, List<String>> done = byFireTime(all, "done");
        assertThat(done.values()).as("each firing done once: %s", done).allSatisfy(n -> assertThat(n).hasSize(1));
        assertNoneMissing(done);
        assertThat(all.stream().filter(f -> f.fireTime() > killedAt + PERIOD_MS && f.phase().equals("done")).map(Firing::node))
                .as("after the kill only %s fires", alive).isNotEmpty().containsOnly(alive);
        assertThat(b.isAlive() || a.isAlive()).isTrue();
    }

    /** Every period from the first firing to the last has its firing. */
    private static void assertNoneMissing(Map<Long, List<String>> byFireTime) {
        long first = byFireTime.keySet().stream().min(Long::compare).orElseThrow();
        long last = byFireTime.keySet().stream().max(Long::compare).orElseThrow();
        List<Long> missing = new ArrayList<>();
        for (long t = first; t <= last; t += PERIOD_MS) {
            if (!byFireTime.containsKey(t)) {
                missing.add(t);
            }
        }
        assertThat(missing).as("firings missing between %d and %d: %s", first, last, byFireTime).isEmpty();
    }

    private static Map<Long, List<String>> byFireTime(List<Firing> firings, String phase) {
        return firings.stream().filter(f -> f.phase().equals(phase))
                .collect(Collectors.groupingBy(Firing::fireTime, TreeMap::new, Collectors.mapping(Firing::node, Collectors.toList())));
    }

    private static List<Firing> done(Jdbc jdbc, long from) {
        return firings(jdbc, from).stream().filter(f -> f.phase().equals("done")).toList();
    }

    private static List<Firing> firings(Jdbc jdbc, long from) {
        return jdbc.list("read firings", "SELECT fire_time, node, phase, recovering FROM it_firing WHERE fire_time >= ? ORDER BY id",
                rs -> new Firing(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)), from);
    }

    private Process node(String name) throws Exception {
        Path log = dir.resolve("node-" + name + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
                "-cp", System.getProperty("java.class.path"), ClusteredQuartzNode.class.getName(),
                postgres.jdbcUrl(), name, String.valueOf(CHECKIN_MS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        nodes.add(p);
        return p;
    }

    private void awaitReady(String name) {
        Path log = dir.resolve("node-" + name + ".log");
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!text.contains("NODE READY") && nodes.stream().anyMatch(p -> !p.isAlive())) {
                throw new AssertionError("runtime " + name + " ended before it was ready:\n" + text);
            }
            return text.contains("NODE READY " + name);
        });
        try {
            assertThat(Files.readString(log)).as("node %s", name).contains("clustered true");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
