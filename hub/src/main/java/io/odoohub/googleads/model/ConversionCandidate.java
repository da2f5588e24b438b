package io.odoohub.googleads.model;

import java.time.Instant;

/**
 * A sale in Odoo to report to Google Ads: a confirmed sale order (or a won opportunity) carrying a gclid.
 *
 * @param model     {@code sale.order} or {@code crm.lead}
 * @param reference the order reference (S00042), sent as the conversion's order id
 * @param at        when the sale happened (order date, or the opportunity's closing date)
 */
public record ConversionCandidate(String model, int odooId, String reference, String gclid, Instant at, double value, String currency) {
}
