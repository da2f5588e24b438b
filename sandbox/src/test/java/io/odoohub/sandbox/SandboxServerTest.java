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

/** The sandbox as an HTTP server: loopback only, its in-process reads, its counters (faults: the test proxy, OdooProxyTest). */
class SandboxServerTest {

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
