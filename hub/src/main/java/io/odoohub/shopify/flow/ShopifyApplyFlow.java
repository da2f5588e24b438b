package io.odoohub.shopify.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.error.ErrorPolicy;
import io.odoohub.inbox.EventOutcome;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.InboxEvent;
import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.model.ShopifyCustomer;
import io.odoohub.shopify.model.ShopifyPayloads;
import io.odoohub.shopify.model.ShopifyProduct;
import io.odoohub.shopify.model.ShopifyRules;
import io.odoohub.shopify.model.ShopifyTopic;
import io.odoohub.shopify.odoo.CustomerWriter;
import io.odoohub.shopify.odoo.OrderWriter;
import io.odoohub.shopify.odoo.PartnerIds;
import io.odoohub.shopify.odoo.ProductWriter;
import io.odoohub.shopify.odoo.StockWriter;
import io.odoohub.support.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code routes/shopify-apply.camel.yaml}, in the seed's dependency order: normalise the batch's
 * payloads, then customers, products, orders (which create or bind what they need), stock, and the compliance and
 * app topics. Each step writes its kind for the whole batch in a few calls; each event gets one outcome. A step
 * that Odoo refuses as a whole fails the batch, and the drain then applies its events one by one.
 */
public final class ShopifyApplyFlow {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyApplyFlow.class);
    private static final String BATCH = "shopifyBatch";

    private final Supplier<ShopifyOdoo> odoo;
    private final FlowControl flowControl;
    private final ShopifyState state;
    private final ShopifyRules settings;

    /** The writers over one Odoo client. */
    public record ShopifyOdoo(OdooClient client, ExternalIds binder, CustomerWriter customers,
                              ProductWriter products, OrderWriter orders, StockWriter stock) {
    }

    public ShopifyApplyFlow(Supplier<ShopifyOdoo> odoo, FlowControl flowControl, ShopifyState state, ShopifyRules settings) {
        this.odoo = odoo;
        this.flowControl = flowControl;
        this.state = state;
        this.settings = settings;
    }

    /** Payloads -> records; a payload that cannot be read fails its event for good. */
    public void normalise(Exchange exchange) {
        exchange.setProperty(ErrorPolicy.FLOW_PROPERTY, ShopifyTopic.FLOW);
        @SuppressWarnings("unchecked")
        List<InboxEvent> events = exchange.getMessage().getBody(List.class);
        ShopifyBatch batch = new ShopifyBatch(events);
        for (InboxEvent e : events) {
            try {
                JsonNode root = Json.SHOPIFY_WEBHOOK.readTree(e.payload());
                ShopifyTopic topic = ShopifyTopic.of(e.type()).orElseThrow(() -> new IllegalArgumentException("topic " + e.type() + " is not handled"));
                switch (topic) {
                    case ORDERS_CREATE, ORDERS_UPDATED, ORDERS_CANCELLED, ORDERS_PAID -> batch.orders.put(e.id(), ShopifyPayloads.order(root));
                    case PRODUCTS_CREATE, PRODUCTS_UPDATE -> batch.products.put(e.id(), ShopifyPayloads.product(root));
                    case PRODUCTS_DELETE -> batch.deletedProducts.put(e.id(), ShopifyPayloads.deletedId(root));
                    case CUSTOMERS_CREATE, CUSTOMERS_UPDATE -> batch.customers.put(e.id(), ShopifyPayloads.customer(root));
                    case INVENTORY_LEVELS_UPDATE -> batch.levels.put(e.id(), ShopifyPayloads.inventoryLevel(root));
                    case CUSTOMERS_REDACT -> batch.redactions.put(e.id(), ShopifyPayloads.redactedCustomer(root));
                    case APP_UNINSTALLED, CUSTOMERS_DATA_REQUEST, SHOP_REDACT -> batch.notices.put(e.id(), e);
                }
            } catch (Exception ex) {
                batch.settle(EventOutcome.failed(e.id(), "the " + e.type() + " payload cannot be read: " + ex.getMessage(), false));
            }
        }
        exchange.setProperty(BATCH, batch);
    }

    public void customers(Exchange exchange) {
        ShopifyBatch batch = batch(exchange);
        if (batch.customers.isEmpty()) {
            return;
        }
        Map<String, ShopifyCustomer> byKey = new LinkedHashMap<>();
        batch.customers.values().forEach(c -> byKey.put("customer_" + c.id(), c));
        Map<String, PartnerIds> ids = odoo.get().customers().write(byKey, CustomerWriter.Mode.FULL);
        batch.customers.forEach((eventId, c) -> batch.settle(EventOutcome.written(eventId, "res.partner",
                ids.get("customer_" + c.id()).partner(), "name,email,phone,street,street2,city,zip,state_id,country_id,category_id,child_ids")));
    }

    public void products(Exchange exchange) {
        ShopifyBatch batch = batch(exchange);
        if (!batch.products.isEmpty()) {
            var written = odoo.get().products().write(batch.products.values());
            // before the events are finished: until then the push leaves these products alone
            rememberWhatShopifyHas(batch.products.values(), written);
            batch.products.forEach((eventId, p) -> {
                String fields = "name,description,list_price,categ_id,attribute_line_ids,product_variant_ids(default_code,barcode),"
                        + "attribute price_extra";
                List<String> notes = written.notes().getOrDefault(p.id(), List.of());
                if (!notes.isEmpty()) {
                    // ProductWriter logged them; the sync history shows them on the product's row
                    fields = fields + "; NOTE: " + String.join("; ", notes);
                }
                batch.settle(EventOutcome.written(eventId, "product.template", written.templates().get(p.id()), fields));
            });
        }
        if (!batch.deletedProducts.isEmpty()) {
            odoo.get().products().archive(batch.deletedProducts.values());
            batch.deletedProducts.forEach((eventId, id) -> batch.settle(EventOutcome.skipped(eventId,
                    "products/delete: product " + id + " archived in Odoo (if it was there)")));
        }
    }

    /**
     * Shopify's prices and descriptions as the webhook gave them, with Odoo's values after the write as the baseline
     * the push compares with: a value that came from Shopify is not sent back, even as Odoo stored it (rounded prices,
     * sanitised HTML).
     */
    private void rememberWhatShopifyHas(Collection<ShopifyProduct> products, ProductWriter.Written written) {
        List<ShopifyState.Variant> variants = new ArrayList<>();
        Map<Long, String> descriptions = new HashMap<>();
        for (var p : products) {
            descriptions.put(p.id(), p.bodyHtml() == null ? "" : p.bodyHtml());
            for (var v : p.variants()) {
                Double odooPrice = written.odooPrices().get(v.id());
                variants.add(new ShopifyState.Variant(v.id(), p.id(), v.inventoryItemId(), v.price(), null,
                        odooPrice == null ? null : BigDecimal.valueOf(odooPrice).setScale(2, RoundingMode.HALF_UP).toPlainString()));
            }
        }
        state.recordVariants(variants);
        state.recordDescriptions(descriptions, written.odooDescriptions());
    }

    public void orders(Exchange exchange) {
        ShopifyBatch batch = batch(exchange);
        if (batch.orders.isEmpty()) {
            return;
        }
        Map<Long, OrderWriter.Result> results = odoo.get().orders().write(batch.orders.values());
        batch.orders.forEach((eventId, o) -> {
            OrderWriter.Result r = results.get(o.id());
            String fields = "name,client_order_ref,partner_id,partner_invoice_id,partner_shipping_id,date_order,currency_id,order_line,state";
            if (!r.notes().isEmpty()) {
                LOG.warn("Shopify order {} ({}) landed as sale.order {} with notes: {}", o.name(), o.id(), r.saleOrderId(), r.notes());
                fields = fields + "; NOTE: " + String.join("; ", r.notes());
            }
            batch.settle(EventOutcome.written(eventId, "sale.order", r.saleOrderId(), fields));
        });
    }

    public void stock(Exchange exchange) {
        ShopifyBatch batch = batch(exchange);
        if (batch.levels.isEmpty()) {
            return;
        }
        List<Long> eventIds = new ArrayList<>(batch.levels.keySet());
        List<StockWriter.Result> results = odoo.get().stock().write(new ArrayList<>(batch.levels.values()));
        Map<Long, Integer> atPushLocation = new HashMap<>();
        batch.levels.values().stream().filter(l -> String.valueOf(l.locationId()).equals(settings.push().location()))
                .forEach(l -> atPushLocation.put(l.inventoryItemId(), l.available()));
        state.recordQuantities(atPushLocation);
        for (int i = 0; i < eventIds.size(); i++) {
            StockWriter.Result r = results.get(i);
            long id = eventIds.get(i);
            if (r.waitForProduct()) {
                batch.settle(EventOutcome.failed(id, r.skipped(), true));
            } else if (r.skipped() != null) {
                batch.settle(EventOutcome.skipped(id, r.skipped()));
            } else {
                batch.settle(EventOutcome.written(id, "stock.quant", r.quantId(), "inventory_quantity,quantity"));
            }
        }
    }

    /** customers/redact anonymises the partner and its contacts; the other notices are recorded and logged. */
    public void compliance(Exchange exchange) {
        ShopifyBatch batch = batch(exchange);
        if (!batch.redactions.isEmpty()) {
            ShopifyOdoo o = odoo.get();
            List<String> names = new ArrayList<>();
            batch.redactions.values().forEach(c -> names.addAll(List.of("customer_" + c, "customer_" + c + "_invoice", "customer_" + c + "_delivery")));
            Map<String, Integer> bound = o.binder().find("res.partner", names);
            List<Integer> ids = new ArrayList<>(bound.values());
            if (!ids.isEmpty()) {
                Map<String, Object> blank = new HashMap<>();
                blank.put("name", "Redacted Shopify customer");
                for (String f : List.of("email", "phone", "street", "street2", "city", "zip", "state_id", "country_id")) {
                    blank.put(f, false);
                }
                o.client().write("res.partner", ids, blank, null);
            }
            batch.redactions.forEach((eventId, customer) -> {
                Integer partner = bound.get("customer_" + customer);
                if (partner == null) {
                    batch.settle(EventOutcome.skipped(eventId, "customers/redact: customer " + customer + " is not in Odoo; nothing to anonymise"));
                } else {
                    LOG.info("Shopify customers/redact: partner {} (customer {}) and its contacts anonymised", partner, customer);
                    batch.settle(EventOutcome.written(eventId, "res.partner", partner,
                            "ANONYMISED (customers/redact): name,email,phone,street,street2,city,zip,state_id,country_id of the partner and its contacts"));
                }
            });
        }
        batch.notices.forEach((eventId, e) -> {
            String why = switch (e.type()) {
                case "app/uninstalled" -> {
                    flowControl.pause(ShopifyPush.PUSH_FLOW, "the Shopify app was uninstalled", "shopify", null);
                    yield "app/uninstalled: the push to Shopify is paused";
                }
                case "customers/data_request" -> "customers/data_request: the hub keeps no customer data of its own; "
                        + "answer from Odoo's partner (external id shopify.customer_<id>)";
                default -> "shop/redact: the hub keeps no shop data of its own beyond the inbox and history, which expire";
            };
            LOG.info("Shopify {}", why);
            batch.settle(EventOutcome.skipped(eventId, why));
        });
    }

    public List<EventOutcome> outcomes(Exchange exchange) {
        return batch(exchange).outcomes();
    }

    private static ShopifyBatch batch(Exchange exchange) {
        return exchange.getProperty(BATCH, ShopifyBatch.class);
    }
}
