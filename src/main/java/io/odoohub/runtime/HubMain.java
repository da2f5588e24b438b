package io.odoohub.runtime;

import org.apache.camel.main.Main;

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
        create().run(args);
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
