package io.odoohub.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** The runtime as its own process ({@code java -jar hub/target/odoo-hub.jar}), for tests that kill it. */
public final class HubProcess implements AutoCloseable {

    private final Map<String, String> env;
    private final Path logDir;
    private final int httpPort;
    private Process process;
    private int starts;

    public HubProcess(Path logDir, int httpPort, Map<String, String> env) {
        this.logDir = logDir;
        this.httpPort = httpPort;
        this.env = env;
    }

    /**
     * {@code count} runtimes on one PostgreSQL, started one after the other: each with {@code env} (the Odoo and source
     * settings), the database, a master key shared by all (random), and its own data directory, console port and log
     * folder under {@code dir}. The caller closes them. When one fails to start, those already started are closed.
     */
    public static List<HubProcess> cluster(Path dir, int count, PostgresServer pg, Map<String, String> env) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> shared = new HashMap<>(env);
        shared.put("HUB_DB_URL", pg.jdbcUrl());
        shared.put("HUB_DB_USER", "postgres");
        shared.put("HUB_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        List<HubProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Map<String, String> own = new HashMap<>(shared);
                own.put("HUB_DATA_DIR", Files.createDirectories(dir.resolve("node-" + i)).toString());
                own.put("HUB_CONSOLE_PORT", String.valueOf(Ports.free()));
                HubProcess node = new HubProcess(Files.createDirectories(dir.resolve("log-" + i)), Ports.free(), own);
                nodes.add(node);
                node.start();
            }
            return nodes;
        } catch (Exception | Error e) {
            for (HubProcess n : nodes) {
                n.close();
            }
            throw e;
        }
    }

    public int httpPort() {
        return httpPort;
    }

    /** The operating system's id of the running process. */
    public long pid() {
        return process.pid();
    }

    /** Starts and waits until /observe/health answers UP. */
    public void start() throws IOException {
        Path jar = Path.of(System.getProperty("odoohub.jar", "hub/target/odoo-hub.jar")).toAbsolutePath();
        Path log = logDir.resolve("hub-" + (++starts) + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                jar.toString()).directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ODOO_") || k.startsWith("HUB_"));
        pb.environment().putAll(env);
        pb.environment().put("HUB_HTTP_PORT", String.valueOf(httpPort));
        process = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health/live")).build();
        // only "not listening yet" is waited out: a runtime that exited fails the start at once, with its log
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("runtime exited; log:\n" + Files.readString(log));
                        }
                        return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            // say how far its start got
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError("runtime still not live after 60 s; the end of its log:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())), e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
