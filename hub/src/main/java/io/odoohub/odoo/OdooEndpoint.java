package io.odoohub.odoo;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** An Odoo model and an operation on it. The client is looked up at start and shared per connection. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "odoo", title = "Odoo", syntax = "odoo:model", producerOnly = true,
        category = {Category.SAAS}, headersClass = OdooConstants.class)
public class OdooEndpoint extends DefaultEndpoint {

    @UriPath(description = "Technical model name, e.g. product.template (empty for version and authenticate)")
    private final String model;
    @UriParam
    private final OdooConfiguration configuration;

    private OdooClient client;

    public OdooEndpoint(String uri, OdooComponent component, String model, OdooConfiguration configuration) {
        super(uri, component);
        this.model = model;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new OdooProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new IllegalArgumentException("odoo: is a sink; read Odoo with a timer and operation=search_read");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = ((OdooComponent) getComponent()).startClient(configuration);
    }

    OdooClient client() {
        if (client == null) {
            client = ((OdooComponent) getComponent()).client(configuration);
        }
        return client;
    }

    public String getModel() {
        return model;
    }

    public OdooConfiguration getConfiguration() {
        return configuration;
    }
}
