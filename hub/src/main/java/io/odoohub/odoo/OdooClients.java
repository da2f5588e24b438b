package io.odoohub.odoo;

import io.odoohub.odoo.transport.ChosenTransport;
import io.odoohub.odoo.transport.OdooTransport;
import io.odoohub.odoo.transport.TransportMode;
import io.odoohub.odoo.transport.TransportSettings;
import java.net.URI;
import java.time.Duration;

/** Makes the client for a configuration: the transport {@code hub.odoo.transport} and the server call for, with its limits. */
final class OdooClients {

    private OdooClients() {
    }

    static OdooClient create(OdooConfiguration config) {
        config.validateConnection();
        URI base;
        try {
            base = URI.create(config.getUrl().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Odoo URL '" + config.getUrl() + "' is not a valid URL: " + e.getMessage(), e);
        }
        if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https")) || base.getHost() == null) {
            throw new IllegalArgumentException("Odoo URL '" + config.getUrl() + "' must be an http:// or https:// URL with a host");
        }
        OdooTransport transport = new ChosenTransport(base, TransportMode.parse(config.getTransport()), new TransportSettings(
                Duration.ofMillis(config.getConnectTimeout()), Duration.ofMillis(config.getReadTimeout()),
                Duration.ofMillis(config.getCallDeadline()), config.getMaxResponseBytes(), config.getMaxDepth()));
        return new OdooClient(transport, config.getDatabase(), config.getUsername(), config.getApiKey());
    }
}
