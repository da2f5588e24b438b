package io.odoohub.sandbox;

import io.odoohub.xmlrpc.EmbeddedOdoo;

/** The sandbox as the hub finds it at run time (META-INF/services/io.odoohub.xmlrpc.EmbeddedOdoo). */
public final class SandboxProvider implements EmbeddedOdoo {

    @Override
    public Running start(String host, int port, String db, String login, String apiKey) {
        return OdooSandbox.start(host, port, db, login, apiKey);
    }
}
