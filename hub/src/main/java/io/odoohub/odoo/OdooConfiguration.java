package io.odoohub.odoo;

import io.odoohub.odoo.transport.TransportMode;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Settings of the {@code odoo:} component. The component holds one; each endpoint gets a copy with its URI
 * options applied, so values flow {@code odoo.*} properties -> component -> endpoint -> URI.
 */
@UriParams
public class OdooConfiguration implements Cloneable {

    @UriParam(label = "common", description = "What the endpoint does")
    @Metadata(required = true)
    private OdooOperation operation;

    @UriParam(label = "connection", description = "Base URL of the Odoo server, e.g. https://mycompany.odoo.com")
    private String url;
    @UriParam(label = "connection", description = "Odoo database name")
    private String database;
    @UriParam(label = "connection", description = "Login of the Odoo user the hub acts as")
    private String username;
    @UriParam(label = "security", secret = true, description = "API key (or password) of that user")
    private String apiKey;
    @UriParam(label = "connection", defaultValue = "auto", enums = "auto,xmlrpc,json2",
            description = "Protocol: auto asks the server (GET /web/version) and speaks JSON-2 to Odoo 19 and later, XML-RPC before;"
                    + " xmlrpc or json2 force one, and a server that does not speak it fails the start")
    private String transport = "auto";

    @UriParam(label = "producer", description = "Method for the call operation, e.g. action_confirm")
    private String method;
    @UriParam(label = "producer", description = "Comma-separated fields for search_read")
    private String fields;
    @UriParam(label = "producer", description = "Order for search_read, e.g. \"id asc\"")
    private String order;
    @UriParam(label = "producer", defaultValue = "500", description = "Records per search_read call")
    private int pageSize = 500;
    @UriParam(label = "producer", defaultValue = "500", description = "Records per create or load call")
    private int batchSize = 500;

    @UriParam(label = "advanced", defaultValue = "10000", description = "Connect timeout in milliseconds")
    private int connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "60000", description = "Read timeout in milliseconds (longest silence)")
    private int readTimeout = 60_000;
    @UriParam(label = "advanced", defaultValue = "120000", description = "Overall deadline of one call in milliseconds")
    private int callDeadline = 120_000;
    @UriParam(label = "advanced", defaultValue = "33554432", description = "Largest response accepted, in bytes")
    private long maxResponseBytes = 32L * 1024 * 1024;
    @UriParam(label = "advanced", defaultValue = "64", description = "Deepest nesting of arrays and structs accepted")
    private int maxDepth = 64;

    public OdooConfiguration copy() {
        try {
            return (OdooConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The settings that identify one connection: endpoints sharing them share a client and its cached uid. */
    public String connectionKey() {
        return transport + "|" + url + "|" + database + "|" + username + "|" + Integer.toHexString(String.valueOf(apiKey).hashCode())
                + "|" + connectTimeout + "|" + readTimeout + "|" + callDeadline + "|" + maxResponseBytes + "|" + maxDepth;
    }

    /** Fails with a message naming every missing connection setting. */
    public void validateConnection() {
        StringBuilder missing = new StringBuilder();
        if (url == null || url.isBlank()) {
            missing.append(" url (ODOO_URL)");
        }
        if (database == null || database.isBlank()) {
            missing.append(" database (ODOO_DB)");
        }
        if (username == null || username.isBlank()) {
            missing.append(" username (ODOO_USERNAME)");
        }
        if (apiKey == null || apiKey.isBlank()) {
            missing.append(" apiKey (ODOO_API_KEY)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Odoo connection is not configured; missing:" + missing);
        }
        TransportMode.parse(transport);
        if (pageSize < 1 || batchSize < 1) {
            throw new IllegalArgumentException("pageSize and batchSize must be at least 1");
        }
    }

    public OdooOperation getOperation() {
        return operation;
    }

    public void setOperation(OdooOperation operation) {
        this.operation = operation;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getFields() {
        return fields;
    }

    public void setFields(String fields) {
        this.fields = fields;
    }

    public String getOrder() {
        return order;
    }

    public void setOrder(String order) {
        this.order = order;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(int readTimeout) {
        this.readTimeout = readTimeout;
    }

    public int getCallDeadline() {
        return callDeadline;
    }

    public void setCallDeadline(int callDeadline) {
        this.callDeadline = callDeadline;
    }

    public long getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public int getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public String toString() {
        // never the API key
        return "OdooConfiguration[url=" + url + ", database=" + database + ", username=" + username + ", transport=" + transport
                + ", operation=" + operation + "]";
    }
}
