package io.odoohub.testsupport;

import io.odoohub.runtime.HubMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.awaitility.Awaitility;

/** The real runtime (HubMain, application.properties, routes/), in-process, with test overrides. */
public final class HubRuntime implements AutoCloseable {

    private final Main main;
    private final int httpPort;
    private final Path dataDir;

    private HubRuntime(Main main, int httpPort, Path dataDir) {
        this.main = main;
        this.httpPort = httpPort;
        this.dataDir = dataDir;
    }

    /** Starts with a fresh data dir and free ports; {@code overrides} win over application.properties. */
    public static HubRuntime start(Path dataDir, Map<String, String> overrides) throws Exception {
        return start(dataDir, overrides, Map.of());
    }

    /** As above, with beans bound in the registry before the connectors install (test doubles they look up). */
    public static HubRuntime start(Path dataDir, Map<String, String> overrides, Map<String, Object> beans) throws Exception {
        int httpPort = Ports.free();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("hub.data.dir", dataDir.toString());
        props.put("hub.http.port", String.valueOf(httpPort));
        props.put("hub.sandbox.port", String.valueOf(Ports.free()));
        props.put("hub.sandbox.demo-file", "");
        props.put("hub.console.port", String.valueOf(Ports.free()));
        props.put("hub.retry.initial-delay-ms", "50");
        props.put("hub.retry.max-delay-ms", "500");
        props.putAll(overrides);
        Main main = HubMain.create();
        props.forEach(main::addOverrideProperty);
        beans.forEach(main::bind);
        main.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> main.getCamelContext() != null
                && main.getCamelContext().isStarted());
        if (!"false".equals(props.get("hub.console.enabled"))) {
            // the console starts beside the runtime: wait until it listens
            int consolePort = Integer.parseInt(props.get("hub.console.port"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", consolePort)) {
                    return true;
                }
            });
        }
        return new HubRuntime(main, httpPort, dataDir);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public int httpPort() {
        return httpPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
