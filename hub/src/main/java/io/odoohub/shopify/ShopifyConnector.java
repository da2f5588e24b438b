package io.odoohub.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooRequirement;
import io.odoohub.connector.ConnectionTest;
import io.odoohub.connector.Connector;
import io.odoohub.connector.HubParts;
import io.odoohub.shopify.client.ShopifyAdminClient;
import io.odoohub.shopify.flow.ShopifyApplyFlow;
import io.odoohub.shopify.flow.ShopifyState;
import io.odoohub.shopify.flow.ShopifyWebhookRoute;
import io.odoohub.shopify.model.ShopifyTopic;
import io.odoohub.shopify.odoo.CustomerWriter;
import io.odoohub.shopify.odoo.OdooReferences;
import io.odoohub.shopify.odoo.OrderWriter;
import io.odoohub.shopify.odoo.ProductWriter;
import io.odoohub.shopify.odoo.ShopifyIds;
import io.odoohub.shopify.odoo.StockWriter;
import io.odoohub.webhook.HmacVerifier;
import io.odoohub.webhook.WebhookBodyLimit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify: signed webhooks ({@code POST /webhooks/shopify}) go to the inbox, {@code routes/shopify-apply.camel.yaml}
 * writes them to Odoo; {@code routes/shopify-push.camel.yaml} sends Odoo's prices, descriptions and stock back
 * through the GraphQL Admin API.
 */
public final class ShopifyConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyConnector.class);

    @Override
    public List<String> requiredRoutes() {
        // routes/shopify-apply and shopify-webhook .camel.yaml
        return List.of("apply-" + ShopifyTopic.FLOW, "webhook-shopify");
    }

    @Override
    public List<String> flows() {
        return List.of(ShopifyTopic.FLOW);
    }

    private static final String SHIPPING_AS_SERVICE = "a shipping line is written as an ordinary service line on the product "
            + "'Shipping (Shopify)' (external id shopify.shipping), without a delivery method on the order";

    /**
     * Orders need Sales, stock needs Inventory; the delivery module (a carrier on the order, shipping lines marked as
     * delivery lines) and the payment module (the payment method on the order) are used when there: without them a
     * shipping line is a service line on the hub's "Shipping (Shopify)" product, and the payment gateway is noted.
     */
    public static final List<OdooRequirement> REQUIREMENTS = List.of(
            OdooRequirement.model("sale", "sale.order", "Shopify orders as sales orders"),
            OdooRequirement.field("stock", "stock.quant", "inventory_quantity", "Shopify inventory levels and the stock push"),
            OdooRequirement.model("delivery", "delivery.carrier", "Shopify shipping lines by delivery method (hub.shopify.carrier-map)")
                    .orElse(SHIPPING_AS_SERVICE),
            OdooRequirement.field("delivery", "sale.order", "carrier_id", "the delivery method of an order").orElse(SHIPPING_AS_SERVICE),
            OdooRequirement.field("delivery", "sale.order.line", "is_delivery", "shipping lines as delivery lines").orElse(SHIPPING_AS_SERVICE),
            OdooRequirement.model("payment", "payment.method", "the payment method of an order (hub.shopify.payment-map)")
                    .orElse("the order's payment gateway is noted in the sync history, not recorded on the order"));

    /** Set by {@link #install}: a shop or a webhook secret is configured. */
    private boolean on;
    private Supplier<ConnectionTest> test;

    @Override
    public Optional<Supplier<ConnectionTest>> connectionTest() {
        return Optional.ofNullable(test);
    }

    /** The Admin API client, made at first use: a hub that only receives webhooks has no shop to call. */
    private static Supplier<ShopifyAdminClient> admin(HubParts hub, ShopifySettings settings) {
        return new Supplier<>() {
            private volatile ShopifyAdminClient made;

            @Override
            public synchronized ShopifyAdminClient get() {
                if (made == null) {
                    if (settings.api().shop().isBlank() && settings.api().adminUrl().isBlank()) {
                        throw new IllegalStateException("the Shopify shop is not configured (SHOPIFY_SHOP)");
                    }
                    made = new ShopifyAdminClient(settings.graphqlUrl(), settings.api().accessToken(), hub.clock(), Thread::sleep);
                }
                return made;
            }
        };
    }

    /** Asks the Admin API for the shop's name, currency and time zone (one query of cost 1). */
    static ConnectionTest test(ShopifySettings settings, Supplier<ShopifyAdminClient> admin) {
        if (settings.api().shop().isBlank() && settings.api().adminUrl().isBlank()) {
            return ConnectionTest.failed("No shop configured (SHOPIFY_SHOP): signed webhooks are received, nothing is asked of Shopify");
        }
        if (settings.api().accessToken().isBlank()) {
            return ConnectionTest.failed("No Admin API access token (credential " + ShopifySettings.TOKEN_CREDENTIAL + ")");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("graphql_url", settings.graphqlUrl());
        try {
            JsonNode shop = admin.get().execute("ShopConnectionTest",
                    "query ShopConnectionTest { shop { name myshopifyDomain currencyCode ianaTimezone } }", Map.of(), 1).path("shop");
            details.put("shop", shop.path("name").asText());
            details.put("domain", shop.path("myshopifyDomain").asText());
            details.put("currency", shop.path("currencyCode").asText());
            details.put("time_zone", shop.path("ianaTimezone").asText());
            return new ConnectionTest(true, "Shopify answered: shop " + shop.path("name").asText() + " (" + shop.path("myshopifyDomain").asText()
                    + "), currency " + shop.path("currencyCode").asText() + ", time zone " + shop.path("ianaTimezone").asText(), details);
        } catch (RuntimeException e) {
            LOG.warn("Shopify connection test failed: {}", e.getMessage());
            return new ConnectionTest(false, "Shopify refused: " + e.getMessage(), details);
        }
    }

    @Override
    public boolean switchedOn() {
        return on;
    }

    @Override
    public List<String> credentialNames() {
        return List.of(ShopifySettings.TOKEN_CREDENTIAL, ShopifySettings.SECRET_CREDENTIAL);
    }

    @Override
    public List<OdooRequirement> odooRequirements() {
        return on ? REQUIREMENTS : List.of(); // no shop and no webhook secret: nothing arrives, nothing is needed of Odoo
    }

    @Override
    public void install(HubParts hub) throws Exception {
        ShopifySettings settings = ShopifySettings.from(hub.properties(), hub.credentials());
        on = !settings.api().shop().isBlank() || !settings.api().clientSecrets().isBlank();
        Supplier<ShopifyApplyFlow.ShopifyOdoo> odoo = writers(hub, settings);
        ShopifyState state = new ShopifyState(hub.database().dataSource(), hub.clock());
        hub.context().getRegistry().bind("shopifyState", state);
        hub.context().getRegistry().bind("shopifyApply", new ShopifyApplyFlow(odoo, hub.flowControl(), state, settings.rules()));
        hub.context().getRegistry().bind("shopifyWebhook", new ShopifyWebhookRoute(new HmacVerifier(settings.api().clientSecrets(),
                HmacVerifier.Encoding.BASE64), hub.intake(), hub.counters(), settings.maxBodyBytes()));
        WebhookBodyLimit.limit(hub.context(), ShopifyWebhookRoute.PATH, settings.maxBodyBytes());
        Supplier<ShopifyAdminClient> admin = admin(hub, settings);
        ShopifyPushInstaller.install(hub, settings, odoo, admin, state);
        test = () -> test(settings, admin);
        // orders are heavy to apply: short drain batches keep the webhook acknowledgements fast meanwhile
        hub.drain().useBatchSize(ShopifyTopic.FLOW, settings.sync().inboxBatchSize());
        LOG.info("Shopify connector: {}", settings);
    }

    /** The writers, made at first use over the odoo: component's shared client (Odoo may be down at start). */
    private static Supplier<ShopifyApplyFlow.ShopifyOdoo> writers(HubParts hub, ShopifySettings settings) {
        return new Supplier<>() {
            private volatile ShopifyApplyFlow.ShopifyOdoo made;

            @Override
            public ShopifyApplyFlow.ShopifyOdoo get() {
                ShopifyApplyFlow.ShopifyOdoo m = made;
                if (m == null) {
                    synchronized (this) {
                        if (made == null) {
                            OdooClient client = ((OdooComponent) hub.context().getComponent("odoo")).client(hub.odoo());
                            ExternalIds binder = ShopifyIds.binder(client);
                            CustomerWriter customers = new CustomerWriter(client, binder);
                            ProductWriter products = new ProductWriter(client, binder, settings.rules());
                            made = new ShopifyApplyFlow.ShopifyOdoo(client, binder, customers, products,
                                    new OrderWriter(client, binder, settings.rules(), customers, products, new OdooReferences(client, binder, settings.rules())),
                                    new StockWriter(client, binder, settings.rules()));
                        }
                        m = made;
                    }
                }
                return m;
            }
        };
    }
}
