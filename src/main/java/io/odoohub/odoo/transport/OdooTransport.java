package io.odoohub.odoo.transport;

import java.util.List;
import java.util.Map;

/**
 * How the hub reaches Odoo. XML-RPC ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object}) now; Odoo 19's JSON-2
 * ({@code /json/2/<model>/<method>}) can be a second implementation, which is why calls are named by model and
 * method rather than by XML-RPC service.
 *
 * <p>Implementations throw {@link io.odoohub.odoo.OdooTransportException} when no Odoo answer arrived and
 * {@link io.odoohub.odoo.OdooFaultException} when Odoo answered with an error. They are thread-safe.
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

    @Override
    void close();
}
