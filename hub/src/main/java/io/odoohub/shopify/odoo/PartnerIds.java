package io.odoohub.shopify.odoo;

/** The Odoo partners of one Shopify customer: the customer, its invoice contact and its delivery contact. */
public record PartnerIds(int partner, int invoice, int delivery) {
}
