package io.odoohub.testsupport;

import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Odoo 18 server a test runs against, named by the system properties {@code odoo.url}, {@code odoo.db},
 * {@code odoo.username} and {@code odoo.apiKey} (Maven passes {@code -D} options on to the forked test JVM). A test
 * that needs it fails, never skips, when they are missing.
 */
public final class RealOdoo {

    public static final List<String> PROPERTIES = List.of("odoo.url", "odoo.db", "odoo.username", "odoo.apiKey");

    private RealOdoo() {
    }

    /** A client with the hub's transport settings, except the read timeout and call deadline given. */
    public static OdooClient client(TransportSettings settings) {
        List<String> missing = new ArrayList<>();
        for (String p : PROPERTIES) {
            String value = System.getProperty(p);
            if (value == null || value.isBlank()) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("This test runs against a real Odoo 18 and " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not set. Start one with `../shared/odoo18/odoo18 start --db NAME` and pass what it prints as"
                    + " -Dodoo.url=$ODOO_URL -Dodoo.db=$ODOO_DB -Dodoo.username=$ODOO_USERNAME -Dodoo.apiKey=$ODOO_API_KEY");
        }
        return new OdooClient(new XmlRpcTransport(URI.create(System.getProperty("odoo.url")), settings),
                System.getProperty("odoo.db"), System.getProperty("odoo.username"), System.getProperty("odoo.apiKey"));
    }
}
