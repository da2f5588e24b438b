package io.odoohub.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.shopify.model.ShopifyCustomer;
import io.odoohub.shopify.model.ShopifyOrder;
import io.odoohub.shopify.model.ShopifyPayloads;
import io.odoohub.shopify.model.ShopifyProduct;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The normaliser on the fixtures shaped like Shopify's documented payloads. */
class ShopifyPayloadsTest {

    @Test
    void anOrderKeepsItsMoneyAsDecimalsAndItsDiscountsTaxesAndShipping() {
        ShopifyOrder o = ShopifyPayloads.order(Fixtures.tree("order.json"));
        assertThat(o.id()).isEqualTo(820982911946154508L);
        assertThat(o.name()).isEqualTo("#1001");
        assertThat(o.updatedAt()).isEqualTo(Instant.parse("2026-11-20T17:00:05Z"));
        assertThat(o.paid()).isTrue();
        assertThat(o.cancelled()).isFalse();
        assertThat(o.lines()).hasSize(2);
        assertThat(o.lines().get(0).price()).isEqualByComparingTo("19.99");
        assertThat(o.lines().get(0).discount()).isEqualByComparingTo("4.00");
        assertThat(o.lines().get(0).taxLines().get(0).rate()).isEqualByComparingTo("0.08");
        assertThat(o.shippingLines().get(0).price()).isEqualByComparingTo("10.00");
        assertThat(o.gateways()).containsExactly("shopify_payments");
        assertThat(o.shippingAddress().city()).isEqualTo("Ottawa");
        assertThat(o.customer().id()).isEqualTo(706405506930370084L);
    }

    @Test
    void aCustomerWithTwoAddressesHasAnInvoiceAndADeliveryAddress() {
        ShopifyCustomer c = ShopifyPayloads.customer(Fixtures.tree("customer.json"));
        assertThat(c.name()).isEqualTo("Bob Norman");
        assertThat(c.tags()).containsExactly("VIP", "newsletter");
        assertThat(c.invoiceAddress().city()).isEqualTo("Louisville");
        assertThat(c.deliveryAddress().city()).isEqualTo("Ottawa");
    }

    @Test
    void aProductWithTwoOptionsAndFourVariants() {
        ShopifyProduct p = ShopifyPayloads.product(Fixtures.tree("product.json"));
        assertThat(p.hasRealOptions()).isTrue();
        assertThat(p.options()).extracting(ShopifyProduct.Option::name).containsExactly("Size", "Color");
        assertThat(p.variants()).hasSize(4);
        assertThat(p.variants().get(3).optionValues()).containsExactly("Large", "Blue");
        assertThat(p.variants().get(3).inventoryItemId()).isEqualTo(43729079L);
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        var order = Fixtures.tree("order.json");
        order.put("updated_at", "yesterday");
        assertThatThrownBy(() -> ShopifyPayloads.order(order)).hasMessageContaining("updated_at 'yesterday'");
        var noId = Fixtures.tree("product.json");
        noId.remove("id");
        assertThatThrownBy(() -> ShopifyPayloads.product(noId)).hasMessageContaining("product without a numeric id");
        var badMoney = Fixtures.tree("order.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) badMoney.withArray("line_items").get(0)).put("price", "12,50");
        assertThatThrownBy(() -> ShopifyPayloads.order(badMoney)).hasMessageContaining("price '12,50' is not an amount");
    }
}
