package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooTransportException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code odoo:<model>?operation=...}: the sink to Odoo's external API.
 *
 * <p>Endpoints with the same connection settings share one {@link OdooClient} (and so one authentication);
 * clients are closed when the component stops. The transport of each client is chosen when the component or
 * endpoint starts, so that a wrong {@code hub.odoo.transport} stops the start.
 */
@Component("odoo")
public class OdooComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(OdooComponent.class);

    @Metadata(description = "Default settings for every odoo: endpoint")
    private OdooConfiguration configuration = new OdooConfiguration();

    private final Map<String, OdooClient> clients = new ConcurrentHashMap<>();
    private Function<OdooConfiguration, OdooClient> clientFactory = OdooClients::create;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        OdooConfiguration config = configuration.copy();
        setProperties(config, parameters);
        OdooEndpoint endpoint = new OdooEndpoint(uri, this, remaining, config);
        setProperties(endpoint, parameters);
        if (config.getOperation() == null) {
            throw new IllegalArgumentException("odoo:" + remaining + " needs an operation option, one of "
                    + java.util.Arrays.toString(OdooOperation.values()));
        }
        boolean connectionLevel = config.getOperation() == OdooOperation.version || config.getOperation() == OdooOperation.authenticate;
        if (!connectionLevel && (remaining == null || remaining.isBlank())) {
            throw new IllegalArgumentException("odoo: needs a model, e.g. odoo:res.partner?operation=" + config.getOperation());
        }
        return endpoint;
    }

    /** The shared client for these connection settings. */
    public OdooClient client(OdooConfiguration config) {
        config.validateConnection();
        return clients.computeIfAbsent(config.connectionKey(), k -> clientFactory.apply(config));
    }

    /**
     * The shared client, its transport chosen now: a server that does not speak the configured transport fails here,
     * with a message naming {@code hub.odoo.transport}. When Odoo cannot be reached, the choice waits for the first call.
     */
    OdooClient startClient(OdooConfiguration config) {
        OdooClient client = client(config);
        try {
            client.transportChoice();
        } catch (OdooTransportException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            LOG.warn("Odoo at {} cannot be reached at start; its transport is chosen at the first call: {}", config.getUrl(), e.getMessage());
        }
        return client;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (Stream.of(configuration.getUrl(), configuration.getDatabase(), configuration.getUsername(), configuration.getApiKey())
                .allMatch(v -> v != null && !v.isBlank())) {
            startClient(configuration);
        }
    }

    @Override
    protected void doStop() throws Exception {
        clients.values().forEach(OdooClient::close);
        clients.clear();
        super.doStop();
    }

    public OdooConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(OdooConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Replaces how clients are made (tests use it to count or fake calls). */
    public void setClientFactory(Function<OdooConfiguration, OdooClient> clientFactory) {
        this.clientFactory = clientFactory;
    }
}
