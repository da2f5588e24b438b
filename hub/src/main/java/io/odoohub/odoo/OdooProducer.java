package io.odoohub.odoo;

import java.util.EnumMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Thin: hands the exchange to the handler of the endpoint's operation family. */
public class OdooProducer extends DefaultProducer {

    private static final Map<OdooOperation, OdooOperationHandler> HANDLERS = new EnumMap<>(OdooOperation.class);

    static {
        HANDLERS.put(OdooOperation.search_read, ReadOperations::searchRead);
        HANDLERS.put(OdooOperation.fields_get, ReadOperations::fieldsGet);
        HANDLERS.put(OdooOperation.create, WriteOperations::create);
        HANDLERS.put(OdooOperation.write, WriteOperations::write);
        HANDLERS.put(OdooOperation.unlink, WriteOperations::unlink);
        HANDLERS.put(OdooOperation.load, LoadOperation::load);
        HANDLERS.put(OdooOperation.call, CallOperations::call);
        HANDLERS.put(OdooOperation.version, CallOperations::version);
        HANDLERS.put(OdooOperation.authenticate, CallOperations::authenticate);
    }

    private final OdooEndpoint endpoint;

    public OdooProducer(OdooEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        HANDLERS.get(endpoint.getConfiguration().getOperation()).process(exchange, endpoint);
    }

    @FunctionalInterface
    interface OdooOperationHandler {
        void process(Exchange exchange, OdooEndpoint endpoint);
    }
}
