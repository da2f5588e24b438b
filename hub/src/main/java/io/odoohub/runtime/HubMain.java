package io.odoohub.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * Starts odoo-hub: Camel Main with the top-level {@code application.properties} (falling back to the copy in the
 * jar), the Java routes wired by {@link HubConfiguration}, and every {@code routes/*.camel.yaml}.
 */
public final class HubMain {

    /** Set HUB_CONFIG_FILE to read another properties file than ./application.properties. */
    static final String CONFIG_FILE_ENV = "HUB_CONFIG_FILE";

    private HubMain() {
    }

    public static void main(String[] args) throws Exception {
        String routesDir = System.getenv().getOrDefault("HUB_ROUTES_DIR", "routes");
        if (!Files.isDirectory(Path.of(routesDir))) {
            LoggerFactory.getLogger(HubMain.class).error("The routes folder '{}' does not exist in {}. Run odoo-hub from its own folder"
                    + " (where routes/ and application.properties are) or set HUB_ROUTES_DIR.", routesDir, Path.of("").toAbsolutePath());
            System.exit(2);
        }
        try {
            create().run(args);
        } catch (Exception e) {
            // a setting refused at start: without an exit the threads already started would keep a dead hub running
            LoggerFactory.getLogger(HubMain.class).error("odoo-hub did not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    public static Main create() {
        Main main = new Main();
        String file = System.getenv().getOrDefault(CONFIG_FILE_ENV, "application.properties");
        // the first location that has a key wins: the file users edit, then the copy in the jar
        main.setPropertyPlaceholderLocations("file:" + file + ";optional=true,classpath:application.properties;optional=true");
        main.configure().addConfiguration(HubConfiguration.class);
        return main;
    }
}
