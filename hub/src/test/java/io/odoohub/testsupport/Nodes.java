package io.odoohub.testsupport;

import io.odoohub.store.HubDatabase;
import java.nio.file.Files;
import java.util.List;

/**
 * Three hub nodes on one database, as the several-nodes tests race them: three connection pools (of 4) on a throwaway
 * {@link PostgresServer}, or on one H2 file two pools, the first standing for two nodes.
 */
public final class Nodes {

    /** What a test does with the nodes' databases (always three, in node order). */
    @FunctionalInterface
    public interface Check {
        void run(List<HubDatabase> nodes) throws Exception;
    }

    private Nodes() {
    }

    public static void onPostgres(Check check) throws Exception {
        try (PostgresServer pg = PostgresServer.start();
             HubDatabase a = HubDatabase.open(pg.jdbcUrl(), "postgres", "", 4);
             HubDatabase b = HubDatabase.open(pg.jdbcUrl(), "postgres", "", 4);
             HubDatabase c = HubDatabase.open(pg.jdbcUrl(), "postgres", "", 4)) {
            check.run(List.of(a, b, c));
        }
    }

    /** On a new H2 file in a temporary folder named after {@code name}. */
    public static void onH2File(String name, Check check) throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory(name).resolve("hub");
        try (HubDatabase a = HubDatabase.open(url, "sa", "", 4); HubDatabase b = HubDatabase.open(url, "sa", "", 4)) {
            check.run(List.of(a, b, a));
        }
    }
}
