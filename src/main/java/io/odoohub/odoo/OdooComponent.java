package io.odoohub.odoo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code odoo:<model>?operation=...}: the sink to Odoo's external API.
 *
 * <p>Endpoints with the same connection settings share one {@link OdooClient} (and so one authentication);
 * clients are closed when the component stops.
 */
@Component("odoo")
public class OdooComponent extends DefaultComponent {

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
