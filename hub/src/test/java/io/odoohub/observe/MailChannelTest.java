package io.odoohub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mail channel against a scripted SMTP server on loopback (one connection, plain SMTP with AUTH PLAIN). */
class MailChannelTest {

    private ServerSocket server;
    private final List<String> transcript = new CopyOnWriteArrayList<>();
    private CompletableFuture<Void> session;

    @BeforeEach
    void setUp() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        session = CompletableFuture.runAsync(this::serveOne);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void aNotificationIsMailedWithAuthenticationAndTheFacts() throws Exception {
        ObserveSettings.Smtp smtp = new ObserveSettings.Smtp("127.0.0.1", server.getLocalPort(), "hub", "s3cret-pw".toCharArray(),
                "hub@example.com", "ops@example.com, oncall@example.com", false, false);
        MailChannel channel = new MailChannel(smtp, Duration.ofSeconds(5));
        channel.send(new Notification("paused|f|t", Notification.FLOW_PAUSED, "catalog-products",
                "Flow catalog-products paused by runtime: credentials refused", Map.of("reason", "credentials refused"),
                Instant.parse("2026-11-23T10:00:00Z")));
        session.get(10, TimeUnit.SECONDS);

        assertThat(transcript).filteredOn(l -> l.startsWith("AUTH PLAIN ")).singleElement().satisfies(l ->
                assertThat(new String(Base64.getDecoder().decode(l.substring("AUTH PLAIN ".length())), StandardCharsets.UTF_8))
                        .endsWith("\0hub\0s3cret-pw"));
        assertThat(transcript).contains("MAIL FROM:<hub@example.com>", "RCPT TO:<ops@example.com>",
                "RCPT TO:<oncall@example.com>");
        assertThat(transcript).anySatisfy(l -> assertThat(l).startsWith("Subject: [odoo-hub] Flow catalog-products paused"));
        assertThat(transcript).contains("reason: credentials refused", "kind: flow-paused");
        assertThat(channel.name()).doesNotContain("s3cret-pw");
    }

    @Test
    void theSettingsNeverShowThePassword() {
        ObserveSettings.Smtp smtp = new ObserveSettings.Smtp("mail.example.com", 587, "hub", "s3cret-pw".toCharArray(),
                "hub@example.com", "ops@example.com", true, false);
        ObserveSettings settings = new ObserveSettings(Duration.ofSeconds(1), null, smtp, 10, Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(settings.toString()).contains("mail.example.com").doesNotContain("s3cret-pw");
    }

    @Test
    void aRefusedMailThrowsSoTheNextCheckTriesAgain() throws Exception {
        server.close();
        ObserveSettings.Smtp smtp = new ObserveSettings.Smtp("127.0.0.1", server.getLocalPort(), "", new char[0],
                "hub@example.com", "ops@example.com", false, false);
        assertThatThrownBy(() -> new MailChannel(smtp, Duration.ofSeconds(2)).send(new Notification("k", Notification.FLOW_PAUSED,
                "f", "m", Map.of(), Instant.now()))).isInstanceOf(Exception.class);
    }

    private void serveOne() {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(out, "220 fake ESMTP");
            boolean data = false;
            String line;
            while ((line = in.readLine()) != null) {
                transcript.add(line);
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        reply(out, "250 queued");
                    }
                } else if (line.startsWith("EHLO")) {
                    reply(out, "250-fake\r\n250 AUTH PLAIN");
                } else if (line.startsWith("AUTH PLAIN")) {
                    reply(out, "235 authenticated");
                } else if (line.equals("DATA")) {
                    data = true;
                    reply(out, "354 go on");
                } else if (line.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (java.io.IOException e) {
            transcript.add("server: " + e);
        }
    }

    private static void reply(OutputStream out, String text) throws java.io.IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
