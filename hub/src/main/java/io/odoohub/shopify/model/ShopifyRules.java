package io.odoohub.shopify.model;

import java.util.Map;
import java.util.Set;

/**
 * What the writers, the push and the reconciliation follow of the connector's settings ({@code ShopifySettings},
 * which reads them from {@code shopify.*}): how orders are written, Shopify names -> Odoo names, the fields Odoo owns
 * and the scheduled push.
 *
 * @param orders   how orders are written
 * @param mappings Shopify names -> Odoo names
 * @param odooOwns fields Odoo owns (description, price, stock): Shopify updates do not overwrite them
 * @param push     the scheduled push of prices, descriptions and stock
 */
public record ShopifyRules(Orders orders, Mappings mappings, Set<String> odooOwns, Push push) {

    /**
     * How orders are written.
     *
     * @param orderPrefix   prefix of the sale.order name, e.g. "SHOP" gives SHOP#1001
     * @param confirmPolicy which orders are confirmed: paid, always or never
     * @param warehouse     stock.warehouse code (or name) orders are sold from; empty = Odoo's default
     */
    public record Orders(String orderPrefix, String confirmPolicy, String warehouse) {
    }

    /**
     * Shopify names -> Odoo names.
     *
     * @param locations  Shopify location id -> Odoo stock.location full name
     * @param carriers   Shopify shipping line title (or code) -> delivery.carrier name
     * @param payments   Shopify payment gateway -> payment.method name
     * @param taxes      Shopify tax line title -> account.tax name
     * @param categories Shopify product type -> product.category full name
     * @param metafields namespace.key -> x_ field of product.template
     */
    public record Mappings(Map<String, String> locations, Map<String, String> carriers, Map<String, String> payments,
                           Map<String, String> taxes, Map<String, String> categories, Map<String, String> metafields) {
    }

    /**
     * The scheduled push.
     *
     * @param enabled    run the scheduled push of prices, descriptions and stock
     * @param intervalMs how often the push runs
     * @param location   the Shopify location id (numeric) whose stock the push sets
     */
    public record Push(boolean enabled, long intervalMs, String location) {
    }

    public boolean odooOwns(String what) {
        return odooOwns.contains(what);
    }
}
