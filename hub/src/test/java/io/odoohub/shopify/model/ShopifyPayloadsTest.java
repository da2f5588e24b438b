package io.odoohub.shopify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.shopify.Fixtures;
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
    void aLineItemsCurrentQuantityIsTheQuantityAfterOrderEditsAndFallsBackToTheOrderedOne() {
        ShopifyOrder unedited = ShopifyPayloads.order(Fixtures.tree("order.json"));
        assertThat(unedited.lines().get(0).quantity()).isEqualByComparingTo("2");
        assertThat(unedited.lines().get(0).currentQuantity()).as("no current_quantity in the payload").isEqualByComparingTo("2");
        assertThat(unedited.lines().get(0).removed()).isFalse();

        ObjectNode edited = Fixtures.tree("order.json");
        ((ObjectNode) edited.withArray("line_items").get(0)).put("current_quantity", 1);
        ((ObjectNode) edited.withArray("line_items").get(1)).put("current_quantity", 0);
        ShopifyOrder o = ShopifyPayloads.order(edited);
        assertThat(o.lines().get(0).quantity()).isEqualByComparingTo("2");
        assertThat(o.lines().get(0).currentQuantity()).isEqualByComparingTo("1");
        assertThat(o.lines().get(1).currentQuantity()).isEqualByComparingTo("0");
        assertThat(o.lines().get(1).removed()).isTrue();
        ((ObjectNode) edited.withArray("line_items").get(0)).put("current_quantity", "3");
        assertThat(ShopifyPayloads.order(edited).lines().get(0).currentQuantity()).as("a quantity sent as a string").isEqualByComparingTo("3");
    }

    @Test
    void aQuantityThatIsNotAWholeNumberIsRefused() {
        for (String bad : new String[] {"-1", "1.5", "two"}) {
            ObjectNode order = Fixtures.tree("order.json");
            ((ObjectNode) order.withArray("line_items").get(0)).put("current_quantity", bad);
            assertThatThrownBy(() -> ShopifyPayloads.order(order)).hasMessageContaining("current_quantity '" + bad + "' is not a quantity");
        }
        ObjectNode negative = Fixtures.tree("order.json");
        ((ObjectNode) negative.withArray("line_items").get(1)).put("quantity", -2);
        assertThatThrownBy(() -> ShopifyPayloads.order(negative)).hasMessageContaining("quantity '-2' is not a quantity");
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
