package io.odoohub.shopify.model;

import java.time.Instant;
import java.util.List;

/**
 * A Shopify customer (customers/create|update, or the customer inside an order). Without protected-data approval
 * the personal fields are null.
 *
 * @param invoiceAddress  the default address (becomes the invoice contact)
 * @param deliveryAddress the first other address, else the default one (becomes the delivery contact)
 */
public record ShopifyCustomer(long id, String email, String firstName, String lastName, String phone, List<String> tags,
                              ShopifyAddress invoiceAddress, ShopifyAddress deliveryAddress, Instant updatedAt) {

    /** The partner's name: first and last name, else the email, else "Shopify customer <id>". */
    public String name() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        if (!n.isEmpty()) {
            return n;
        }
        return email != null && !email.isBlank() ? email : "Shopify customer " + id;
    }
}
