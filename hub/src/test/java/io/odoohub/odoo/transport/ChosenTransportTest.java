package io.odoohub.odoo.transport;

import static io.odoohub.odoo.transport.HostileServerTest.SECRET;
import static io.odoohub.odoo.transport.HostileServerTest.SETTINGS;
import static io.odoohub.odoo.transport.HostileServerTest.bytes;
import static io.odoohub.odoo.transport.HostileServerTest.wire;
import static io.odoohub.odoo.transport.RawHttpServer.answer;
import static io.odoohub.odoo.transport.RawHttpServer.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.odoohub.odoo.fault.OdooTransportException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * hub.odoo.transport: auto asks GET /web/version once and speaks JSON-2 to 19 and later, XML-RPC before; an explicit
 * choice the server does not speak fails with a message naming the setting; an unreachable server chooses nothing.
 * The servers answer as the real ones do: Odoo 19's /web/version and JSON-2 as recorded, Odoo 18's XML-RPC as
 * recorded and its 404 page for /web/version.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChosenTransportTest {

    static final byte[] VERSION_19 = bytes("{\"version_info\": [19, 0, 0, \"final\", 0, \"\"], \"version\": \"19.0\"}");
    static final byte[] VERSION_18_PAGE = bytes("<!DOCTYPE html><html><body><h1>Error 404</h1>"
            + "<h2>We couldn't find the page you're looking for!</h2></body></html>");

    RawHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new RawHttpServer(ChosenTransportTest::odoo19);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** An Odoo 19: /web/version, JSON-2 and XML-RPC. */
    static void odoo19(java.net.Socket s, RawHttpServer.Request req, RawHttpServer srv) throws IOException {
        if (req.path().equals("/web/version")) {
            answer(200, "OK", "application/json; charset=utf-8", VERSION_19).serve(s, req, srv);
        } else if (req.path().startsWith("/json/2/")) {
            answer(200, "OK", "application/json; charset=utf-8", bytes("[{\"id\": 3, \"name\": \"Administrator\"}]")).serve(s, req, srv);
        } else if (req.path().equals("/xmlrpc/2/common")) {
            xml(bytes(new String(Odoo19WireContractTest.Sample.read(Odoo19WireContractTest.wireDir().resolve("40-xmlrpc-version.txt"))
                    .rawResponse(), java.nio.charset.StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[1])).serve(s, req, srv);
        } else {
            answer(404, "NOT FOUND", "text/html", bytes("<h1>Not Found</h1>")).serve(s, req, srv);
        }
    }

    /** An Odoo 18: XML-RPC; /web/version is its website's 404 page; /json/2 redirects to the login. */
    static void odoo18(java.net.Socket s, RawHttpServer.Request req, RawHttpServer srv) throws IOException {
        if (req.path().startsWith("/xmlrpc/2/")) {
            xml(wire("01_version")).serve(s, req, srv);
        } else if (req.path().startsWith("/json/2/")) {
            answer(303, "SEE OTHER", "text/html", bytes("Redirecting..."), "Location: /web/login").serve(s, req, srv);
        } else {
            answer(404, "NOT FOUND", "text/html;charset=utf-8", VERSION_18_PAGE).serve(s, req, srv);
        }
    }

    ChosenTransport transport(TransportMode mode) {
        return new ChosenTransport(server.baseUri(), mode, SETTINGS);
    }

    @Test
    void autoSpeaksJson2ToOdoo19AndAsksOnce() {
        try (ChosenTransport t = transport(TransportMode.auto)) {
            assertThat(t.choice().protocol()).isEqualTo(TransportChoice.JSON2);
            assertThat(t.choice().serverVersion()).isEqualTo("19.0");
            assertThat(t.choice().reason()).contains("hub.odoo.transport=auto", "GET /web/version answered 19.0");
            t.executeKw("db", 2, SECRET, "res.partner", "search_read", List.of(List.of()), Map.of());
            t.executeKw("db", 2, SECRET, "res.partner", "search_read", List.of(List.of()), Map.of());
            assertThat(server.requests()).extracting(RawHttpServer.Request::path)
                    .containsExactly("/web/version", "/json/2/res.partner/search_read", "/json/2/res.partner/search_read");
            assertThat(t.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void autoSpeaksXmlRpcToOdoo18() {
        server.behave(ChosenTransportTest::odoo18);
        try (ChosenTransport t = transport(TransportMode.auto)) {
            assertThat(t.version()).containsEntry("server_version", "18.0");
            assertThat(t.choice().protocol()).isEqualTo(TransportChoice.XMLRPC);
            assertThat(t.choice().reason()).contains("hub.odoo.transport=auto", "GET /web/version answered HTTP 404", "as Odoo 18 and earlier do");
            assertThat(server.requests()).extracting(RawHttpServer.Request::path).containsExactly("/web/version", "/xmlrpc/2/common");
        }
    }

    @Test
    void json2OnOdoo18FailsNamingTheSetting() {
        server.behave(ChosenTransportTest::odoo18);
        try (ChosenTransport t = transport(TransportMode.json2)) {
            Throwable e = catchThrowable(t::choice);
            assertThat(e).isInstanceOf(OdooTransportException.class)
                    .hasMessageContaining("hub.odoo.transport=json2, but " + server.baseUri() + " is not Odoo 19 or later")
                    .hasMessageContaining("GET /web/version answered HTTP 404")
                    .hasMessageContaining("Set hub.odoo.transport (ODOO_TRANSPORT) to auto or xmlrpc");
            assertThat(((OdooTransportException) e).isRetryable()).isFalse();
        }
    }

    @Test
    void xmlRpcOnAServerWithoutItFailsNamingTheSetting() {
        // a server that speaks JSON-2 only, as Odoo 20+ may
        server.behave((s, req, srv) -> {
            if (req.path().startsWith("/xmlrpc/")) {
                answer(404, "NOT FOUND", "text/html", bytes("<h1>Not Found</h1>")).serve(s, req, srv);
            } else {
                odoo19(s, req, srv);
            }
        });
        try (ChosenTransport t = transport(TransportMode.xmlrpc)) {
            assertThatThrownBy(() -> t.executeKw("db", 2, SECRET, "res.partner", "search_read", List.of(List.of()), Map.of()))
                    .isInstanceOf(OdooTransportException.class)
                    .hasMessageContaining("hub.odoo.transport=xmlrpc, but " + server.baseUri() + " does not answer XML-RPC")
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("set hub.odoo.transport (ODOO_TRANSPORT) to auto or json2");
            assertThat(server.requests()).extracting(RawHttpServer.Request::path).containsExactly("/xmlrpc/2/common");
        }
    }

    @Test
    void explicitXmlRpcOnOdoo19WorksAndSaysItIsDeprecated() {
        try (ChosenTransport t = transport(TransportMode.xmlrpc)) {
            assertThat(t.choice().protocol()).isEqualTo(TransportChoice.XMLRPC);
            assertThat(t.choice().reason()).contains("hub.odoo.transport=xmlrpc", "19.0", "deprecated");
        }
    }

    @Test
    void explicitJson2OnOdoo19() {
        try (ChosenTransport t = transport(TransportMode.json2)) {
            assertThat(t.choice().protocol()).isEqualTo(TransportChoice.JSON2);
            assertThat(t.choice().reason()).contains("hub.odoo.transport=json2", "19.0");
        }
    }

    @Test
    void anUnreachableServerChoosesNothingAndTheNextCallAsksAgain() {
        server.behave(answer(503, "Service Unavailable", "text/html", bytes("restarting")));
        try (ChosenTransport t = transport(TransportMode.auto)) {
            Throwable e = catchThrowable(t::choice);
            assertThat(e).isInstanceOf(OdooTransportException.class);
            assertThat(((OdooTransportException) e).isRetryable()).isTrue();

            server.behave(ChosenTransportTest::odoo19);
            assertThat(t.choice().protocol()).isEqualTo(TransportChoice.JSON2);
            assertThat(server.requests()).extracting(RawHttpServer.Request::path).containsExactly("/web/version", "/web/version");
        }
    }

    @Test
    void aWrongSettingIsNamed() {
        assertThat(TransportMode.parse(null)).isEqualTo(TransportMode.auto);
        assertThat(TransportMode.parse(" JSON2 ")).isEqualTo(TransportMode.json2);
        assertThatThrownBy(() -> TransportMode.parse("jsonrpc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hub.odoo.transport (ODOO_TRANSPORT) must be auto, xmlrpc or json2, was 'jsonrpc'");
    }

    @Test
    void theMajorVersionIsReadFromTheInfoOrTheName() {
        assertThat(ChosenTransport.major(Map.of("server_version_info", List.of(19, 0, 0, "final", 0, "")))).isEqualTo(19);
        assertThat(ChosenTransport.major(Map.of("server_version", "saas~18.4"))).isEqualTo(18);
        assertThat(ChosenTransport.major(Map.of("server_version", "18.0-20250421"))).isEqualTo(18);
        assertThat(ChosenTransport.major(Map.of())).isZero();
    }
}
