package io.odoohub.odoo.transport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.odoo.fault.OdooTransportException;
import io.odoohub.support.Json;
import io.odoohub.support.Text;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Odoo 19's JSON-2 API: {@code POST /json/2/<model>/<method>} with a JSON object of named arguments (plus
 * {@code ids} and {@code context}), the API key as {@code Authorization: bearer}, the database as
 * {@code X-Odoo-Database}. Each call is one transaction on the server. The answer is the bare result; an error is
 * an HTTP status and a body {@code {name, message, arguments, context, debug}}, classified by {@link FaultTranslator}
 * as XML-RPC's faults are. Over {@link OdooHttp}: the same deadline, timeouts and caps as XML-RPC; JSON answers are
 * read with Jackson's nesting, string and number limits and never more than
 * {@link TransportSettings#maxResponseBytes()} of them.
 *
 * <p>{@code db}, {@code uid} and {@code secret} keep the {@link OdooTransport} signature: the database goes into the
 * header, the secret into the bearer header, the uid is not sent (the key says who calls). There is no authenticate
 * endpoint: {@link #authenticate} asks {@code res.users.context_get} who the key belongs to and checks that it is the
 * configured login. The API key is never in a URL, a log line or an exception message.
 */
public final class Json2Transport implements OdooTransport {

    private static final Pattern MODEL = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*", Pattern.CASE_INSENSITIVE);
    private static final Pattern METHOD = Pattern.compile("[a-z_][a-z0-9_]*", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String FORMAT = "JSON";

    private final URI baseUrl;
    private final URI versionUrl;
    private final OdooHttp http;
    private final ObjectMapper json;

    /**
     * @param baseUrl  Odoo's address; a path prefix is kept; credentials, query and fragment are refused
     * @param settings timeouts, deadline and answer limits
     */
    public Json2Transport(URI baseUrl, TransportSettings settings) {
        this(baseUrl, new OdooHttp(settings));
    }

    /** Over an existing HTTP client (the one that asked the server's version). */
    Json2Transport(URI baseUrl, OdooHttp http) {
        this.baseUrl = OdooHttp.checkBaseUrl(baseUrl);
        this.http = Objects.requireNonNull(http, "http");
        this.versionUrl = OdooHttp.endpoint(baseUrl, "/web/version");
        this.json = mapper(http.settings());
    }

    /** {@code GET /web/version} (no key needed), in {@code common.version}'s keys: server_version, server_version_info, server_serie. */
    @Override
    public Map<String, Object> version() {
        Object body = http.exchange(this, "GET /web/version", versionUrl, null, FORMAT, request -> request
                .header("Accept", "application/json").GET(), answer -> {
                    if (answer.status() != 200) {
                        throw answer.statusError();
                    }
                    return readJson(answer);
                });
        if (body instanceof Map<?, ?> m && m.get("version_info") instanceof List<?> info && !info.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            Object version = m.get("version");
            out.put("server_version", version == null ? info.get(0) + ".0" : version.toString());
            out.put("server_version_info", info);
            out.put("server_serie", version == null ? info.get(0) + ".0" : version.toString());
            return out;
        }
        throw new OdooTransportException("Odoo's GET " + versionUrl + " answered " + describe(body)
                + " where {\"version_info\": [...], \"version\": ...} was expected", 200, false, null);
    }

    /**
     * The uid the API key acts as ({@code res.users.context_get}), checked against {@code login}; null never: a
     * refused key (401) and a key of another user are {@link OdooFaultException}s of kind ACCESS_DENIED whose message
     * names the setting to fix.
     */
    @Override
    public Integer authenticate(String db, String login, String secret) {
        Objects.requireNonNull(login, "login");
        Object context = executeKw(db, 0, secret, "res.users", "context_get", List.of(), Map.of());
        if (!(context instanceof Map<?, ?> m) || !(m.get("uid") instanceof Integer uid)) {
            throw new OdooTransportException("Odoo call res.users.context_get answered " + describe(context)
                    + " where a context with a uid was expected", 200, false, null);
        }
        Object users = executeKw(db, uid, secret, "res.users", "search_read",
                List.of(List.of(List.of("id", "=", uid))), Map.of("fields", List.of("login")));
        String owner = users instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> u
                && u.get("login") instanceof String s ? s : null;
        if (!login.equals(owner)) {
            throw new OdooFaultException("authenticate", OdooFaultException.Kind.ACCESS_DENIED, null,
                    "Access Denied: the API key in hub.odoo.api-key (ODOO_API_KEY) belongs to user "
                            + (owner == null ? "#" + uid : "'" + owner + "'") + ", not to hub.odoo.username '" + login + "'", null);
        }
        return uid;
    }

    @Override
    public Object executeKw(String db, int uid, String secret, String model, String method, List<?> args, Map<String, ?> kwargs) {
        Objects.requireNonNull(secret, "secret");
        if (model == null || !MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException("not an Odoo model name: '" + model + "'");
        }
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("not an Odoo method name: '" + method + "'");
        }
        String operation = model + "." + method;
        byte[] body;
        try {
            body = json.writeValueAsBytes(Json2Arguments.named(model, method, args, kwargs));
        } catch (JsonProcessingException e) {
            throw new OdooTransportException(OdooHttp.mask("Odoo call " + operation + " cannot be encoded as JSON: "
                    + e.getOriginalMessage(), secret), 0, false, null);
        }
        URI url = OdooHttp.endpoint(baseUrl, "/json/2/" + model + "/" + method);
        return http.exchange(this, "json/2 " + operation, url, secret, FORMAT, request -> {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .header("Accept", "application/json")
                    .header("Authorization", "bearer " + secret);
            if (db != null && !db.isBlank()) {
                request.header("X-Odoo-Database", db);
            }
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }, answer -> {
            if (answer.status() == 200) {
                return readJson(answer);
            }
            throw error(operation, db, answer);
        });
    }

    /** HTTP requests sent (or attempted: a refused connection counts). */
    @Override
    public long requestCount() {
        return http.requestCount();
    }

    @Override
    public TransportChoice choice() {
        return new TransportChoice(TransportChoice.JSON2, null, "configured");
    }

    /** Refuses further calls and aborts the ones in flight (they fail as retryable transport errors). */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "Json2Transport[" + baseUrl + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private Object readJson(OdooHttp.Answer answer) throws IOException {
        if (!answer.contentType().toLowerCase(Locale.ROOT).contains("json")) {
            throw answer.contentError("its answer is " + (answer.contentType().isEmpty() ? "without a Content-Type" : answer.contentType())
                    + ", not JSON: " + answer.snippet());
        }
        return json.readValue(answer.body(), Object.class);
    }

    /** A status other than 200: Odoo's error body as a fault, else the HTTP error (retryable for 429/502/503/504). */
    private RuntimeException error(String operation, String db, OdooHttp.Answer answer) throws IOException {
        int status = answer.status();
        if (OdooTransportException.isRetryableStatus(status)) {
            return answer.statusError();
        }
        if (answer.contentType().toLowerCase(Locale.ROOT).contains("json")) {
            Object body = json.readValue(answer.body(), Object.class);
            if (body instanceof Map<?, ?> m && m.get("name") instanceof String name) {
                return FaultTranslator.translate(operation, status, name, answer.mask(text(m.get("message"))), answer.mask(text(m.get("debug"))));
            }
            return answer.contentError("it answered HTTP " + status + " with " + answer.mask(describe(body))
                    + " where an error {name, message, ...} was expected");
        }
        if (status == 404) {
            String page = answer.snippet();
            if (page.contains("No database is selected")) {
                // Odoo raised NotFound and rendered it as a page: the X-Odoo-Database names no database it serves
                return new OdooFaultException(operation, OdooFaultException.Kind.SERVER_ERROR, "werkzeug.exceptions.NotFound",
                        "database '" + db + "' does not exist on this server (HTTP 404: " + page + "). Check hub.odoo.db (ODOO_DB)", null);
            }
            return new OdooTransportException(answer.describe() + " answered HTTP 404 without a JSON-2 error: the server has no"
                    + " /json/2 (an Odoo before 19, or a proxy in the way): " + page, status, false, null);
        }
        return answer.statusError();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = v.toString();
        return v.getClass().getSimpleName() + " " + Text.preview(s, 200);
    }

    /**
     * Reads with the transport's nesting, string and size caps (Jackson's {@code StreamReadConstraints}) and refuses trailing
     * content; writes the Java values the XML-RPC writer takes: dates and times as Odoo's UTC strings, non-finite
     * doubles refused.
     */
    private static ObjectMapper mapper(TransportSettings settings) {
        ObjectMapper mapper = Json.mapper(settings.maxDepth(), (int) Math.min(Integer.MAX_VALUE, settings.maxResponseBytes()),
                settings.maxResponseBytes());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        SimpleModule odoo = new SimpleModule("odoo-json2");
        odoo.addSerializer(LocalDateTime.class, string(v -> ODOO_DATETIME.format(v)));
        odoo.addSerializer(OffsetDateTime.class, string(v -> ODOO_DATETIME.format(v.withOffsetSameInstant(ZoneOffset.UTC))));
        odoo.addSerializer(Instant.class, string(v -> ODOO_DATETIME.format(LocalDateTime.ofInstant(v, ZoneOffset.UTC))));
        odoo.addSerializer(LocalDate.class, string(LocalDate::toString));
        odoo.addSerializer(Double.class, new FiniteSerializer<>());
        odoo.addSerializer(Float.class, new FiniteSerializer<>());
        mapper.registerModule(odoo);
        return mapper;
    }

    private static <T> JsonSerializer<T> string(java.util.function.Function<T, String> format) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(format.apply(value));
            }
        };
    }

    /** JSON has no NaN or infinity (Jackson would write the string "NaN", which Odoo would take as text). */
    private static final class FiniteSerializer<T extends Number> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            double d = value.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new com.fasterxml.jackson.databind.JsonMappingException(gen, "JSON cannot carry the number " + d);
            }
            if (value instanceof Float f) {
                gen.writeNumber(f);
            } else {
                gen.writeNumber(d);
            }
        }
    }
}
