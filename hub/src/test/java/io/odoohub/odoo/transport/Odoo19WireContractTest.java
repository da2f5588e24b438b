package io.odoohub.odoo.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.odoo.fault.OdooFaultException.Kind;
import io.odoohub.odoo.fault.OdooTransportException;
import io.odoohub.xmlrpc.XmlRpcCall;
import io.odoohub.xmlrpc.XmlRpcLimits;
import io.odoohub.xmlrpc.XmlRpcReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every exchange recorded from a real Odoo 19 (shared/odoo19/wire: JSON-2, /web/version and XML-RPC) through
 * a loopback server that answers with the recorded bytes, and checks both halves: the request the client sends for
 * the hub's call (method, path, Authorization, Content-Type, X-Odoo-Database, the body as JSON, or the XML-RPC
 * params), and what the client makes of the recorded answer (the value, or the fault's kind, class, message and
 * retryability, or the transport error). Calls are made as the hub makes them, with XML-RPC's positional
 * arguments, so the named arguments JSON-2 receives are those {@link Json2Arguments} made.
 *
 * <p>A few recorded requests are ones the client never sends (a GET, no Authorization, text/plain, a body that is not
 * JSON, /json/version): for those only the answer is replayed, to the request the client does send.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Odoo19WireContractTest {

    private static final String KEY = "54eff491ed24fd82fd7f3f6200324b074cb42473";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlRpcReader XML = new XmlRpcReader(XmlRpcLimits.DEFAULT);
    private static final TransportSettings SETTINGS = TransportSettings.defaults().withCallDeadline(Duration.ofSeconds(10));
    /** Recorded requests the client never sends as they are: only their answers are replayed. */
    private static final Set<String> ANSWER_ONLY = Set.of("15-no-authorization", "22-get-not-post", "23-invalid-json",
            "24-text-plain", "31-json-version");

    private RawHttpServer server;
    private volatile Sample current;

    static Path wireDir() {
        return Path.of(System.getProperty("odoohub.wire19Dir", "../shared/odoo19/wire"));
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(wireDir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d\\d[a-z]?-.*\\.txt"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            assertThat(names).as("Odoo 19 wire samples in %s", wireDir()).hasSize(34);
            return names.stream();
        }
    }

    @BeforeAll
    void start() throws IOException {
        server = new RawHttpServer((socket, request, srv) -> {
            OutputStream out = socket.getOutputStream();
            srv.write(out, current.rawResponse());
        });
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    @Test
    void everyRecordedExchangeHasItsCase() throws IOException {
        assertThat(new TreeSet<>(cases().keySet())).isEqualTo(new TreeSet<>(samples().toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void clientSendsWhatOdoo19ExpectsAndReadsItsAnswer(String name) throws IOException {
        current = Sample.read(wireDir().resolve(name + ".txt"));
        Case c = cases().get(name);
        assertThat(c).as("a case for %s", name).isNotNull();
        int before = server.requests().size();
        Object outcome;
        try (Json2Transport json2 = new Json2Transport(server.baseUri(), SETTINGS);
             XmlRpcTransport xmlrpc = new XmlRpcTransport(server.baseUri(), SETTINGS)) {
            try {
                outcome = c.call().apply(new Clients(json2, xmlrpc));
            } catch (RuntimeException e) {
                outcome = e;
            }
        }
        assertThat(server.requests()).as("requests sent for %s", name).hasSize(before + 1);
        RawHttpServer.Request sent = server.requests().get(before);
        assertThat(sent.requestLine()).as("the key is never in the URL").doesNotContain(KEY);
        if (!ANSWER_ONLY.contains(name)) {
            assertSameRequest(name, sent, current);
        }
        if (outcome instanceof Throwable t) {
            assertThat(t.getMessage()).as("the key is never in a message").doesNotContain(KEY);
        }
        c.expect().accept(outcome);
    }

    // ---- the request ----------------------------------------------------------------------------------------

    private static void assertSameRequest(String name, RawHttpServer.Request sent, Sample recorded) throws IOException {
        assertThat(sent.requestLine().split(" ")[0] + " " + sent.path()).as(name).isEqualTo(recorded.method() + " " + recorded.path());
        Map<String, String> headers = headers(sent.headers());
        String auth = recorded.requestHeaders().get("authorization");
        if (auth == null) {
            assertThat(headers).as("no key where none is needed").doesNotContainKey("authorization");
        } else {
            assertThat(headers.get("authorization")).isEqualTo(auth.replace("<API_KEY>", KEY));
        }
        assertThat(headers.get("x-odoo-database")).as("X-Odoo-Database").isEqualTo(recorded.requestHeaders().get("x-odoo-database"));
        if (recorded.method().equals("GET")) {
            return;
        }
        String recordedType = recorded.requestHeaders().get("content-type");
        assertThat(mime(headers.get("content-type"))).isEqualTo(mime(recordedType));
        if (recordedType.startsWith("text/xml")) {
            XmlRpcCall want = XML.readCall(recorded.requestBody());
            XmlRpcCall got = XML.readCall(sent.body());
            assertThat(got.methodName()).isEqualTo(want.methodName());
            assertThat(got.params()).isEqualTo(want.params());
        } else if (recorded.requestBody().length == 0) {
            // the recorded request had no body at all; the client sends the empty object, which Odoo reads the same
            assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("{}"));
        } else {
            assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree(recorded.requestBody()));
        }
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : block.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    private static String mime(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    // ---- the cases ------------------------------------------------------------------------------------------

    /** The two clients one case may use. */
    record Clients(Json2Transport json2, XmlRpcTransport xmlrpc) {
        Object call(String model, String method, List<?> args, Map<String, ?> kwargs) {
            return json2.executeKw(null, 2, KEY, model, method, args, kwargs);
        }
    }

    /** What the hub calls, and what it must get. */
    record Case(Function<Clients, Object> call, Consumer<Object> expect) {
    }

    private static Map<String, Case> cases() {
        Map<String, Case> m = new LinkedHashMap<>();
        m.put("01-search_read", new Case(c -> c.call("res.partner", "search_read", List.of(List.of()), kw("fields", List.of("name"), "limit", 3)),
                v -> assertThat(v).isEqualTo(List.of(Map.of("id", 3, "name", "Administrator"), Map.of("id", 1, "name", "My Company")))));
        m.put("02-create", new Case(c -> c.call("res.partner", "create", List.of(List.of(Map.of("name", "JSON-2 wire test partner"))), Map.of()),
                v -> assertThat(v).isEqualTo(List.of(7))));
        m.put("03-read", new Case(c -> c.call("res.partner", "read", List.of(List.of(7), List.of("name", "active")), Map.of()),
                v -> assertThat(v).isEqualTo(List.of(Map.of("id", 7, "name", "JSON-2 wire test partner", "active", true)))));
        m.put("04-write", new Case(c -> c.call("res.partner", "write", List.of(List.of(7), Map.of("name", "JSON-2 wire test partner (renamed)")), Map.of()),
                v -> assertThat(v).isEqualTo(true)));
        m.put("05-validation-error", new Case(c -> c.call("res.partner", "write", List.of(List.of(7), Map.of("parent_id", 7)), Map.of()),
                fault(Kind.USER_ERROR, "odoo.exceptions.ValidationError", "You cannot create recursive Partner hierarchies.", false)));
        m.put("06-action_archive-returns-none", new Case(c -> c.call("res.partner", "action_archive", List.of(List.of(7)), Map.of()),
                v -> assertThat(v).isNull()));
        m.put("07-unlink", new Case(c -> c.call("res.partner", "unlink", List.of(List.of(7)), Map.of()), v -> assertThat(v).isEqualTo(true)));
        m.put("08-read-deleted-id", new Case(c -> c.call("res.partner", "read", List.of(List.of(7), List.of("name")), Map.of()),
                v -> assertThat(v).isEqualTo(List.of())));
        m.put("08b-missing-error", new Case(c -> c.call("res.partner", "write", List.of(7, Map.of("name", "x")), Map.of()),
                fault(Kind.USER_ERROR, "odoo.exceptions.MissingError", "Record does not exist or has been deleted.", false)));
        m.put("09-search_count-context", new Case(c -> c.call("res.partner", "search_count",
                List.of(List.of(List.of("name", "ilike", "wire test"))), kw("context", Map.of("active_test", false))),
                v -> assertThat(v).isEqualTo(0)));
        m.put("10-user-error", new Case(c -> c.call("res.users", "unlink", List.of(List.of(2)), Map.of()),
                fault(Kind.USER_ERROR, "odoo.exceptions.UserError", "You cannot delete the admin user", false)));
        m.put("11-access-error", new Case(c -> c.call("res.users.apikeys", "create", List.of(List.of(Map.of("name", "x"))), Map.of()),
                fault(Kind.ACCESS_ERROR, "odoo.exceptions.AccessError", "You are not allowed to create 'Users API Keys'", false)));
        m.put("12-bad-field", new Case(c -> c.call("res.partner", "search_read", List.of(List.of()), kw("fields", List.of("no_such_field"), "limit", 1)),
                serverFault("ValueError", "Invalid field 'no_such_field' on 'res.partner'")));
        m.put("13-bad-domain", new Case(c -> c.call("res.partner", "search_read", List.of(List.of(List.of("no_such_field", "=", 1))),
                kw("fields", List.of("name"), "limit", 1)), serverFault("ValueError", "Invalid field res.partner.no_such_field")));
        m.put("14-bad-api-key", new Case(c -> c.json2().executeKw(null, 2, "0000000000000000000000000000000000000000", "res.partner",
                "search_read", List.of(List.of()), kw("limit", 1)), refusedKey("Invalid apikey")));
        m.put("15-no-authorization", new Case(c -> c.call("res.partner", "search_read", List.of(List.of()), kw("limit", 1)),
                refusedKey("User not authenticated")));
        m.put("16-unknown-model", new Case(c -> c.call("no.such.model", "search_read", List.of(List.of()), Map.of()),
                serverFault("werkzeug.exceptions.NotFound", "the model 'no.such.model' does not exist").andThen(v -> {
                    // what OdooCapabilities reads as "the database has no such model" (a module not installed)
                    assertThat(((OdooFaultException) v).isUnknownModel("no.such.model")).isTrue();
                    assertThat(((OdooFaultException) v).isUnknownModel("such.model")).isFalse();
                })));
        m.put("17-unknown-method", new Case(c -> c.call("res.partner", "no_such_method", List.of(), Map.of()),
                serverFault("werkzeug.exceptions.NotFound", "The method 'res.partner.no_such_method' does not exist")
                        .andThen(v -> assertThat(((OdooFaultException) v).isUnknownModel("res.partner")).isFalse())));
        m.put("18-private-method", new Case(c -> c.call("res.partner", "_compute_display_name", List.of(), Map.of()),
                fault(Kind.ACCESS_ERROR, "odoo.exceptions.AccessError", "Private methods", false)));
        m.put("19-missing-argument", new Case(c -> c.call("res.partner", "create", List.of(), Map.of()),
                serverFault("werkzeug.exceptions.UnprocessableEntity", "missing a required argument: 'vals_list'")));
        m.put("20-unexpected-argument", new Case(c -> c.call("res.partner", "search_read", List.of(List.of()), kw("no_such_kwarg", 1)),
                serverFault("TypeError", "got an unexpected keyword argument 'no_such_kwarg'")));
        m.put("21-ids-on-model-method", new Case(c -> c.call("res.partner", "create", List.of(),
                kw("ids", List.of(1), "vals_list", List.of(Map.of("name", "x")))),
                serverFault("werkzeug.exceptions.UnprocessableEntity", "cannot call res.partner.create with ids")));
        m.put("22-get-not-post", new Case(c -> c.call("res.partner", "search_read", List.of(List.of()), Map.of()), htmlAnswer(415)));
        m.put("23-invalid-json", new Case(c -> c.call("res.partner", "search_read", List.of(List.of()), Map.of()),
                serverFault("werkzeug.exceptions.BadRequest", "could not parse the body as json")));
        m.put("24-text-plain", new Case(c -> c.call("res.partner", "search_read", List.of(List.of()), Map.of()), htmlAnswer(415)));
        m.put("25-x-odoo-database", new Case(c -> c.json2().executeKw("o19_build", 2, KEY, "res.users", "read",
                List.of(List.of(2), List.of("login", "name")), Map.of()),
                v -> assertThat(v).isEqualTo(List.of(Map.of("id", 2, "login", "admin", "name", "Administrator")))));
        m.put("26-empty-body", new Case(c -> c.call("res.partner", "search_count", List.of(), Map.of()),
                serverFault("werkzeug.exceptions.UnprocessableEntity", "missing a required argument: 'domain'")));
        m.put("27-fields_get", new Case(c -> c.call("res.partner", "fields_get",
                List.of(List.of("name", "email"), List.of("type", "string", "required")), Map.of()),
                v -> assertThat(v).isEqualTo(Map.of("name", Map.of("required", false, "string", "Name", "type", "char"),
                        "email", Map.of("required", false, "string", "Email", "type", "char")))));
        m.put("30-web-version", new Case(c -> c.json2().version(), Odoo19WireContractTest::isOdoo19));
        m.put("31-json-version", new Case(c -> c.json2().version(), Odoo19WireContractTest::isOdoo19));
        m.put("40-xmlrpc-version", new Case(c -> c.xmlrpc().version(), v -> assertThat(cast(v))
                .containsEntry("server_version", "19.0").containsEntry("server_serie", "19.0").containsEntry("protocol_version", 1)));
        m.put("41-xmlrpc-authenticate", new Case(c -> c.xmlrpc().authenticate("o19_build", "admin", "admin"),
                v -> assertThat(v).isEqualTo(2)));
        m.put("42-xmlrpc-execute_kw", new Case(c -> c.xmlrpc().executeKw("o19_build", 2, "admin", "res.partner", "search_read",
                List.of(List.of()), kw("fields", List.of("name"), "limit", 2)),
                v -> assertThat((List<?>) v).hasSize(2).allSatisfy(r -> assertThat(cast(r)).containsOnlyKeys("id", "name"))));
        m.put("43-xmlrpc-fault", new Case(c -> c.xmlrpc().executeKw("o19_build", 2, "admin", "res.partner", "search_read",
                List.of(List.of()), kw("fields", List.of("no_such_field"), "limit", 1)),
                serverFault("ValueError", "Invalid field 'no_such_field' on 'res.partner'")));
        return m;
    }

    private static void isOdoo19(Object v) {
        assertThat(cast(v)).containsEntry("server_version", "19.0").containsEntry("server_serie", "19.0")
                .containsEntry("server_version_info", List.of(19, 0, 0, "final", 0, ""));
        assertThat(ChosenTransport.major(cast(v))).isEqualTo(19);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object v) {
        return (Map<String, Object>) v;
    }

    private static Map<String, Object> kw(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Consumer<Object> fault(Kind kind, String type, String message, boolean retryable) {
        return v -> {
            assertThat(v).isInstanceOf(OdooFaultException.class);
            OdooFaultException f = (OdooFaultException) v;
            assertThat(f.getKind()).as(f.getMessage()).isEqualTo(kind);
            assertThat(f.getOdooType()).isEqualTo(type);
            assertThat(f.getOdooMessage()).contains(message);
            assertThat(f.isRetryable()).isEqualTo(retryable);
        };
    }

    /** Fault 1 as XML-RPC sends it for any other exception: the class, the message, the traceback kept; permanent. */
    private static Consumer<Object> serverFault(String type, String message) {
        return fault(Kind.SERVER_ERROR, type, message, false).andThen(v -> {
            OdooFaultException f = (OdooFaultException) v;
            if (!type.startsWith("werkzeug.")) {
                assertThat(f.getFaultString()).startsWith("Traceback (most recent call last):");
            }
        });
    }

    /** 401: the configuration's key is wrong; a clear, permanent fault that names the setting. */
    private static Consumer<Object> refusedKey(String odooSays) {
        return v -> {
            assertThat(v).isInstanceOf(OdooFaultException.class);
            OdooFaultException f = (OdooFaultException) v;
            assertThat(f.getKind()).isEqualTo(Kind.ACCESS_DENIED);
            assertThat(f.isRetryable()).isFalse();
            assertThat(f.getOdooMessage()).contains("HTTP 401", odooSays, "hub.odoo.api-key");
        };
    }

    /** An HTML page instead of JSON: a permanent transport error that quotes the page's text, not its tags. */
    private static Consumer<Object> htmlAnswer(int status) {
        return v -> {
            assertThat(v).isInstanceOf(OdooTransportException.class);
            OdooTransportException e = (OdooTransportException) v;
            assertThat(e.getHttpStatus()).isEqualTo(status);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP " + status, "Unsupported Media Type").doesNotContain("<h1>");
        };
    }

    // ---- the recorded files ---------------------------------------------------------------------------------

    /** One recorded exchange: ">>> request" then "<<< response", each a head, a blank line and Content-Length bytes. */
    record Sample(String method, String path, Map<String, String> requestHeaders, byte[] requestBody, byte[] rawResponse) {

        static Sample read(Path file) throws IOException {
            byte[] all = Files.readAllBytes(file);
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int req = text.indexOf(">>> request\n") + ">>> request\n".length();
            int resp = text.indexOf("<<< response\n");
            Part request = Part.of(text.substring(req, resp));
            Part response = Part.of(text.substring(resp + "<<< response\n".length()));
            String[] line = request.firstLine().split(" ");
            // replayed with CRLF line ends, as the server sent it
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            raw.writeBytes((response.firstLine() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (String h : response.headerLines()) {
                raw.writeBytes((h + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            raw.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            raw.writeBytes(response.body());
            return new Sample(line[0], line[1], headers(String.join("\n", request.headerLines())), request.body(), raw.toByteArray());
        }
    }

    private record Part(String firstLine, List<String> headerLines, byte[] body) {
        static Part of(String text) {
            int end = text.indexOf("\n\n");
            List<String> head = Arrays.asList(text.substring(0, end).split("\n"));
            int length = head.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .map(h -> Integer.parseInt(h.substring(15).strip())).findFirst().orElse(0);
            byte[] body = text.substring(end + 2, end + 2 + length).getBytes(StandardCharsets.ISO_8859_1);
            return new Part(head.get(0), head.subList(1, head.size()), body);
        }
    }
}
