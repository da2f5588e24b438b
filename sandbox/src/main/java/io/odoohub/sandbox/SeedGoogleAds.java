package io.odoohub.sandbox;

/**
 * What the Google Ads connector needs of Odoo that the base seed lacks: {@code sale.order.opportunity_id}, which the
 * sale_crm module adds in a real Odoo (an order created from an opportunity points back at it). The connector's own
 * custom fields and its metrics model are not here: it creates them over the API, as on a real server.
 */
final class SeedGoogleAds {

    private SeedGoogleAds() {
    }

    static void install(Orm orm) {
        orm.model("sale.order").field(Seed.m2o("opportunity_id", "Opportunity", "crm.lead"));
    }
}
