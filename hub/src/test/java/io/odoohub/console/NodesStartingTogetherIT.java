package io.odoohub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.api.ApiTokens;
import io.odoohub.security.Pbkdf2PasswordHasher;
import io.odoohub.store.HubDatabase;
import io.odoohub.store.Jdbc;
import io.odoohub.testsupport.Nodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Nodes started at the same moment with the same HUB_ADMIN_TOKEN and HUB_CONSOLE_USER (three connection pools as three
 * nodes, each starting twice over, on PostgreSQL and on an H2 file): every start succeeds, the token is stored once,
 * and there is one console user, whose password is the one given.
 */
class NodesStartingTogetherIT {

    private static final String TOKEN = "nodes-starting-together-admin-token-0123";
    private static final String USER = "boss";
    private static final char[] PASSWORD = "first-passphrase-1".toCharArray();

    @Test
    void onPostgresEveryStartSucceedsAndStoresThemOnce() throws Exception {
        Nodes.onPostgres(NodesStartingTogetherIT::startTogether);
    }

    @Test
    void onAnH2FileEveryStartSucceedsAndStoresThemOnce() throws Exception {
        Nodes.onH2File("starting-together", NodesStartingTogetherIT::startTogether);
    }

    private static void startTogether(List<HubDatabase> nodes) throws Exception {
        ConsoleSettings settings = new ConsoleSettings(true, "127.0.0.1", 8081, USER, PASSWORD, Set.of("admin"), List.of(), 1800,
                Path.of(System.getProperty("java.io.tmpdir")));
        int starts = 6;
        ExecutorService threads = Executors.newFixedThreadPool(starts);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiTokens>> started = new ArrayList<>();
        try {
            for (int i = 0; i < starts; i++) {
                HubDatabase db = nodes.get(i % nodes.size());
                Callable<ApiTokens> start = () -> {
                    ApiTokens tokens = new ApiTokens(db.dataSource());
                    ConsoleUsers users = new ConsoleUsers(db.dataSource(), new Pbkdf2PasswordHasher(10_000));
                    go.await();
                    tokens.registerAdmin(TOKEN);
                    FirstUser.ensure(settings, users);
                    return tokens;
                };
                started.add(threads.submit(start));
            }
            go.countDown();
            for (Future<ApiTokens> f : started) {
                assertThat(f.get().authenticate(TOKEN)).as("the token works on every node").isPresent();
            }
        } finally {
            threads.shutdownNow();
        }
        Jdbc jdbc = new Jdbc(nodes.get(0).dataSource());
        assertThat(jdbc.one("count", "SELECT COUNT(*) FROM api_token", rs -> rs.getInt(1))).as("the token stored once").contains(1);
        assertThat(jdbc.one("count", "SELECT COUNT(*) FROM console_user", rs -> rs.getInt(1))).as("one console user").contains(1);
        ConsoleUsers users = new ConsoleUsers(nodes.get(1).dataSource(), new Pbkdf2PasswordHasher(10_000));
        assertThat(users.hasPassword(USER, PASSWORD)).isTrue();
    }
}
