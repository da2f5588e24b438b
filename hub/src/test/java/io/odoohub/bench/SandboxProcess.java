package io.odoohub.bench;

import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.SandboxClients;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox in a JVM of its own (seeded as {@link SandboxClients#start()} seeds one, which includes the Shopify models),
 * so that a benchmark's heap and latency figures are the hub's alone: the sandbox keeps every row it is sent in memory
 * (90,000 metric rows do not fit beside the hub in 256 MB, and its collections would pause the hub's threads), a real
 * Odoo keeps them in PostgreSQL on another machine.
 * <p>
 * Line protocol over the process's standard streams: the child prints {@code SANDBOX-URL <url>} once it listens; the
 * line {@code requests} on its standard input makes it print {@code SANDBOX-REQUESTS <n>}, the HTTP requests it has
 * answered so far ({@link OdooSandbox#requestCount()}), which is how {@link #requestCount()} reads it without an
 * XML-RPC call of its own; closing its standard input stops it. Its other output (its log) is read and dropped.
 */
final class SandboxProcess implements AutoCloseable {

    private static final String URL = "SANDBOX-URL ";
    private static final String REQUESTS = "SANDBOX-REQUESTS ";
    private static final String ASK_REQUESTS = "requests";

    private final Process process;
    private final String url;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private SandboxProcess(Process process, String url) {
        this.process = process;
        this.url = url;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static SandboxProcess start(String heap) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(URL)) {
                SandboxProcess sandbox = new SandboxProcess(p, line.substring(URL.length()).trim());
                sandbox.readAnswers(out);
                return sandbox;
            }
        }
        throw new IllegalStateException("the sandbox process ended before it listened");
    }

    /** Keeps the pipe empty, and hands the answers to {@link #requestCount()} over. */
    private void readAnswers(BufferedReader out) {
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(REQUESTS)) {
                        answers.add(line.substring(REQUESTS.length()).trim());
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "sandbox-process-out");
        reader.setDaemon(true);
        reader.start();
    }

    String url() {
        return url;
    }

    /** HTTP requests the sandbox has answered since it started (any endpoint, any status), as it counts them. */
    synchronized long requestCount() throws IOException, InterruptedException {
        stdin.write(ASK_REQUESTS + "\n");
        stdin.flush();
        String answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new IllegalStateException("the sandbox process did not tell its request count within 10 s");
        }
        return Long.parseLong(answer);
    }

    @Override
    public void close() throws IOException {
        stdin.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a sandbox on a free port, prints its URL, answers "requests" lines, and stops when its standard input closes. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            try (OdooSandbox sandbox = SandboxClients.start()) {
                System.out.println(URL + sandbox.url());
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    if (ASK_REQUESTS.equals(line.trim())) {
                        System.out.println(REQUESTS + sandbox.requestCount());
                        System.out.flush();
                    }
                }
            }
        }
    }
}
