package io.odoohub.shopify.model;

/** A Shopify address (customer address, order billing or shipping address), as given; null fields absent. */
public record ShopifyAddress(String firstName, String lastName, String company, String address1, String address2, String city,
                             String zip, String provinceCode, String countryCode, String phone) {

    public String name() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return n.isEmpty() ? company : n;
    }
}
