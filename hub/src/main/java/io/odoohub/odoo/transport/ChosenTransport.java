package io.odoohub.odoo.transport;

import io.odoohub.odoo.fault.OdooTransportException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport {@code hub.odoo.transport} and the server call for, chosen once, before the first call, and then used for
 * every call. {@code auto} asks {@code GET /web/version} (Odoo 19 answers it; 18 and earlier answer 404) and speaks
 * JSON-2 to 19 and later, XML-RPC before. An explicit {@code json2} is checked the same way and an explicit
 * {@code xmlrpc} by {@code common.version}: a server that does not speak it fails with a message naming the setting.
 *
 * <p>When the server cannot be reached (a retryable failure), nothing is chosen and the failure is thrown; the next
 * call asks again. The chosen transport shares this one's HTTP client, so {@link #requestCount()} counts the question.
 */
public final class ChosenTransport implements OdooTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ChosenTransport.class);
    private static final int FIRST_JSON2_VERSION = 19;
    private static final Pattern MAJOR = Pattern.compile("(\\d+)\\.");

    private final URI baseUrl;
    private final TransportMode mode;
    private final OdooHttp http;
    private volatile OdooTransport chosen;
    private volatile TransportChoice choice;

    public ChosenTransport(URI baseUrl, TransportMode mode, TransportSettings settings) {
        this.baseUrl = OdooHttp.checkBaseUrl(baseUrl);
        this.mode = Objects.requireNonNull(mode, "mode");
        this.http = new OdooHttp(settings);
    }

    /** Which transport and why, asking the server first if nothing was chosen yet. */
    @Override
    public TransportChoice choice() {
        transport();
        return choice;
    }

    @Override
    public Map<String, Object> version() {
        return transport().version();
    }

    @Override
    public Integer authenticate(String db, String login, String secret) {
        return transport().authenticate(db, login, secret);
    }

    @Override
    public Object executeKw(String db, int uid, String secret, String model, String method, List<?> args, Map<String, ?> kwargs) {
        return transport().executeKw(db, uid, secret, model, method, args, kwargs);
    }

    /** HTTP requests sent, the version question included. */
    @Override
    public long requestCount() {
        return http.requestCount();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ChosenTransport[" + baseUrl + ", " + TransportMode.SETTING + "=" + mode + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private OdooTransport transport() {
        OdooTransport t = chosen;
        return t != null ? t : choose();
    }

    private synchronized OdooTransport choose() {
        if (chosen != null) {
            return chosen;
        }
        OdooTransport transport = switch (mode) {
            case auto -> auto();
            case json2 -> json2();
            case xmlrpc -> xmlrpc();
        };
        LOG.info("Odoo at {}: {}", baseUrl, choice);
        chosen = transport;
        return transport;
    }

    /** What {@code GET /web/version} told: the version (null when it gave none) and, in words, what it answered. */
    private record WebVersion(String version, int major, String answered) {
    }

    /** Asks {@code GET /web/version}; a retryable failure (the server cannot be reached) is thrown. */
    private static WebVersion webVersion(Json2Transport json2) {
        try {
            Map<String, Object> version = json2.version();
            String v = String.valueOf(version.get("server_version"));
            return new WebVersion(v, major(version), "answered " + v);
        } catch (OdooTransportException e) {
            if (e.isRetryable()) {
                throw e;
            }
            return new WebVersion(null, 0, e.getHttpStatus() == 404 ? "answered HTTP 404" : "gave no version (" + e.getMessage() + ")");
        }
    }

    private OdooTransport auto() {
        Json2Transport json2 = new Json2Transport(baseUrl, http);
        WebVersion asked = webVersion(json2);
        String reason = TransportMode.SETTING + "=auto: GET /web/version " + asked.answered();
        if (asked.major() >= FIRST_JSON2_VERSION) {
            choice = new TransportChoice(TransportChoice.JSON2, asked.version(), reason + "; JSON-2 from Odoo " + FIRST_JSON2_VERSION + " on");
            return json2;
        }
        choice = new TransportChoice(TransportChoice.XMLRPC, asked.version(), reason
                + (asked.version() == null && asked.answered().contains("404") ? ", as Odoo 18 and earlier do" : "")
                + "; XML-RPC before Odoo " + FIRST_JSON2_VERSION);
        return new XmlRpcTransport(baseUrl, http);
    }

    private OdooTransport json2() {
        Json2Transport json2 = new Json2Transport(baseUrl, http);
        WebVersion asked = webVersion(json2);
        if (asked.major() >= FIRST_JSON2_VERSION) {
            choice = new TransportChoice(TransportChoice.JSON2, asked.version(), TransportMode.SETTING + "=json2; GET /web/version "
                    + asked.answered());
            return json2;
        }
        throw new OdooTransportException(TransportMode.SETTING + "=json2, but " + baseUrl + " is not Odoo " + FIRST_JSON2_VERSION
                + " or later: GET /web/version " + asked.answered() + " (Odoo 18 and earlier have no JSON-2). Set " + TransportMode.SETTING
                + " (ODOO_TRANSPORT) to auto or xmlrpc.", 0, false, null);
    }

    private OdooTransport xmlrpc() {
        XmlRpcTransport xmlrpc = new XmlRpcTransport(baseUrl, http);
        Map<String, Object> version;
        try {
            version = xmlrpc.version();
        } catch (OdooTransportException e) {
            if (e.isRetryable()) {
                throw e;
            }
            throw new OdooTransportException(TransportMode.SETTING + "=xmlrpc, but " + baseUrl + " does not answer XML-RPC: "
                    + e.getMessage() + ". Odoo deprecated XML-RPC in 19 and announced its removal; set " + TransportMode.SETTING
                    + " (ODOO_TRANSPORT) to auto or json2.", e.getHttpStatus(), false, null);
        }
        String v = String.valueOf(version.get("server_version"));
        if (major(version) >= FIRST_JSON2_VERSION) {
            choice = new TransportChoice(TransportChoice.XMLRPC, v, TransportMode.SETTING + "=xmlrpc; common.version answered " + v
                    + ", where XML-RPC is deprecated (auto would speak JSON-2)");
            LOG.warn("Odoo {} at {} is spoken to over XML-RPC because {}=xmlrpc; Odoo deprecated XML-RPC in 19 and announced its"
                    + " removal: set {} to auto (JSON-2)", v, baseUrl, TransportMode.SETTING, TransportMode.SETTING);
        } else {
            choice = new TransportChoice(TransportChoice.XMLRPC, v, TransportMode.SETTING + "=xmlrpc; common.version answered " + v);
        }
        return xmlrpc;
    }

    /** The major version from server_version_info, else from server_version ("19.0", "saas~18.4"); 0 when neither says. */
    static int major(Map<String, Object> version) {
        if (version.get("server_version_info") instanceof List<?> info && !info.isEmpty() && info.get(0) instanceof Number n) {
            return n.intValue();
        }
        Matcher m = MAJOR.matcher(String.valueOf(version.get("server_version")));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
