package io.odoohub.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Variant prices (list_price + the values' price_extra) and the product of sale order lines, as Odoo 18 has them. */
class SandboxVariantPricesTest {

    private OdooSandbox sandbox;
    private RpcClient rpc;

    @BeforeEach
    void start() {
        sandbox = OdooSandbox.start("127.0.0.1", 0, "hub", "admin", "secret-key");
        rpc = new RpcClient(sandbox, "secret-key");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields) {
        return (List<Map<String, Object>>) rpc.call(model, "search_read", List.of(domain, fields), Map.of());
    }

    private void write(String model, List<Integer> ids, Map<String, Object> vals) {
        rpc.call(model, "write", List.of(ids, vals), Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVariantsSalesPriceIsTheTemplatePricePlusItsValuesExtras() {
        int size = (Integer) rpc.call("product.attribute", "create", Map.of("name", "Size", "value_ids",
                List.of(List.of(0, 0, Map.of("name", "S")), List.of(0, 0, Map.of("name", "L")))));
        int color = (Integer) rpc.call("product.attribute", "create", Map.of("name", "Color", "value_ids",
                List.of(List.of(0, 0, Map.of("name", "Red")), List.of(0, 0, Map.of("name", "Blue")))));
        List<Integer> sizes = (List<Integer>) rpc.call("product.attribute.value", "search", List.of(List.of("attribute_id", "=", size)));
        List<Integer> colors = (List<Integer>) rpc.call("product.attribute.value", "search", List.of(List.of("attribute_id", "=", color)));
        int shirt = (Integer) rpc.call("product.template", "create", Map.of("name", "Shirt", "list_price", 10.0, "attribute_line_ids", List.of(
                List.of(0, 0, Map.of("attribute_id", size, "value_ids", List.of(List.of(6, 0, sizes)))),
                List.of(0, 0, Map.of("attribute_id", color, "value_ids", List.of(List.of(6, 0, colors)))))));
        Map<String, Integer> ptav = new HashMap<>();
        for (Map<String, Object> r : searchRead("product.template.attribute.value", List.of(List.of("product_tmpl_id", "=", shirt)),
                List.of("display_name"))) {
            ptav.put((String) r.get("display_name"), (Integer) r.get("id"));
        }
        write("product.template.attribute.value", List.of(ptav.get("Size: L")), Map.of("price_extra", 2.5));
        write("product.template.attribute.value", List.of(ptav.get("Color: Blue")), Map.of("price_extra", 1.1));

        assertThat(prices(shirt)).containsEntry("Shirt (S, Red)", 10.0).containsEntry("Shirt (S, Blue)", 11.1)
                .containsEntry("Shirt (L, Red)", 12.5).containsEntry("Shirt (L, Blue)", 13.6);
        Map<String, Object> largeBlue = searchRead("product.product", List.of(List.of("product_tmpl_id", "=", shirt),
                List.of("product_template_attribute_value_ids", "in", List.of(ptav.get("Size: L")))), List.of("display_name", "price_extra"))
                .stream().filter(r -> "Shirt (L, Blue)".equals(r.get("display_name"))).findFirst().orElseThrow();
        assertThat(largeBlue.get("price_extra")).isEqualTo(3.6);

        // writing a variant's lst_price sets the template's price to it minus the variant's extras
        write("product.product", List.of((Integer) largeBlue.get("id")), Map.of("lst_price", 23.6));
        assertThat(searchRead("product.template", List.of(List.of("id", "=", shirt)), List.of("list_price")).get(0))
                .containsEntry("list_price", 20.0);
        assertThat(prices(shirt)).containsEntry("Shirt (S, Red)", 20.0).containsEntry("Shirt (L, Blue)", 23.6);
    }

    private Map<String, Object> prices(int template) {
        Map<String, Object> out = new HashMap<>();
        for (Map<String, Object> r : searchRead("product.product", List.of(List.of("product_tmpl_id", "=", template)),
                List.of("display_name", "lst_price"))) {
            out.put((String) r.get("display_name"), r.get("lst_price"));
        }
        return out;
    }

    @Test
    void theProductOfALineChangesOnlyWhileTheLineIsUpdatable() {
        int partner = (Integer) rpc.call("res.partner", "create", Map.of("name", "Buyer"));
        int a = (Integer) rpc.call("product.product", "create", Map.of("name", "A"));
        int b = (Integer) rpc.call("product.product", "create", Map.of("name", "B"));
        int order = (Integer) rpc.call("sale.order", "create", Map.of("partner_id", partner,
                "order_line", List.of(List.of(0, 0, Map.of("product_id", a, "product_uom_qty", 1.0)))));
        int line = (Integer) searchRead("sale.order.line", List.of(List.of("order_id", "=", order)), List.of("id")).get(0).get("id");

        write("sale.order.line", List.of(line), Map.of("product_id", b)); // a quotation: fine
        rpc.call("sale.order", "action_confirm", List.of(List.of(order)), Map.of());
        write("sale.order.line", List.of(line), Map.of("product_id", a)); // confirmed, nothing delivered, not locked: Odoo 18 lets it
        write("sale.order.line", List.of(line), Map.of("qty_delivered", 1.0));
        assertThat(searchRead("sale.order.line", List.of(List.of("id", "=", line)), List.of("product_updatable")).get(0))
                .containsEntry("product_updatable", false);
        assertThatThrownBy(() -> write("sale.order.line", List.of(line), Map.of("product_id", b)))
                .isInstanceOfSatisfying(RpcClient.Fault.class, f -> assertThat(f.text).isEqualTo("You cannot modify the product of this order line."));
        write("sale.order.line", List.of(line), Map.of("product_id", a, "name", "same product, new text")); // no change of product

        write("sale.order.line", List.of(line), Map.of("qty_delivered", 0.0));
        write("sale.order", List.of(order), Map.of("locked", true));
        assertThatThrownBy(() -> write("sale.order.line", List.of(line), Map.of("product_id", b))).isInstanceOf(RpcClient.Fault.class);
        write("sale.order", List.of(order), Map.of("locked", false));
        rpc.call("sale.order", "action_cancel", List.of(List.of(order)), Map.of("context", Map.of("disable_cancel_warning", true)));
        assertThatThrownBy(() -> write("sale.order.line", List.of(line), Map.of("product_id", b))).isInstanceOf(RpcClient.Fault.class);
        assertThat(searchRead("sale.order.line", List.of(List.of("id", "=", line)), List.of("product_id")).get(0).get("product_id"))
                .isInstanceOfSatisfying(List.class, p -> assertThat(p.get(0)).isEqualTo(a));
    }
}
