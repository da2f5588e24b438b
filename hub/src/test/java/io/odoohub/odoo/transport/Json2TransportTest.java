package io.odoohub.odoo.transport;

import static io.odoohub.odoo.transport.HostileServerTest.CAP;
import static io.odoohub.odoo.transport.HostileServerTest.SECRET;
import static io.odoohub.odoo.transport.HostileServerTest.SETTINGS;
import static io.odoohub.odoo.transport.HostileServerTest.bytes;
import static io.odoohub.odoo.transport.HostileServerTest.fails;
import static io.odoohub.odoo.transport.HostileServerTest.failsAtDeadline;
import static io.odoohub.odoo.transport.HostileServerTest.readUntilClientLeaves;
import static io.odoohub.odoo.transport.RawHttpServer.answer;
import static io.odoohub.odoo.transport.RawHttpServer.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.odoo.fault.OdooTransportException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JSON-2 against servers that misbehave, and the parts of the protocol the recorded exchanges do not show: the same
 * deadline, caps and masking as XML-RPC (both go through {@link OdooHttp}), JSON read limits, errors a busy Odoo
 * answers, the named arguments of every method the hub calls, and authenticate.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Json2TransportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] OK = bytes("[{\"id\": 3, \"name\": \"Administrator\"}]");

    RawHttpServer server;
    Json2Transport transport;

    @BeforeEach
    void start() throws IOException {
        server = new RawHttpServer(json(200, OK));
        transport = new Json2Transport(server.baseUri(), SETTINGS);
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.close();
    }

    static RawHttpServer.Behaviour json(int status, byte[] body, String... headers) {
        return answer(status, "X", "application/json; charset=utf-8", body, headers);
    }

    static byte[] error(String name, String message, String debug) {
        try {
            return JSON.writeValueAsBytes(Map.of("name", name, "message", message, "arguments", List.of(message), "context", Map.of(),
                    "debug", debug));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Object searchRead() {
        return transport.executeKw("hub", 2, SECRET, "res.partner", "search_read", List.of(List.of()), Map.of("limit", 1));
    }

    // ---- busy and broken servers ---------------------------------------------------------------------------

    @Test
    void busyAnswersAreRetryableEvenWithAJsonBody() {
        for (int status : new int[] {429, 502, 503, 504}) {
            server.behave(json(status, error("werkzeug.exceptions.ServiceUnavailable", "busy", ""), "Retry-After: 5"));
            OdooTransportException e = fails(this::searchRead, Duration.ofSeconds(2));
            assertThat(e.isRetryable()).as("HTTP %d", status).isTrue();
            assertThat(e.getHttpStatus()).isEqualTo(status);
            assertThat(e.getMessage()).contains("HTTP " + status, "Retry-After: 5");
        }
        assertWorksAgain();
    }

    @Test
    void serializationLockAndConcurrencyFailuresAreRetryableFaults() {
        String traceback = "Traceback (most recent call last):\n  File \"x.py\", line 1\npsycopg2.errors.SerializationFailure: could not serialize"
                + " access due to concurrent update\n";
        server.behave(json(500, error("psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update", traceback)));
        OdooFaultException serialization = (OdooFaultException) catchThrowable(this::searchRead);
        assertThat(serialization.isRetryable()).isTrue();
        assertThat(serialization.getKind()).isEqualTo(OdooFaultException.Kind.SERVER_ERROR);

        server.behave(json(409, error("odoo.exceptions.LockError", "Cannot lock the records", "")));
        OdooFaultException lock = (OdooFaultException) catchThrowable(this::searchRead);
        assertThat(lock.isRetryable()).isTrue();
        assertThat(lock.getKind()).isEqualTo(OdooFaultException.Kind.USER_ERROR);

        server.behave(json(500, error("odoo.exceptions.ConcurrencyError", "concurrent update", "")));
        assertThat(((OdooFaultException) catchThrowable(this::searchRead)).isRetryable()).isTrue();

        server.behave(json(500, error("builtins.KeyError", "'x'", "Traceback (most recent call last):\nKeyError: 'x'\n")));
        OdooFaultException other = (OdooFaultException) catchThrowable(this::searchRead);
        assertThat(other.isRetryable()).isFalse();
        assertThat(other.getOdooType()).isEqualTo("KeyError");
        assertWorksAgain();
    }

    @Test
    void htmlWithStatus200IsRefusedWithItsText() {
        server.behave(answer(200, "OK", "text/html", bytes("<html><body><h1>Odoo is under maintenance</h1></body></html>")));
        OdooTransportException e = fails(this::searchRead, Duration.ofSeconds(2));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("text/html", "not JSON", "Odoo is under maintenance").doesNotContain("<h1>");
        assertWorksAgain();
    }

    @Test
    void aRedirectIsRefusedAndNamed() {
        // Odoo 18 answers /json/2 with a redirect to its login page
        server.behave(answer(303, "SEE OTHER", "text/html", bytes("<p>Redirecting...</p>"), "Location: /web/login?redirect=%2Fjson%2F2"));
        OdooTransportException e = fails(this::searchRead, Duration.ofSeconds(2));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("HTTP 303", "redirect to /web/login");
        assertWorksAgain();
    }

    @Test
    void anUnknownDatabaseIsAFaultThatNamesTheSetting() {
        server.behave(answer(404, "NOT FOUND", "text/html; charset=utf-8", bytes("<!DOCTYPE html>\n<title>404 Not Found</title>\n"
                + "<h1>Not Found</h1>\n<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>")));
        Throwable thrown = catchThrowable(() -> transport.executeKw("nosuchdb", 2, SECRET, "res.partner", "search_read",
                List.of(List.of()), Map.of()));
        assertThat(thrown).isInstanceOf(OdooFaultException.class).hasMessageContaining("database 'nosuchdb' does not exist")
                .hasMessageContaining("hub.odoo.db");
        assertThat(((OdooFaultException) thrown).isRetryable()).isFalse();
        assertThat(headerOf(server.requests().get(0), "X-Odoo-Database")).isEqualTo("nosuchdb");
    }

    @Test
    void declaredHugeContentLengthIsRefusedBeforeReading() {
        server.behave((s, req, srv) -> {
            srv.write(s.getOutputStream(), head(200, "OK", "application/json", 100L * 1024 * 1024));
            readUntilClientLeaves(s, req, srv);
        });
        OdooTransportException e = fails(this::searchRead, Duration.ofSeconds(1));
        assertThat(e.getMessage()).contains("answer of 104857600 bytes is larger than the cap of " + CAP);
        assertThat(e.isRetryable()).isFalse();
        assertWorksAgain();
    }

    @Test
    void aStreamedAnswerIsCutAtTheByteCap() {
        long hundredMb = 100L * 1024 * 1024;
        server.behave((s, req, srv) -> {
            OutputStream out = s.getOutputStream();
            srv.write(out, head(200, "OK", "application/json", -1)); // no Content-Length: only the stream cap can stop it
            srv.write(out, bytes("[\""));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'A');
            for (long sent = 0; sent < hundredMb; sent += chunk.length) {
                srv.write(out, chunk);
            }
            srv.write(out, bytes("\"]"));
        });
        OdooTransportException e = fails(this::searchRead, Duration.ofSeconds(3));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("not acceptable JSON", "exceeds the maximum allowed (" + CAP);
        assertThat(server.bytesWritten()).isLessThan(hundredMb / 4);
        assertWorksAgain();
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        server.behave(json(200, bytes("[".repeat(100_000) + "]".repeat(100_000))));
        OdooTransportException e = fails(this::searchRead, Duration.ofSeconds(2));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("not acceptable JSON", "nesting depth");
        assertWorksAgain();
    }

    @Test
    void notJsonOrTrailingGarbageIsRefused() {
        server.behave(json(200, bytes("{\"ids\": [1], ")));
        assertThat(fails(this::searchRead, Duration.ofSeconds(2)).getMessage()).contains("not acceptable JSON");
        server.behave(json(200, bytes("[1] [2]")));
        assertThat(fails(this::searchRead, Duration.ofSeconds(2)).getMessage()).contains("not acceptable JSON");
        assertWorksAgain();
    }

    @Test
    void bodyTrickledOneBytePerTwoSecondsFailsAtTheDeadline() {
        server.behave((s, req, srv) -> {
            OutputStream out = s.getOutputStream();
            srv.write(out, head(200, "OK", "application/json", OK.length));
            for (int i = 0; i < OK.length && !srv.awaitStop(i == 0 ? 0 : 2000); i++) {
                srv.write(out, new byte[] {OK[i]});
            }
        });
        OdooTransportException e = failsAtDeadline(this::searchRead);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("json/2 res.partner.search_read", "exceeded its 3 s deadline");
        assertWorksAgain();
    }

    @Test
    void theKeyIsABearerHeaderAndNeverInAMessageEvenWhenEchoed() {
        server.behave(json(422, error("odoo.exceptions.UserError", "bad key " + SECRET, "Traceback\nkey " + SECRET)));
        Throwable userError = catchThrowable(this::searchRead);
        server.behave(json(500, error("builtins.ValueError", "echo " + SECRET, "Traceback (most recent call last):\nValueError: " + SECRET)));
        Throwable serverError = catchThrowable(this::searchRead);
        server.behave(answer(500, "Error", "text/plain", bytes("echo " + SECRET)));
        Throwable plain = catchThrowable(this::searchRead);

        for (Throwable t : List.of(userError, serverError, plain)) {
            assertThat(HostileServerTest.chainText(t)).doesNotContain(SECRET).contains("***");
            if (t instanceof OdooFaultException f) {
                assertThat(f.getFaultString()).doesNotContain(SECRET);
            }
        }
        assertThat(server.requests()).hasSize(3).allSatisfy(r -> {
            assertThat(r.requestLine()).doesNotContain(SECRET).startsWith("POST /json/2/res.partner/search_read ");
            assertThat(headerOf(r, "Authorization")).isEqualTo("bearer " + SECRET);
        });
    }

    // ---- what is sent --------------------------------------------------------------------------------------

    @Test
    void everyMethodTheHubCallsGetsItsNamedArguments() throws IOException {
        server.behave(json(200, bytes("true")));
        Map<String, String> sent = new java.util.LinkedHashMap<>();
        Object[][] calls = {
            {"search_read", List.of(List.of(List.of("active", "=", true))), Map.of("fields", List.of("name"), "offset", 10, "limit", 5, "order", "id asc"),
                "{\"domain\":[[\"active\",\"=\",true]],\"fields\":[\"name\"],\"offset\":10,\"limit\":5,\"order\":\"id asc\"}"},
            {"search", List.of(List.of(), 5, 10, "name"), Map.of(), "{\"domain\":[],\"offset\":5,\"limit\":10,\"order\":\"name\"}"},
            {"search_count", List.of(List.of()), Map.of("context", Map.of("active_test", false)),
                "{\"domain\":[],\"context\":{\"active_test\":false}}"},
            {"read", List.of(List.of(1, 2), List.of("name")), Map.of(), "{\"ids\":[1,2],\"fields\":[\"name\"]}"},
            {"create", List.of(List.of(Map.of("name", "a"))), Map.of(), "{\"vals_list\":[{\"name\":\"a\"}]}"},
            {"write", List.of(List.of(3), Map.of("name", "b")), Map.of(), "{\"ids\":[3],\"vals\":{\"name\":\"b\"}}"},
            {"unlink", List.of(List.of(3)), Map.of(), "{\"ids\":[3]}"},
            {"load", List.of(List.of("id", "name"), List.of(List.of("x.1", "A"))), Map.of("context", Map.of("tracking_disable", true)),
                "{\"fields\":[\"id\",\"name\"],\"data\":[[\"x.1\",\"A\"]],\"context\":{\"tracking_disable\":true}}"},
            {"fields_get", List.of(), Map.of("attributes", List.of("type")), "{\"attributes\":[\"type\"]}"},
            {"check_access_rights", List.of("read"), Map.of("raise_exception", false), "{\"operation\":\"read\",\"raise_exception\":false}"},
            {"action_confirm", List.of(List.of(7)), Map.of(), "{\"ids\":[7]}"},
            {"action_apply_inventory", List.of(List.of(8, 9)), Map.of("context", Map.of("inventory_mode", true)),
                "{\"ids\":[8,9],\"context\":{\"inventory_mode\":true}}"},
            {"action_set_won", List.of(11), Map.of(), "{\"ids\":[11]}"},
        };
        for (Object[] c : calls) {
            @SuppressWarnings("unchecked")
            Map<String, Object> kwargs = (Map<String, Object>) c[2];
            transport.executeKw("hub", 2, SECRET, "sale.order", (String) c[0], (List<?>) c[1], kwargs);
            RawHttpServer.Request r = server.requests().get(server.requests().size() - 1);
            assertThat(r.path()).isEqualTo("/json/2/sale.order/" + c[0]);
            assertThat(JSON.readTree(r.body())).as((String) c[0]).isEqualTo(JSON.readTree((String) c[3]));
            sent.put((String) c[0], r.bodyText());
        }
        assertThat(sent).hasSize(calls.length);
    }

    @Test
    void argumentsThatCannotBeNamedAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> transport.executeKw("hub", 2, SECRET, "sale.order", "action_confirm", List.of(List.of(1), "extra"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass the others as keyword arguments");
        assertThatThrownBy(() -> transport.executeKw("hub", 2, SECRET, "res.partner", "write", List.of(List.of(1), Map.of(), "x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 (vals) besides the ids, 2 were given");
        assertThatThrownBy(() -> transport.executeKw("hub", 2, SECRET, "res.partner", "search_read", List.of(List.of()), Map.of("domain", List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two values for the argument 'domain'");
        assertThatThrownBy(() -> transport.executeKw("hub", 2, SECRET, "res.partner", "action_archive", List.of("not ids"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the ids");
        assertThatThrownBy(() -> transport.executeKw("hub", 2, SECRET, "res.partner/../../web", "read", List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an Odoo model name");
        assertThatThrownBy(() -> transport.executeKw("hub", 2, SECRET, "res.partner", "create",
                List.of(List.of(Map.of("list_price", Double.NaN))), Map.of()))
                .isInstanceOf(OdooTransportException.class).hasMessageContaining("cannot be encoded as JSON");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void datesAndTimesAreSentAsOdooWritesThem() throws IOException {
        server.behave(json(200, bytes("true")));
        transport.executeKw("hub", 2, SECRET, "res.currency.rate", "write", List.of(List.of(1), Map.of(
                "name", LocalDate.of(2026, 12, 6),
                "at", LocalDateTime.of(2026, 12, 6, 4, 9, 23),
                "instant", Instant.parse("2026-12-06T04:09:23.750Z"))), Map.of());
        assertThat(JSON.readTree(server.requests().get(0).body()).get("vals")).isEqualTo(JSON.readTree(
                "{\"name\":\"2026-12-06\",\"at\":\"2026-12-06 04:09:23\",\"instant\":\"2026-12-06 04:09:23\"}"));
    }

    // ---- authenticate and version --------------------------------------------------------------------------

    @Test
    void authenticateAsksWhoTheKeyBelongsToAndChecksTheLogin() {
        server.behave((s, req, srv) -> json(200, bytes(req.path().endsWith("/context_get")
                ? "{\"lang\": \"en_US\", \"tz\": false, \"uid\": 2}" : "[{\"id\": 2, \"login\": \"admin\"}]")).serve(s, req, srv));
        assertThat(transport.authenticate("hub", "admin", SECRET)).isEqualTo(2);
        assertThat(server.requests()).extracting(RawHttpServer.Request::path)
                .containsExactly("/json/2/res.users/context_get", "/json/2/res.users/search_read");

        Throwable other = catchThrowable(() -> transport.authenticate("hub", "bob", SECRET));
        assertThat(other).isInstanceOf(OdooFaultException.class).hasMessageContaining("belongs to user 'admin', not to hub.odoo.username 'bob'");
        assertThat(((OdooFaultException) other).getKind()).isEqualTo(OdooFaultException.Kind.ACCESS_DENIED);

        server.behave(json(401, error("werkzeug.exceptions.Unauthorized", "Invalid apikey", ""), "WWW-Authenticate: Bearer"));
        Throwable refused = catchThrowable(() -> transport.authenticate("hub", "admin", SECRET));
        assertThat(refused).isInstanceOf(OdooFaultException.class).hasMessageContaining("hub.odoo.api-key (ODOO_API_KEY)");
        assertThat(((OdooFaultException) refused).getKind()).isEqualTo(OdooFaultException.Kind.ACCESS_DENIED);
    }

    @Test
    void versionIsAskedWithoutTheKey() {
        server.behave(json(200, bytes("{\"version_info\": [20, 0, 0, \"final\", 0, \"\"], \"version\": \"20.0\"}")));
        assertThat(transport.version()).containsEntry("server_version", "20.0").containsEntry("server_serie", "20.0");
        RawHttpServer.Request r = server.requests().get(0);
        assertThat(r.requestLine()).startsWith("GET /web/version ");
        assertThat(headerOf(r, "Authorization")).isNull();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static String headerOf(RawHttpServer.Request r, String name) {
        for (String line : r.headers().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    void assertWorksAgain() {
        server.behave(json(200, OK));
        long before = transport.requestCount();
        assertThat(searchRead()).isEqualTo(List.of(Map.of("id", 3, "name", "Administrator")));
        assertThat(transport.requestCount()).isEqualTo(before + 1);
    }
}
