package io.odoohub.xmlrpc;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An Odoo that runs inside this JVM and speaks XML-RPC: the plug-in point through which the hub finds the sandbox
 * (module odoo-hub-sandbox) at run time, when no ODOO_URL is set, without depending on it at compile time. An
 * implementation names itself in {@code META-INF/services/io.odoohub.xmlrpc.EmbeddedOdoo}.
 */
public interface EmbeddedOdoo {

    /**
     * Starts a server on host:port (port 0 = any free port) serving one database, where {@code apiKey} is the secret
     * of the user {@code login}.
     */
    Running start(String host, int port, String db, String login, String apiKey);

    /** A started server: its XML-RPC base URL; close() stops it. */
    interface Running extends AutoCloseable {
        String url();

        @Override
        void close();
    }

    /** The first implementation on the class path, if any. */
    static Optional<EmbeddedOdoo> find() {
        return ServiceLoader.load(EmbeddedOdoo.class, EmbeddedOdoo.class.getClassLoader()).findFirst();
    }
}
