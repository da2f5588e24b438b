package io.odoohub.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.xmlrpc.XmlRpcResponse;
import io.odoohub.xmlrpc.XmlRpcWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each injected fault as a raw HTTP client sees it. */
class SandboxFaultsTest {

    private OdooSandbox sandbox;
    private RpcClient rpc;

    @BeforeEach
    void start() {
        sandbox = OdooSandbox.start("127.0.0.1", 0, "hub", "admin", "admin");
        rpc = new RpcClient(sandbox, "admin");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private RpcClient.Raw createPartner(String name) {
        return RpcClient.post(sandbox.url() + "/xmlrpc/2/object", XmlRpcWriter.call("execute_kw",
                List.of("hub", 2, "admin", "res.partner", "create", List.of(Map.of("name", name)), Map.of())));
    }

    private int partners(String name) {
        return sandbox.searchRead("res.partner", List.of(List.of("name", "=", name)), List.of("name")).size();
    }

    @Test
    void latencyDelaysEveryAnswer() {
        sandbox.faults().latency(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        RpcClient.Raw raw = createPartner("Slow");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(raw.status()).isEqualTo(200);
        assertThat(ms).isGreaterThanOrEqualTo(300);
        sandbox.faults().clear();
        long t1 = System.nanoTime();
        createPartner("Fast");
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(300);
    }

    @Test
    void httpStatusAnswersLikeAProxyForTheNextRequests() {
        sandbox.faults().httpStatus(503, 2);
        for (int i = 0; i < 2; i++) {
            RpcClient.Raw raw = createPartner("Blocked");
            assertThat(raw.status()).isEqualTo(503);
            assertThat(raw.contentType()).startsWith("text/html");
            assertThat(new String(raw.body(), StandardCharsets.UTF_8)).contains("503 Service Temporarily Unavailable", "nginx");
        }
        assertThat(partners("Blocked")).isZero();
        assertThat(createPartner("Through").status()).isEqualTo(200);
        assertThat(partners("Through")).isEqualTo(1);
    }

    @Test
    void serializationFailureIsFaultOneAndChangesNothing() {
        sandbox.faults().serializationFailure(1);
        XmlRpcResponse first = createPartner("Conflict").parsed();
        assertThat(first.isFault()).isTrue();
        assertThat(first.fault().code()).isEqualTo(1);
        assertThat(first.fault().faultString()).contains("psycopg2.errors.SerializationFailure: could not serialize access due to concurrent update");
        assertThat(partners("Conflict")).isZero();
        assertThat(createPartner("Conflict").parsed().isFault()).isFalse();
        assertThat(partners("Conflict")).isEqualTo(1);
    }

    /** Raw socket: HttpURLConnection would silently resend the POST once on a dropped connection. */
    private static byte[] rawExchange(int port, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            String head = "POST /xmlrpc/2/object HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: " + body.length
                    + "\r\n\r\n";
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
    void droppedConnectionsGetNoResponseAtAll() throws IOException {
        byte[] call = XmlRpcWriter.call("execute_kw", List.of("hub", 2, "admin", "res.partner", "search_count", List.of(List.of()), Map.of()));
        sandbox.faults().dropConnections(1);
        assertThat(rawExchange(sandbox.port(), call)).isEmpty();
        assertThat(new String(rawExchange(sandbox.port(), call), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200").contains("<int>");
        assertThat(sandbox.requestCount()).as("the dropped request was not answered").isEqualTo(1);
        assertThat(sandbox.callsByMethod()).containsEntry("res.partner.search_count", 1L);
    }

    @Test
    void refusedConnectionsThenTheSamePortAgainWithDataKept() throws IOException {
        createPartner("Before outage");
        int port = sandbox.port();
        sandbox.faults().refuseConnections(true);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> createPartner("During outage")).hasCauseInstanceOf(ConnectException.class);

        sandbox.faults().refuseConnections(false);
        assertThat(sandbox.port()).isEqualTo(port);
        assertThat(createPartner("After outage").status()).isEqualTo(200);
        assertThat(partners("Before outage")).isEqualTo(1);
        assertThat(partners("After outage")).isEqualTo(1);
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThatThrownBy(() -> OdooSandbox.start("0.0.0.0", 0, "hub", "admin", "admin")).isInstanceOf(IllegalArgumentException.class);
        try (OdooSandbox local = OdooSandbox.start("localhost", 0, "other", "admin", "k")) {
            assertThat(local.url()).isEqualTo("http://127.0.0.1:" + local.port());
            assertThat(RpcClient.post(local.url() + "/xmlrpc/2/db", XmlRpcWriter.call("list", List.of())).parsed().value())
                    .isEqualTo(List.of("other"));
        }
    }

    @Test
    void inProcessReadsReportBadQueriesAsIllegalArguments() {
        assertThatThrownBy(() -> sandbox.searchRead("no.model", List.of(), List.of("name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Object no.model doesn't exist");
        assertThatThrownBy(() -> sandbox.searchRead("res.partner", List.of(List.of("nope", "=", 1)), List.of("name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ValueError: Invalid field res.partner.nope");
        XmlRpcResponse typeError = rpc.raw("object", "execute_kw", "hub", 2, "admin", "res.partner", "read", List.of(List.of(1), 5), Map.of());
        assertThat(typeError.fault().faultString()).contains("TypeError");
    }

    @Test
    void countersCountRequestsAndCalls() {
        rpc.raw("common", "version");
        rpc.call("res.partner", "search_count", List.of());
        rpc.call("res.partner", "search_count", List.of());
        RpcClient.post(sandbox.url() + "/xmlrpc/2/db", XmlRpcWriter.call("list", List.of()));
        assertThat(sandbox.requestCount()).isEqualTo(4);
        assertThat(sandbox.callsByMethod()).containsEntry("common.version", 1L).containsEntry("res.partner.search_count", 2L)
                .containsEntry("db.list", 1L);
        sandbox.resetCounters();
        assertThat(sandbox.requestCount()).isZero();
        assertThat(sandbox.callsByMethod()).isEmpty();
    }
}
