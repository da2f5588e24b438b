package io.odoohub.odoo.transport;

import java.util.List;
import java.util.Map;

/**
 * How the hub reaches Odoo: XML-RPC ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object}, {@link XmlRpcTransport}) or
 * Odoo 19's JSON-2 ({@code /json/2/<model>/<method>}, {@link Json2Transport}); {@link ChosenTransport} picks one by the
 * server's version. Calls are named by model and method; the arguments are XML-RPC's positional {@code args} and
 * {@code kwargs}, which JSON-2 turns into named arguments ({@link Json2Arguments}).
 *
 * <p>Implementations throw {@link io.odoohub.odoo.fault.OdooTransportException} when no Odoo answer arrived and
 * {@link io.odoohub.odoo.fault.OdooFaultException} when Odoo answered with an error. They are thread-safe.
 */
public interface OdooTransport extends AutoCloseable {

    /** {@code common.version()}: server_version, server_version_info, server_serie, protocol_version. */
    Map<String, Object> version();

    /** {@code common.authenticate}: the uid, or null when Odoo answered False (bad login or key). */
    Integer authenticate(String db, String login, String secret);

    /** {@code object.execute_kw(db, uid, secret, model, method, args, kwargs)}: Odoo's answer, decoded. */
    Object executeKw(String db, int uid, String secret, String model, String method, List<?> args, Map<String, ?> kwargs);

    /** Number of HTTP requests this transport has sent (for benchmarks and tests). */
    long requestCount();

    /** The protocol spoken and why (a transport that chooses by the server asks it first). */
    default TransportChoice choice() {
        return new TransportChoice(TransportChoice.XMLRPC, null, "configured");
    }

    @Override
    void close();
}
