package io.odoohub.odoo.transport;

import static io.odoohub.odoo.transport.HostileServerTest.bytes;
import static io.odoohub.odoo.transport.HostileServerTest.wire;
import static io.odoohub.odoo.transport.RawHttpServer.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.odoo.fault.OdooTransportException;
import io.odoohub.xmlrpc.XmlRpcCall;
import io.odoohub.xmlrpc.XmlRpcLimits;
import io.odoohub.xmlrpc.XmlRpcReader;
import io.odoohub.xmlrpc.XmlRpcWriter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transport against a good fake Odoo that answers with bytes captured from a real Odoo 18. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class XmlRpcTransportTest {

    static final XmlRpcReader READER = new XmlRpcReader(XmlRpcLimits.DEFAULT);
    static final TransportSettings SETTINGS = TransportSettings.defaults().withCallDeadline(Duration.ofSeconds(5));

    RawHttpServer server;
    XmlRpcTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = new RawHttpServer(XmlRpcTransportTest::capturedOdoo);
        transport = new XmlRpcTransport(server.baseUri(), SETTINGS);
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.close();
    }

    /** Answers version and authenticate with the captured bytes (admin/admin is the captured login). */
    static void capturedOdoo(java.net.Socket s, RawHttpServer.Request req, RawHttpServer srv) throws IOException {
        XmlRpcCall call = READER.readCall(req.body());
        String capture = switch (call.methodName()) {
            case "version" -> "01_version";
            case "authenticate" -> "admin".equals(call.params().get(2)) ? "02_authenticate_ok" : "03a_authenticate_wrong_password";
            default -> throw new IOException("unexpected " + call.methodName());
        };
        xml(wire(capture)).serve(s, req, srv);
    }

    @Test
    void versionAndAuthenticateAgainstCapturedAnswers() {
        Map<String, Object> version = transport.version();
        Integer uid = transport.authenticate("hub", "admin", "admin");

        assertThat(version).containsEntry("server_version", "18.0").containsEntry("protocol_version", 1);
        assertThat(version.get("server_version_info")).isEqualTo(List.of(18, 0, 0, "final", 0, ""));
        assertThat(uid).isEqualTo(2);
        assertThat(transport.requestCount()).isEqualTo(2);

        assertThat(server.requests()).hasSize(2);
        RawHttpServer.Request auth = server.requests().get(1);
        assertThat(auth.requestLine()).isEqualTo("POST /xmlrpc/2/common HTTP/1.1");
        assertThat(auth.headers()).containsIgnoringCase("Content-Type: text/xml");
        XmlRpcCall sent = READER.readCall(auth.body());
        assertThat(sent.methodName()).isEqualTo("authenticate");
        assertThat(sent.params()).isEqualTo(List.of("hub", "admin", "admin", Map.of()));
    }

    @Test
    void authenticateAnsweringFalseIsNull() {
        assertThat(transport.authenticate("hub", "admin", "WRONG")).isNull();
    }

    @Test
    void executeKwPostsSevenParamsToTheObjectEndpoint() {
        server.behave(xml(wire("08b_read_types_sale_order")));

        Object rows = transport.executeKw("hub", 2, "key", "sale.order", "read", List.of(List.of(1)), Map.of("fields", List.of("name")));

        assertThat(rows).isInstanceOf(List.class);
        assertThat((List<?>) rows).hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) rows).get(0)).get("partner_id")).isEqualTo(List.of(10, "Deco Addict"));
        RawHttpServer.Request req = server.requests().get(0);
        assertThat(req.path()).isEqualTo("/xmlrpc/2/object");
        assertThat(READER.readCall(req.body()).params())
                .isEqualTo(List.of("hub", 2, "key", "sale.order", "read", List.of(List.of(1)), Map.of("fields", List.of("name"))));

        transport.executeKw("hub", 2, "key", "sale.order", "read", null, null);
        assertThat(READER.readCall(server.requests().get(1).body()).params()).endsWith(List.of(), Map.of());
    }

    @Test
    void baseUrlWithTrailingSlashOrPathPrefix() {
        for (String suffix : List.of("/", "//", "/odoo", "/odoo/")) {
            try (XmlRpcTransport t = new XmlRpcTransport(URI.create(server.baseUri() + suffix), SETTINGS)) {
                t.version();
            }
        }
        assertThat(server.requests()).extracting(RawHttpServer.Request::path)
                .containsExactly("/xmlrpc/2/common", "/xmlrpc/2/common", "/odoo/xmlrpc/2/common", "/odoo/xmlrpc/2/common");
    }

    @Test
    void badBaseUrlsAreRefused() {
        assertThatThrownBy(() -> new XmlRpcTransport(URI.create("ftp://odoo.example.com"), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> new XmlRpcTransport(URI.create("odoo.example.com"), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XmlRpcTransport(URI.create("https://admin:hunter2@odoo.example.com"), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new XmlRpcTransport(URI.create("https://odoo.example.com/?db=x"), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    }

    @Test
    void faultsBecomeOdooFaultExceptionsNamedByModelAndMethod() {
        server.behave(xml(wire("03b_execute_kw_wrong_password")));
        OdooFaultException denied = fault(() -> transport.executeKw("hub", 2, "WRONG", "res.partner", "search_count", List.of(List.of()), null));
        assertThat(denied.getFaultCode()).isEqualTo(3);
        assertThat(denied.getKind()).isEqualTo(OdooFaultException.Kind.ACCESS_DENIED);
        assertThat(denied.getMessage()).startsWith("res.partner.search_count: Odoo fault 3");

        server.behave(xml(wire("04d_bad_selection_value")));
        OdooFaultException traceback = fault(() -> transport.executeKw("hub", 2, "key", "product.template", "create", List.of(), null));
        assertThat(traceback.getFaultCode()).isEqualTo(1);
        assertThat(traceback.getOdooType()).isEqualTo("ValueError");
        assertThat(traceback.getOdooMessage()).isEqualTo("Wrong value for product.template.type: 'no_such_selection'");

        server.behave(xml(wire("07b_none_return_cannot_marshal")));
        assertThat(fault(() -> transport.executeKw("hub", 2, "key", "res.partner", "action_archive", List.of(), null)).isMarshalNone()).isTrue();

        server.behave(xml(wire("04a_validation_error_recursion")));
        OdooFaultException validation = fault(() -> transport.executeKw("hub", 2, "key", "res.partner", "write", List.of(), null));
        assertThat(validation.getFaultCode()).isEqualTo(2);
        assertThat(validation.isRetryable()).isFalse();
    }

    @Test
    void legacyStringFaultCodesMapToIntCodes() {
        server.behave(xml(wire("03c_execute_kw_wrong_password_legacy_endpoint")));
        OdooFaultException denied = fault(() -> transport.executeKw("hub", 2, "WRONG", "res.partner", "search_count", List.of(), null));
        assertThat(denied.getFaultCode()).isEqualTo(3);
        assertThat(denied.getOdooMessage()).isEqualTo("Access Denied");

        server.behave(xml(wire("04f_user_error_legacy_endpoint")));
        OdooFaultException userError = fault(() -> transport.executeKw("hub", 2, "key", "sale.order", "unlink", List.of(), null));
        assertThat(userError.getFaultCode()).isEqualTo(2);
        assertThat(userError.getOdooMessage())
                .isEqualTo("You can not delete a sent quotation or a confirmed sales order. You must first cancel it.");

        server.behave(xml(XmlRpcWriter.fault("warning -- AccessError\n\nYou are not allowed to modify 'Contact'", "")));
        assertThat(fault(() -> transport.executeKw("hub", 2, "key", "res.partner", "write", List.of(), null)).getFaultCode()).isEqualTo(4);

        server.behave(xml(XmlRpcWriter.fault("could not serialize access due to concurrent update",
                "Traceback (most recent call last):\n  File \"x.py\", line 1\npsycopg2.errors.SerializationFailure: could not serialize access")));
        OdooFaultException serialization = fault(() -> transport.executeKw("hub", 2, "key", "res.partner", "write", List.of(), null));
        assertThat(serialization.getFaultCode()).isEqualTo(1);
        assertThat(serialization.getOdooType()).isEqualTo("psycopg2.errors.SerializationFailure");
        assertThat(serialization.isRetryable()).isTrue();
    }

    @Test
    void unexpectedAnswerTypesAreNotRetryable() {
        server.behave(xml(XmlRpcWriter.response("two")));
        Throwable auth = catchThrowable(() -> transport.authenticate("hub", "admin", "admin"));
        Throwable version = catchThrowable(() -> transport.version());

        assertThat(auth).isInstanceOf(OdooTransportException.class).hasMessageContaining("answered String where an int or False was expected");
        assertThat(((OdooTransportException) auth).isRetryable()).isFalse();
        assertThat(version).isInstanceOf(OdooTransportException.class).hasMessageContaining("where a struct was expected");
    }

    @Test
    void aRequestThatCannotBeEncodedIsNotSent() {
        Throwable thrown = catchThrowable(() -> transport.executeKw("hub", 2, "key", "product.template", "write",
                List.of(List.of(1), Map.of("list_price", Double.NaN)), null));

        assertThat(thrown).isInstanceOf(OdooTransportException.class).hasMessageContaining("cannot be encoded");
        assertThat(((OdooTransportException) thrown).isRetryable()).isFalse();
        assertThat(transport.requestCount()).isZero();
        assertThat(server.connections()).isZero();
    }

    @Test
    void concurrentCallsShareOneTransport() {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> transport.authenticate("hub", "admin", "admin")));
        }

        assertThat(calls).allSatisfy(c -> assertThat(c.join()).isEqualTo(2));
        assertThat(transport.requestCount()).isEqualTo(16);
    }

    @Test
    void settingsDefaultsAndValidation() {
        TransportSettings d = TransportSettings.defaults();
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.callDeadline()).isEqualTo(Duration.ofSeconds(120));
        assertThat(d.maxResponseBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(d.maxDepth()).isEqualTo(64);
        assertThat(d.limits()).isEqualTo(new XmlRpcLimits(32L * 1024 * 1024, 64));

        assertThatThrownBy(() -> d.withConnectTimeout(null)).isInstanceOf(NullPointerException.class).hasMessage("connectTimeout must be set");
        assertThatThrownBy(() -> d.withReadTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> d.withCallDeadline(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callDeadline");
        assertThatThrownBy(() -> d.withCallDeadline(Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxResponseBytes(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResponseBytes");
        assertThatThrownBy(() -> d.withMaxDepth(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDepth");
    }

    @Test
    void debugLogNeverCarriesTheSecret() {
        String secret = "log-secret-93bd1c";
        List<String> lines = new CopyOnWriteArrayList<>();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        String name = XmlRpcTransport.class.getName();
        AbstractAppender capture = new AbstractAppender("transport-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerConfig logger = new LoggerConfig(name, Level.DEBUG, false);
        logger.addAppender(capture, Level.DEBUG, null);
        config.addLogger(name, logger);
        ctx.updateLoggers();
        try {
            transport.authenticate("hub", "admin", secret);
            server.behave(xml(XmlRpcWriter.fault(2, "bad key " + secret)));
            catchThrowable(() -> transport.executeKw("hub", 2, secret, "res.partner", "read", List.of(), null));
            server.behave(RawHttpServer.answer(500, "Error", "text/plain", bytes("echo " + secret)));
            catchThrowable(() -> transport.executeKw("hub", 2, secret, "res.partner", "read", List.of(), null));
        } finally {
            config.removeLogger(name);
            ctx.updateLoggers();
            capture.stop();
        }

        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).doesNotContain(secret));
        assertThat(lines.get(2)).contains("res.partner.read", "HTTP 500", "echo ***");
    }

    static OdooFaultException fault(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(OdooFaultException.class);
        return (OdooFaultException) thrown;
    }
}
