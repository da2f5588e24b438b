package io.odoohub.console;

import io.odoohub.testsupport.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.security.auth.login.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the console on its own: the first user, a busy port, one console per JVM, clean stop. */
class ConsoleStartIT {

    @TempDir
    Path dir;

    private HubDatabase database;

    @BeforeEach
    void openStore() {
        database = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void firstUserIsCreatedAndItsPasswordFollowsTheSetting() throws Exception {
        try (HubConsole console = HubConsole.start(settings(Ports.free(), "boss", "first-passphrase-1"), database.dataSource())) {
            assertThat(console.users().roles("boss")).containsExactly("admin");
            assertThat(console.users().hasPassword("boss", "first-passphrase-1".toCharArray())).isTrue();
        }
        try (HubConsole console = HubConsole.start(settings(Ports.free(), "boss", "second-passphrase-2"), database.dataSource())) {
            assertThat(console.users().count()).isEqualTo(1);
            assertThat(console.users().hasPassword("boss", "second-passphrase-2".toCharArray())).isTrue();
            assertThat(console.users().hasPassword("boss", "first-passphrase-1".toCharArray())).isFalse();
        }
    }

    @Test
    void withoutUsersTheConsoleStartsLockedAndSaysHowToCreateOne() throws Exception {
        try (LogCapture logs = LogCapture.attach();
             HubConsole console = HubConsole.start(settings(Ports.free(), "", ""), database.dataSource())) {
            HttpResponse<String> jolokia = HttpClient.newHttpClient().send(HttpRequest.newBuilder(console.uri().resolve("jolokia/"))
                    .header("Origin", origin(console.uri())).POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(console.users().count()).isZero();
            assertThat(jolokia.statusCode()).isEqualTo(403);
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("HUB_CONSOLE_USER and HUB_CONSOLE_PASSWORD"));
        }
    }

    @Test
    void busyPortIsExplainedAndLeavesNothingBehind() throws Exception {
        Configuration before = currentJaas();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> HubConsole.start(settings(busy.getLocalPort(), "boss", "first-passphrase-1"), database.dataSource()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(busy.getLocalPort()))
                    .hasMessageContaining("HUB_CONSOLE_PORT")
                    .hasMessageNotContaining("first-passphrase-1");
        }

        assertThat(System.getProperty("hawtio.realm")).isNull();
        assertThat(currentJaas()).isSameAs(before);
        // and a console can start again in this JVM
        try (HubConsole console = HubConsole.start(settings(Ports.free(), "boss", "first-passphrase-1"), database.dataSource())) {
            assertThat(System.getProperty("hawtio.realm")).isEqualTo(HubConsole.REALM);
            assertThat(currentJaas().getAppConfigurationEntry(HubConsole.REALM)).hasSize(1);
        }
        assertThat(System.getProperty("hawtio.realm")).isNull();
        assertThat(currentJaas()).isSameAs(before);
    }

    @Test
    void oneConsolePerJvm() throws Exception {
        try (HubConsole first = HubConsole.start(settings(Ports.free(), "boss", "first-passphrase-1"), database.dataSource())) {
            assertThatThrownBy(() -> HubConsole.start(settings(Ports.free(), "", ""), database.dataSource()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hub.console.enabled=false");

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(first.uri().resolve("auth/config")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void behindATlsProxyTheProxysOriginIsAcceptedAndNoOther() throws Exception {
        ConsoleSettings proxied = new ConsoleSettings(true, "127.0.0.1", Ports.free(), "boss", "first-passphrase-1".toCharArray(),
                Set.of("admin"), List.of("https://hub.example.com"), 1800, dir.resolve("console"));
        try (HubConsole console = HubConsole.start(proxied, database.dataSource())) {
            assertThat(jolokiaStatus(console, "https://hub.example.com")).isEqualTo(200);
            assertThat(jolokiaStatus(console, "https://evil.example.com")).isEqualTo(403);
            assertThat(jolokiaStatus(console, origin(console.uri()))).isEqualTo(200);
        }
    }

    @Test
    void settingsAreCheckedAtStart() {
        assertThatThrownBy(() -> settings(8081, "boss", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_CONSOLE_PASSWORD");
        assertThatThrownBy(() -> settings(8081, "", "lonely-passphrase"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_CONSOLE_USER")
                .hasMessageNotContaining("lonely-passphrase");
        assertThatThrownBy(() -> new ConsoleSettings(true, "127.0.0.1", 8081, "", new char[0], Set.of("admin"),
                List.of("https://*.example.com"), 1800, dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hub.console.allowed-origins");
        assertThat(new ConsoleSettings(true, "127.0.0.1", 8081, "", new char[0], Set.of("admin"),
                List.of("https://hub.example.com"), 1800, dir).allowedOrigins())
                .containsExactly("http://127.0.0.1:8081", "http://localhost:8081", "http://[::1]:8081", "https://hub.example.com");
        assertThat(settings(8081, "boss", "secret-passphrase-9").toString()).doesNotContain("secret-passphrase-9");
    }

    private ConsoleSettings settings(int port, String user, String password) {
        return new ConsoleSettings(true, "127.0.0.1", port, user, password.toCharArray(), Set.of("admin"), List.of(), 1800,
                dir.resolve("console"));
    }

    /** The status in Jolokia's answer to a logged-in request from {@code origin}. */
    private static int jolokiaStatus(HubConsole console, String origin) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("boss:first-passphrase-1".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(console.uri().resolve("jolokia/"))
                .header("Origin", origin).header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body()).path("status").asInt();
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static Configuration currentJaas() {
        try {
            return Configuration.getConfiguration();
        } catch (SecurityException e) {
            return null;
        }
    }
}
