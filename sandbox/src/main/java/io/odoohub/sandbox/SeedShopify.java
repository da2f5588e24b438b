package io.odoohub.sandbox;

import static io.odoohub.sandbox.Seed.bool;
import static io.odoohub.sandbox.Seed.ch;
import static io.odoohub.sandbox.Seed.m2o;

/**
 * What the Shopify connector needs beyond the base models, as Odoo 18 has it with the delivery and payment modules
 * installed: {@code delivery.carrier} (with its delivery product), {@code payment.method}, the carrier on the sale
 * order and the delivery flag on its lines. Without the delivery module, the carrier model and both fields are absent.
 */
final class SeedShopify {

    private SeedShopify() {
    }

    static void models(Orm orm, boolean delivery) {
        if (delivery) {
            Model carrier = Seed.newModel(orm, "delivery.carrier", "Shipping Methods");
            carrier.field(ch("name", "Delivery Method").required());
            carrier.field(m2o("product_id", "Delivery Product", "product.product").required());
            carrier.field(Seed.sel("delivery_type", "Provider", "base_on_rule", "Based on Rules", "fixed", "Fixed Price").def("fixed"));
            carrier.field(Seed.fl("fixed_price", "Fixed Price"));
            carrier.field(Seed.active());
            orm.define(carrier);
            orm.model("sale.order").field(m2o("carrier_id", "Delivery Method", "delivery.carrier"));
            orm.model("sale.order.line").field(bool("is_delivery", "Is a Delivery"));
        }
        Model method = Seed.newModel(orm, "payment.method", "Payment Method");
        method.field(ch("name", "Name").required());
        method.field(ch("code", "Code").required());
        method.field(Seed.active());
        orm.define(method);
    }
}
