package io.odoohub.runtime;

import io.odoohub.support.Setting;
import java.util.List;

/**
 * The settings Camel reads itself (the HTTP server, the routes folder), declared so that they are documented and checked
 * at start with the others ({@link DeclaredSettings#check}). Camel's fixed configuration in application.properties
 * (no environment variable) is not declared.
 */
public final class ServerSettings {

    static final Setting<Integer> HTTP_PORT = Setting.integer("hub.http.port", "HUB_HTTP_PORT", "8080",
            "HTTP server: health (`/observe/health`), the API and the webhooks").check(v -> v >= 0 && v <= 65535, "must be a port number")
            .type("port");
    static final Setting<String> HTTP_HOST = Setting.text("camel.server.host", "HUB_HTTP_HOST", "0.0.0.0",
            "interface the HTTP server binds to");
    static final Setting<Integer> HTTP_MAX_BODY_BYTES = Setting.positive("camel.server.maxBodySize", "HUB_HTTP_MAX_BODY_BYTES",
            "16777216", "largest request body read on that port (413 above it); webhooks have a lower cap of their own, applied"
                    + " while they are read (bytes)");
    static final Setting<String> ROUTES_DIR = Setting.text("hub.routes.dir", "HUB_ROUTES_DIR", "routes",
            "folder of the YAML routes (`*.camel.yaml`) and of the catalog's mapping profile");
    static final Setting<Boolean> ROUTES_RELOAD = Setting.bool("camel.main.routes-reload-enabled", "HUB_ROUTES_RELOAD", "false",
            "reload `routes/*.camel.yaml` when they change (Java routes stay)");

    /** Every setting of this class, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(HTTP_PORT, HTTP_HOST, HTTP_MAX_BODY_BYTES, ROUTES_DIR, ROUTES_RELOAD);

    private ServerSettings() {
    }
}
