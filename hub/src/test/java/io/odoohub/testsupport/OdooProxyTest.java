package io.odoohub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.xmlrpc.XmlRpcLimits;
import io.odoohub.xmlrpc.XmlRpcReader;
import io.odoohub.xmlrpc.XmlRpcResponse;
import io.odoohub.xmlrpc.XmlRpcWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault the test proxy injects, as a raw HTTP client sees it (the proxy in front of a sandbox here; the same proxy
 * stands in front of the real Odoo in bin/test). The proxy is the one fault injector of the tests.
 */
class OdooProxyTest {

    private OdooSandbox sandbox;
    private OdooProxy proxy;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sandbox = OdooSandbox.start("127.0.0.1", 0, "hub", "admin", "admin");
        proxy = OdooProxy.start(sandbox.url());
    }

    @AfterEach
    void stop() {
        proxy.close();
        sandbox.close();
    }

    private HttpResponse<byte[]> createPartner(String name) throws IOException, InterruptedException {
        byte[] call = XmlRpcWriter.call("execute_kw", List.of("hub", 2, "admin", "res.partner", "create", List.of(Map.of("name", name)), Map.of()));
        return http.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/xmlrpc/2/object")).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static XmlRpcResponse parsed(HttpResponse<byte[]> r) {
        return new XmlRpcReader(XmlRpcLimits.DEFAULT).readResponse(r.body());
    }

    private int partners(String name) {
        return sandbox.searchRead("res.partner", List.of(List.of("name", "=", name)), List.of("name")).size();
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        proxy.latency(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThat(createPartner("Slow").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
        proxy.clear();
        long t1 = System.nanoTime();
        createPartner("Fast");
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(300);
    }

    @Test
    void httpStatusAnswersLikeAGatewayForTheNextRequestsWithoutForwardingThem() throws Exception {
        proxy.httpStatus(503, 2);
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> r = createPartner("Blocked");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("503", "nginx");
        }
        assertThat(proxy.faultsPending()).isZero();
        assertThat(partners("Blocked")).isZero();
        assertThat(createPartner("Through").statusCode()).isEqualTo(200);
        assertThat(partners("Through")).isEqualTo(1);
    }

    @Test
    void serializationFailureIsOdoosFaultOneAndChangesNothing() throws Exception {
        proxy.serializationFailure(1);
        XmlRpcResponse first = parsed(createPartner("Conflict"));
        assertThat(first.isFault()).isTrue();
        assertThat(first.fault().code()).isEqualTo(1);
        assertThat(first.fault().faultString()).contains("could not serialize access due to concurrent update");
        assertThat(partners("Conflict")).isZero();
        assertThat(parsed(createPartner("Conflict")).isFault()).isFalse();
        assertThat(partners("Conflict")).isEqualTo(1);
    }

    /** Raw socket: an HTTP client library might resend the POST once on a dropped connection. */
    private static byte[] rawExchange(int port, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            String head = "POST /xmlrpc/2/object HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            try {
                return s.getInputStream().readAllBytes();
            } catch (java.net.SocketException reset) {
                return new byte[0];
            }
        }
    }

    @Test
    void droppedConnectionsGetNoResponseAtAllAndAreNotForwarded() throws IOException {
        byte[] call = XmlRpcWriter.call("execute_kw", List.of("hub", 2, "admin", "res.partner", "search_count", List.of(List.of()), Map.of()));
        proxy.dropConnections(1);
        assertThat(rawExchange(proxy.port(), call)).isEmpty();
        assertThat(new String(rawExchange(proxy.port(), call), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200").contains("<int>");
        assertThat(sandbox.callsByMethod()).as("the dropped request never reached Odoo").containsEntry("res.partner.search_count", 1L);
    }

    @Test
    void refusedConnectionsThenTheSamePortAgainWithOdoosDataKept() throws Exception {
        createPartner("Before outage");
        int port = proxy.port();
        proxy.refuseConnections(true);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> createPartner("During outage")).isInstanceOf(ConnectException.class);

        proxy.refuseConnections(false);
        assertThat(proxy.port()).isEqualTo(port);
        assertThat(createPartner("After outage").statusCode()).isEqualTo(200);
        assertThat(partners("Before outage")).isEqualTo(1);
        assertThat(partners("During outage")).isZero();
        assertThat(partners("After outage")).isEqualTo(1);
    }

    @Test
    void countersCountRequestsAndCallsByMethod() throws Exception {
        createPartner("Counted");
        createPartner("Counted too");
        assertThat(proxy.requestCount()).isEqualTo(2);
        assertThat(proxy.callsByMethod()).containsEntry("res.partner.create", 2L);
        proxy.resetCounters();
        assertThat(proxy.requestCount()).isZero();
        assertThat(proxy.callsByMethod()).isEmpty();
    }
}
