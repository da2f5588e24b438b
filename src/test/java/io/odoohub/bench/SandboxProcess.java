package io.odoohub.bench;

import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.SandboxClients;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox in a JVM of its own, so that a benchmark's heap figure is the hub's alone: the sandbox keeps every row
 * it is sent in memory (90,000 metric rows do not fit beside the hub in 256 MB), a real Odoo keeps them in
 * PostgreSQL on another machine.
 */
final class SandboxProcess implements AutoCloseable {

    private final Process process;
    private final String url;

    private SandboxProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static SandboxProcess start(String heap) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("SANDBOX-URL ")) {
                String url = line.substring("SANDBOX-URL ".length()).trim();
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (Exception ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new SandboxProcess(p, url);
            }
        }
        throw new IllegalStateException("the sandbox process ended before it listened");
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws java.io.IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a sandbox on a free port, prints its URL, and stops when its standard input closes. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            try (OdooSandbox sandbox = SandboxClients.start()) {
                System.out.println("SANDBOX-URL " + sandbox.url());
                System.out.flush();
                while (System.in.read() != -1) {
                    // wait for the parent to close the pipe
                }
            }
        }
    }
}
