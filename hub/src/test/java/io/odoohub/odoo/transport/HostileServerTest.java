package io.odoohub.odoo.transport;

import static io.odoohub.odoo.transport.RawHttpServer.answer;
import static io.odoohub.odoo.transport.RawHttpServer.head;
import static io.odoohub.odoo.transport.RawHttpServer.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.odoo.fault.OdooTransportException;
import io.odoohub.xmlrpc.XmlRpcWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transport against servers that misbehave on purpose. Every call must fail with the right exception, a clear
 * message, within its deadline, and the same transport must work again afterwards.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileServerTest {

    static final Duration DEADLINE = Duration.ofSeconds(3);
    static final long CAP = 2L * 1024 * 1024;
    static final TransportSettings SETTINGS = TransportSettings.defaults()
            .withConnectTimeout(Duration.ofSeconds(2))
            .withCallDeadline(DEADLINE)
            .withMaxResponseBytes(CAP);
    static final String SECRET = "s3cr3t-API-key-7f9a2b41c0";

    RawHttpServer server;
    XmlRpcTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = new RawHttpServer(xml(wire("01_version")));
        transport = new XmlRpcTransport(server.baseUri(), SETTINGS);
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.close();
    }

    // ---- HTTP statuses -----------------------------------------------------------------------------------

    @Test
    void htmlBadGatewayIsRetryableWithItsTextInTheMessage() {
        String page = "<html><head><title>502 Bad Gateway</title><style>body { width: 35em; }</style>"
                + "<script>var x = 1;</script></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n"
                + "<hr><center>nginx/1.22.1</center>\n</body></html>";
        server.behave(answer(502, "Bad Gateway", "text/html", bytes(page)));

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getHttpStatus()).isEqualTo(502);
        assertThat(e.getMessage())
                .contains("common.version", "HTTP 502", "502 Bad Gateway 502 Bad Gateway nginx/1.22.1")
                .doesNotContain("<", "width", "var x");
        assertWorksAgain();
    }

    @Test
    void serviceUnavailableIsRetryableAndKeepsRetryAfter() {
        server.behave(answer(503, "Service Unavailable", "text/plain", bytes("Odoo is restarting"), "Retry-After: 30"));

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getHttpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("HTTP 503", "Retry-After: 30", "Odoo is restarting");
        assertWorksAgain();
    }

    @Test
    void tooManyRequestsIsRetryable() {
        server.behave(answer(429, "Too Many Requests", "text/html", bytes("<p>slow down</p>")));

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getHttpStatus()).isEqualTo(429);
        assertThat(e.getMessage()).contains("HTTP 429", "slow down");
        assertWorksAgain();
    }

    @Test
    void serverErrorAndNotFoundAreNotRetryable() {
        String longPage = "<h1>Internal Server Error</h1>" + "x".repeat(5000);
        server.behave(answer(500, "Internal Server Error", "text/html", bytes(longPage)));
        OdooTransportException e500 = fails(() -> transport.version(), Duration.ofSeconds(1));
        assertThat(e500.isRetryable()).isFalse();
        assertThat(e500.getHttpStatus()).isEqualTo(500);
        assertThat(e500.getMessage()).contains("HTTP 500", "Internal Server Error x").hasSizeLessThan(400);

        server.behave(answer(404, "Not Found", "text/html", bytes("<h1>Not Found</h1>")));
        OdooTransportException e404 = fails(() -> transport.version(), Duration.ofSeconds(1));
        assertThat(e404.isRetryable()).isFalse();
        assertThat(e404.getHttpStatus()).isEqualTo(404);
        assertWorksAgain();
    }

    // ---- broken bodies -----------------------------------------------------------------------------------

    @Test
    void truncatedBodyIsRetryable() {
        byte[] full = wire("01_version");
        server.behave((s, req, srv) -> {
            OutputStream out = s.getOutputStream();
            srv.write(out, head(200, "OK", "text/xml; charset=utf-8", full.length));
            srv.write(out, Arrays.copyOf(full, 100));
        });

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("cut off after 100 of " + full.length + " bytes");
        assertWorksAgain();
    }

    @Test
    void externalEntityIsRefusedAndTheFileNeverShows() throws IOException {
        String firstLineOfPasswd = Files.readAllLines(Path.of("/etc/passwd")).get(0);
        String body = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>";
        server.behave(xml(bytes(body)));

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("not acceptable XML-RPC", "DOCTYPE");
        assertThat(chainText(e)).doesNotContain(firstLineOfPasswd);
        assertWorksAgain();
    }

    @Test
    void billionLaughsIsRefusedFast() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        sb.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        sb.append("]>\n<methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>");
        server.behave(xml(bytes(sb.toString())));

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("lollollol");
        assertWorksAgain();
    }

    @Test
    void hundredThousandNestedArraysHitTheDepthCapWithoutStackOverflow() {
        server.behave((s, req, srv) -> {
            OutputStream out = s.getOutputStream();
            srv.write(out, head(200, "OK", "text/xml", -1));
            srv.write(out, bytes("<?xml version=\"1.0\"?><methodResponse><params><param>"));
            byte[] level = bytes("<value><array><data>");
            byte[] chunk = bytes(new String(level, StandardCharsets.US_ASCII).repeat(1000));
            for (int i = 0; i < 100; i++) {
                srv.write(out, chunk);
            }
        });

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(2));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("nested deeper than 64 levels");
        assertWorksAgain();
    }

    @Test
    void hundredMegabyteStringIsRefusedAtTheByteCapWithoutBeingHeld() {
        long hundredMb = 100L * 1024 * 1024;
        server.behave((s, req, srv) -> {
            OutputStream out = s.getOutputStream();
            srv.write(out, head(200, "OK", "text/xml", -1)); // no Content-Length: only the stream cap can stop it
            srv.write(out, bytes("<?xml version=\"1.0\"?><methodResponse><params><param><value><string>"));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'A');
            for (long sent = 0; sent < hundredMb; sent += chunk.length) {
                srv.write(out, chunk);
            }
            srv.write(out, bytes("</string></value></param></params></methodResponse>"));
        });
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        long before = memory.getHeapMemoryUsage().getUsed();

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(2));

        memory.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("larger than " + CAP + " bytes");
        assertThat(after - before).as("heap growth").isLessThan(hundredMb);
        // the client stopped reading at the cap: the server could only fill the socket buffers beyond it
        assertThat(server.bytesWritten()).isLessThan(hundredMb / 4);
        assertWorksAgain();
    }

    @Test
    void declaredHugeContentLengthIsRefusedBeforeReading() {
        server.behave((s, req, srv) -> {
            srv.write(s.getOutputStream(), head(200, "OK", "text/xml", 100L * 1024 * 1024));
            readUntilClientLeaves(s, req, srv);
        });

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.getMessage()).contains("answer of 104857600 bytes is larger than the cap of " + CAP);
        assertThat(e.isRetryable()).isFalse();
        assertWorksAgain();
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] prefix = bytes("<?xml version=\"1.0\"?><methodResponse><params><param><value><string>caf");
        byte[] suffix = bytes("</string></value></param></params></methodResponse>");
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
        server.behave(xml(body));

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("not acceptable XML-RPC");
        assertWorksAgain();
    }

    @Test
    void notXmlIsRefused() {
        server.behave(xml(bytes("Internal error, please try again {\"json\": true}")));

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains("not acceptable XML-RPC", "malformed");
        assertWorksAgain();
    }

    @Test
    void htmlWithStatus200IsRefused() {
        server.behave(answer(200, "OK", "text/html; charset=utf-8",
                bytes("<!DOCTYPE html><html><body><h1>Odoo is under maintenance</h1></body></html>")));

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains("text/html", "not XML-RPC", "Odoo is under maintenance").doesNotContain("<h1>");
        assertWorksAgain();
    }

    // ---- slow and silent servers -------------------------------------------------------------------------

    @Test
    void bodyTrickledOneBytePerTwoSecondsFailsAtTheDeadline() {
        byte[] full = wire("01_version");
        server.behave((s, req, srv) -> {
            OutputStream out = s.getOutputStream();
            srv.write(out, head(200, "OK", "text/xml", full.length));
            for (int i = 0; i < full.length && !srv.awaitStop(i == 0 ? 0 : 2000); i++) {
                srv.write(out, new byte[] {full[i]});
            }
        });

        OdooTransportException e = failsAtDeadline(
                () -> transport.executeKw("hub", 2, SECRET, "product.template", "load", List.of(), Map.of()));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("Odoo call object.execute_kw(product.template.load)", "exceeded its 3 s deadline");
        assertWorksAgain();
    }

    @Test
    void headersTrickledOneBytePerTwoSecondsFailAtTheDeadline() {
        byte[] head = head(200, "OK", "text/xml", 10);
        server.behave((s, req, srv) -> {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < head.length && !srv.awaitStop(2000); i++) {
                srv.write(out, new byte[] {head[i]});
            }
        });

        OdooTransportException e = failsAtDeadline(() -> transport.version());

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("common.version", "exceeded its 3 s deadline");
        assertWorksAgain();
    }

    @Test
    void serverThatNeverAnswersFailsAtTheDeadline() {
        server.behave(HostileServerTest::readUntilClientLeaves);

        OdooTransportException e = failsAtDeadline(() -> transport.authenticate("hub", "admin", SECRET));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.getMessage()).contains("common.authenticate", "exceeded its 3 s deadline");
        assertWorksAgain();
    }

    @Test
    void readTimeoutShorterThanTheDeadlineFiresFirst() {
        transport.close();
        transport = new XmlRpcTransport(server.baseUri(), SETTINGS.withReadTimeout(Duration.ofMillis(500)));
        server.behave(HostileServerTest::readUntilClientLeaves);

        OdooTransportException e = fails(() -> transport.version(), Duration.ofMillis(2000));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("got no data for 500 ms (read timeout)");
        assertWorksAgain();
    }

    // ---- connections refused or dropped ------------------------------------------------------------------

    @Test
    void connectionRefusedIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (XmlRpcTransport refused = new XmlRpcTransport(java.net.URI.create("http://127.0.0.1:" + closedPort), SETTINGS)) {
            OdooTransportException e = fails(() -> refused.version(), Duration.ofSeconds(1));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getHttpStatus()).isZero();
            assertThat(e.getMessage()).contains("could not connect").containsIgnoringCase("connection refused");
            assertThat(refused.requestCount()).isEqualTo(1);
        }
        assertWorksAgain();
    }

    @Test
    void connectionClosedAfterTheRequestIsRetryable() {
        server.behave((s, req, srv) -> s.close());

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("closed the connection without answering");
        assertThat(server.requests()).hasSize(1); // sent once: the JDK did not silently repeat the POST
        assertWorksAgain();
    }

    @Test
    void connectionClosedBeforeReadingAnythingIsRetryable() {
        server.readRequest(false);
        server.behave((s, req, srv) -> {
            s.setSoLinger(true, 0); // reset rather than an orderly close
            s.close();
        });

        OdooTransportException e = fails(() -> transport.version(), Duration.ofSeconds(1));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("common.version").containsAnyOf("closed the connection", "reset", "Broken pipe");
        server.readRequest(true);
        assertWorksAgain();
    }

    @Test
    void closingTheTransportAbortsACallInFlight() throws InterruptedException {
        server.behave(HostileServerTest::readUntilClientLeaves);
        CompletableFuture<Map<String, Object>> call = CompletableFuture.supplyAsync(() -> transport.version());
        await().atMost(Duration.ofSeconds(2)).until(() -> server.requests().size() == 1);
        long t0 = System.nanoTime();

        transport.close();

        Throwable thrown = catchThrowable(() -> call.get(2, TimeUnit.SECONDS));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(OdooTransportException.class).hasMessageContaining("aborted: the transport was closed");
        assertThat(catchThrowable(() -> transport.version())).isInstanceOf(IllegalStateException.class);
    }

    // ---- secrets -----------------------------------------------------------------------------------------

    @Test
    void theSecretNeverAppearsInAnExceptionMessage() {
        List<RawHttpServer.Behaviour> echoes = List.of(
                // an error page that echoes the request
                (s, req, srv) -> answer(500, "Error", "text/html", bytes("<pre>" + req.bodyText() + "</pre>")).serve(s, req, srv),
                (s, req, srv) -> answer(502, "Bad Gateway", "text/plain", bytes(req.bodyText())).serve(s, req, srv),
                // a 200 page, HTML or garbage
                (s, req, srv) -> answer(200, "OK", "text/html", bytes(req.bodyText())).serve(s, req, srv),
                (s, req, srv) -> xml(bytes("oops " + req.bodyText())).serve(s, req, srv),
                // the secret inside a value the parser complains about
                (s, req, srv) -> xml(bytes("<?xml version=\"1.0\"?><methodResponse><params><param><value><int>" + SECRET
                        + "</int></value></param></params></methodResponse>")).serve(s, req, srv),
                (s, req, srv) -> xml(bytes("<?xml version=\"1.0\"?><methodResponse><params><param><value><struct><x>" + SECRET
                        + "</x></struct></value></param></params></methodResponse>")).serve(s, req, srv),
                // faults quoting it, with int and legacy string codes
                (s, req, srv) -> xml(XmlRpcWriter.fault(1, "Traceback ...\nValueError: bad password " + SECRET)).serve(s, req, srv),
                (s, req, srv) -> xml(XmlRpcWriter.fault("warning -- UserError\n\nkey " + SECRET + " refused", "")).serve(s, req, srv),
                (s, req, srv) -> xml(XmlRpcWriter.fault("bad key " + SECRET, "Traceback\nValueError: " + SECRET)).serve(s, req, srv));

        List<Throwable> thrown = new ArrayList<>();
        for (RawHttpServer.Behaviour echo : echoes) {
            server.behave(echo);
            thrown.add(catchThrowable(() -> transport.authenticate("hub", "admin", SECRET)));
            thrown.add(catchThrowable(() -> transport.executeKw("hub", 2, SECRET, "res.partner", "read", List.of(List.of(1)), Map.of())));
        }

        assertThat(server.requests()).hasSize(2 * echoes.size()).allSatisfy(r -> assertThat(r.bodyText()).contains(SECRET));
        assertThat(thrown).hasSize(2 * echoes.size()).allSatisfy(t -> {
            assertThat(t).isInstanceOfAny(OdooTransportException.class, OdooFaultException.class);
            assertThat(chainText(t)).doesNotContain(SECRET);
        });
        assertWorksAgain();
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    static void readUntilClientLeaves(java.net.Socket s, RawHttpServer.Request req, RawHttpServer srv) throws IOException {
        while (s.getInputStream().read() >= 0) {
            // swallow until the client hangs up or the server closes
        }
    }

    /** The call fails with an OdooTransportException within the given time. */
    static OdooTransportException fails(ThrowingCallable call, Duration within) {
        long t0 = System.nanoTime();
        Throwable thrown = catchThrowable(call);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(thrown).isInstanceOf(OdooTransportException.class);
        assertThat(took).as("time to fail").isLessThan(within);
        return (OdooTransportException) thrown;
    }

    /** The call fails with an OdooTransportException at the deadline: not before, and at most a second after. */
    static OdooTransportException failsAtDeadline(ThrowingCallable call) {
        long t0 = System.nanoTime();
        Throwable thrown = catchThrowable(call);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(thrown).isInstanceOf(OdooTransportException.class);
        assertThat(took).as("time to fail").isBetween(DEADLINE.minusMillis(100), DEADLINE.plusSeconds(1));
        return (OdooTransportException) thrown;
    }

    /** The same transport works against a good server again: nothing was left broken. */
    void assertWorksAgain() {
        server.behave(xml(wire("01_version")));
        long before = transport.requestCount();
        assertThat(transport.version()).containsEntry("server_version", "18.0");
        assertThat(transport.requestCount()).isEqualTo(before + 1);
    }

    static String chainText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                sb.append(s).append('\n');
            }
        }
        return sb.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] wire(String name) {
        try {
            return Files.readAllBytes(wireDir().resolve(name + ".resp.xml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path wireDir() {
        return Path.of(System.getProperty("odoohub.wireDir", "../shared/odoo-wire"));
    }
}
