package io.odoohub.console;

import static io.odoohub.support.SettingsReader.read;

import io.odoohub.support.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The console's settings ({@code hub.console.*} in application.properties, each overridable by the environment
 * variable named there), declared in {@link #DECLARED} and checked at start so a bad value stops the start with its name.
 *
 * @param enabled            whether the console starts at all
 * @param host               the address Jetty binds ({@code 127.0.0.1} unless exposed on purpose)
 * @param port               the console's port; it is served under {@code /hawtio}
 * @param firstUser          the admin created at start when set, with {@code firstPassword}
 * @param firstPassword      secret: never logged, never in {@link #toString()}
 * @param roles              the roles admitted to the console
 * @param extraOrigins       browser origins besides this host and port (e.g. a reverse proxy's https address)
 * @param sessionTimeoutSeconds idle time after which a console login expires
 * @param workDir            where the WAR is unpacked and the Jolokia policy written
 */
public record ConsoleSettings(
        boolean enabled, String host, int port,
        String firstUser, char[] firstPassword,
        Set<String> roles, List<String> extraOrigins,
        int sessionTimeoutSeconds, Path workDir) {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:]+\\](:[0-9]{1,5})?");

    public ConsoleSettings {
        roles = Set.copyOf(roles);
        extraOrigins = List.copyOf(extraOrigins);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("setting hub.console.port must be a port number, was " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("setting hub.console.host must not be empty");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("setting hub.console.roles must name at least one role");
        }
        for (String origin : extraOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("setting hub.console.allowed-origins takes origins such as https://hub.example.com"
                        + " (scheme, host, optional port; no path, no wildcard), was '" + origin + "'");
            }
        }
        if (sessionTimeoutSeconds < 60) {
            throw new IllegalArgumentException("setting hub.console.session-timeout-minutes must be at least 1");
        }
        boolean hasUser = firstUser != null && !firstUser.isBlank();
        boolean hasPassword = firstPassword != null && firstPassword.length > 0;
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException("set both HUB_CONSOLE_USER and HUB_CONSOLE_PASSWORD (hub.console.user,"
                    + " hub.console.password) or neither; only " + (hasUser ? "the user" : "the password") + " is set");
        }
    }

    static final Setting<Boolean> ENABLED = Setting.bool("hub.console.enabled", "HUB_CONSOLE_ENABLED", "true",
            "whether the Hawtio console (and the operator's page) starts");
    static final Setting<String> HOST = Setting.text("hub.console.host", "HUB_CONSOLE_HOST", "127.0.0.1",
            "the address the console binds (127.0.0.1 unless exposed on purpose)");
    static final Setting<Integer> PORT = Setting.integer("hub.console.port", "HUB_CONSOLE_PORT", "8081",
            "the console's port; it is served under `/hawtio`").type("port");
    static final Setting<String> USER = Setting.text("hub.console.user", "HUB_CONSOLE_USER", "",
            "the first admin, created (or its password reset) at start with `hub.console.password`; both or neither");
    static final Setting<String> PASSWORD = Setting.text("hub.console.password", "HUB_CONSOLE_PASSWORD", "",
            "that admin's password; no default").secret();
    static final Setting<String> ROLES = Setting.text("hub.console.roles", "HUB_CONSOLE_ROLES", "admin",
            "roles admitted to the console (comma-separated)");
    static final Setting<String> ALLOWED_ORIGINS = Setting.text("hub.console.allowed-origins", "HUB_CONSOLE_ALLOWED_ORIGINS", "",
            "browser origins besides host:port, e.g. `https://hub.example.com` behind a reverse proxy (Jolokia refuses others)");
    static final Setting<Integer> SESSION_TIMEOUT_MINUTES = Setting.positive("hub.console.session-timeout-minutes",
            "HUB_CONSOLE_SESSION_TIMEOUT_MINUTES", "30", "idle time after which a console login expires (minutes)");

    /** Every setting of the console, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(ENABLED, HOST, PORT, USER, PASSWORD, ROLES, ALLOWED_ORIGINS,
            SESSION_TIMEOUT_MINUTES);

    public static ConsoleSettings from(PropertiesComponent p, Path dataDir) {
        return new ConsoleSettings(
                read(p, ENABLED),
                read(p, HOST),
                read(p, PORT),
                read(p, USER),
                read(p, PASSWORD).toCharArray(),
                new LinkedHashSet<>(list(read(p, ROLES))),
                list(read(p, ALLOWED_ORIGINS)),
                read(p, SESSION_TIMEOUT_MINUTES) * 60,
                dataDir.resolve("console"));
    }

    /** Whether the console is switched on, read without checking the other settings. */
    public static boolean enabled(PropertiesComponent p) {
        return read(p, ENABLED);
    }

    /** Where the console is, as a URL, read without checking the other settings. */
    public static String url(PropertiesComponent p) {
        return "http://" + read(p, HOST) + ":" + read(p, PORT) + "/hawtio/";
    }

    /** The first admin named by {@code hub.console.user}, or empty. */
    public static String firstUser(PropertiesComponent p) {
        return read(p, USER);
    }

    public boolean hasFirstUser() {
        return firstUser != null && !firstUser.isBlank();
    }

    /** The origins a browser may call Jolokia from: this host and port (with loopback aliases), plus the extra ones. */
    public List<String> allowedOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("127.0.0.1") || h.equals("localhost") || h.equals("0.0.0.0") || h.equals("::") || h.equals("::1")) {
            origins.add("http://127.0.0.1:" + port);
            origins.add("http://localhost:" + port);
            origins.add("http://[::1]:" + port);
        } else {
            origins.add("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port);
        }
        extraOrigins.forEach(o -> origins.add(o.toLowerCase(Locale.ROOT)));
        return new ArrayList<>(origins);
    }


    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }



    @Override
    public String toString() {
        // never the password
        return "ConsoleSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", firstUser="
                + (hasFirstUser() ? firstUser : "(none)") + ", roles=" + roles + ", extraOrigins=" + extraOrigins
                + ", sessionTimeoutSeconds=" + sessionTimeoutSeconds + ", workDir=" + workDir + "]";
    }
}
