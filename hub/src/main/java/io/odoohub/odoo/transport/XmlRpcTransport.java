package io.odoohub.odoo.transport;

import io.odoohub.odoo.fault.OdooTransportException;
import io.odoohub.xmlrpc.XmlRpcException;
import io.odoohub.xmlrpc.XmlRpcFault;
import io.odoohub.xmlrpc.XmlRpcReader;
import io.odoohub.xmlrpc.XmlRpcResponse;
import io.odoohub.xmlrpc.XmlRpcWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Odoo's XML-RPC API ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object}) over {@link OdooHttp}: a hard deadline
 * per call, the answer parsed as it arrives and never more than {@link TransportSettings#maxResponseBytes()} of it
 * read, nesting capped at {@link TransportSettings#maxDepth()}.
 *
 * <p>The secret (password or API key) is never logged and is masked in every exception message, even when a
 * server echoes it back.
 */
public final class XmlRpcTransport implements OdooTransport {

    private final URI baseUrl;
    private final URI commonUrl;
    private final URI objectUrl;
    private final XmlRpcReader reader;
    private final OdooHttp http;

    /**
     * @param baseUrl  Odoo's address, e.g. {@code https://erp.example.com} or {@code http://host:8069/odoo/};
     *                 a path prefix is kept; credentials, query and fragment are refused
     * @param settings timeouts, deadline and answer limits
     */
    public XmlRpcTransport(URI baseUrl, TransportSettings settings) {
        this(baseUrl, new OdooHttp(settings));
    }

    /** Over an existing HTTP client (the one that asked the server's version). */
    XmlRpcTransport(URI baseUrl, OdooHttp http) {
        this.baseUrl = OdooHttp.checkBaseUrl(baseUrl);
        this.http = Objects.requireNonNull(http, "http");
        this.reader = new XmlRpcReader(http.settings().limits());
        this.commonUrl = OdooHttp.endpoint(baseUrl, "/xmlrpc/2/common");
        this.objectUrl = OdooHttp.endpoint(baseUrl, "/xmlrpc/2/object");
    }

    @Override
    public Map<String, Object> version() {
        Object v = call(commonUrl, "common.version", "common.version", "version", List.of(), null);
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        throw unexpected("common.version", "a struct", v);
    }

    @Override
    public Integer authenticate(String db, String login, String secret) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(secret, "secret");
        Object v = call(commonUrl, "common.authenticate", "common.authenticate", "authenticate",
                Arrays.asList(db, login, secret, Map.of()), secret);
        if (v instanceof Integer uid) {
            return uid;
        }
        if (Boolean.FALSE.equals(v)) {
            return null;
        }
        throw unexpected("common.authenticate", "an int or False", v);
    }

    @Override
    public Object executeKw(String db, int uid, String secret, String model, String method, List<?> args, Map<String, ?> kwargs) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        String fault = model + "." + method;
        return call(objectUrl, "object.execute_kw(" + fault + ")", fault, "execute_kw",
                Arrays.asList(db, uid, secret, model, method, args == null ? List.of() : args, kwargs == null ? Map.of() : kwargs),
                secret);
    }

    /** HTTP requests sent (or attempted: a refused connection counts). */
    @Override
    public long requestCount() {
        return http.requestCount();
    }

    @Override
    public TransportChoice choice() {
        return new TransportChoice(TransportChoice.XMLRPC, null, "configured");
    }

    /** Refuses further calls and aborts the ones in flight (they fail as retryable transport errors). */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "XmlRpcTransport[" + baseUrl + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private Object call(URI url, String operation, String faultOperation, String method, List<?> params, String secret) {
        byte[] body;
        try {
            body = XmlRpcWriter.call(method, params);
        } catch (XmlRpcException e) {
            throw new OdooTransportException(OdooHttp.mask("Odoo call " + operation + " cannot be encoded as XML-RPC: " + e.getMessage(), secret),
                    0, false, null);
        }
        XmlRpcResponse response = http.exchange(this, operation, url, secret, "XML-RPC", request -> request
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Accept", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), answer -> {
                    if (answer.status() != 200) {
                        throw answer.statusError();
                    }
                    if (answer.isHtml()) {
                        throw answer.contentError("its answer is " + answer.contentType() + ", not XML-RPC: " + answer.snippet());
                    }
                    return reader.readResponse(answer.body());
                });
        if (response.isFault()) {
            XmlRpcFault f = response.fault();
            Object code = f.faultCode() instanceof String s ? OdooHttp.mask(s, secret) : f.faultCode();
            throw FaultTranslator.translate(faultOperation, new XmlRpcFault(code, OdooHttp.mask(f.faultString(), secret)));
        }
        return response.value();
    }

    private static OdooTransportException unexpected(String operation, String expected, Object v) {
        String type = v == null ? "nil" : v.getClass().getSimpleName();
        return new OdooTransportException("Odoo call " + operation + " answered " + type + " where " + expected + " was expected",
                200, false, null);
    }
}
