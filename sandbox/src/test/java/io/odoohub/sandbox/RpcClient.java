package io.odoohub.sandbox;

import io.odoohub.xmlrpc.XmlRpcLimits;
import io.odoohub.xmlrpc.XmlRpcReader;
import io.odoohub.xmlrpc.XmlRpcResponse;
import io.odoohub.xmlrpc.XmlRpcWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A bare XML-RPC client over HttpURLConnection, for driving the sandbox in tests exactly as a remote client would. */
final class RpcClient {

    /** One raw HTTP exchange. */
    record Raw(int status, String contentType, String connection, byte[] body) {
        XmlRpcResponse parsed() {
            return new XmlRpcReader(XmlRpcLimits.DEFAULT).readResponse(body);
        }
    }

    private final String url;
    private final String db;
    private final String key;

    RpcClient(OdooSandbox sandbox, String key) {
        this.url = sandbox.url();
        this.db = sandbox.database();
        this.key = key;
    }

    static Raw post(String url, byte[] body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setConnectTimeout(5000);
            c.setReadTimeout(30000);
            c.setRequestProperty("Content-Type", "text/xml");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            byte[] data;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                data = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Raw(status, c.getContentType(), c.getHeaderField("Connection"), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    XmlRpcResponse raw(String service, String method, Object... params) {
        Raw r = post(url + "/xmlrpc/2/" + service, XmlRpcWriter.call(method, Arrays.asList(params)));
        if (r.status() != 200) {
            throw new IllegalStateException("HTTP " + r.status());
        }
        return r.parsed();
    }

    /** execute_kw; a fault becomes an {@link IllegalStateException} naming code and text. */
    Object call(String model, String method, List<?> args, Map<String, ?> kwargs) {
        XmlRpcResponse r = raw("object", "execute_kw", db, 2, key, model, method, args, kwargs);
        if (r.isFault()) {
            throw new Fault(r.fault().code(), r.fault().faultString());
        }
        return r.value();
    }

    Object call(String model, String method, Object... args) {
        return call(model, method, Arrays.asList(args), Map.of());
    }

    static final class Fault extends IllegalStateException {
        final int code;
        final String text;

        Fault(int code, String text) {
            super("fault " + code + ": " + text);
            this.code = code;
            this.text = text;
        }
    }
}
