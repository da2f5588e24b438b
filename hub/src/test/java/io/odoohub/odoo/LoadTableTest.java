package io.odoohub.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadTableTest {

    @Test
    void mapsBecomeColumnsAndStringCells() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", "x.a");
        a.put("name", "A");
        a.put("sale_ok", true);
        a.put("list_price", new BigDecimal("1E+3"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", "x.b");
        b.put("weight", 0.5);
        b.put("name", null);
        LoadTable t = LoadTable.fromMaps(List.of(a, b));
        assertThat(t.fields()).containsExactly("id", "name", "sale_ok", "list_price", "weight");
        assertThat(t.records().get(0).rows()).containsExactly(List.of("x.a", "A", "1", "1000", ""));
        assertThat(t.records().get(1).rows()).containsExactly(List.of("x.b", "", "", "", "0.5"));
    }

    @Test
    void one2manyListsBecomeSubRowsOfTheirRecord() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "shop.order_1");
        order.put("partner_id/id", "shop.customer_9");
        order.put("order_line", List.of(
                Map.of("product_id/id", "shop.variant_1", "product_uom_qty", 2),
                Map.of("product_id/id", "shop.variant_2", "product_uom_qty", 1),
                Map.of("product_id/id", "shop.variant_3", "product_uom_qty", 5)));
        LoadTable t = LoadTable.fromMaps(List.of(order, Map.of("id", "shop.order_2", "partner_id/id", "shop.customer_9")));
        assertThat(t.fields()).contains("id", "partner_id/id", "order_line/product_id/id", "order_line/product_uom_qty");
        int product = t.fields().indexOf("order_line/product_id/id");
        int id = t.fields().indexOf("id");
        List<List<String>> rows = t.records().get(0).rows();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get(id)).isEqualTo("shop.order_1");
        assertThat(rows.get(0).get(product)).isEqualTo("shop.variant_1");
        assertThat(rows.get(1).get(id)).isEmpty();
        assertThat(rows.get(2).get(product)).isEqualTo("shop.variant_3");
        assertThat(t.records().get(1).rows()).hasSize(1);
    }

    @Test
    void mapsAreGroupedByTheColumnsTheyNameSubColumnsIncluded() {
        Map<String, Object> twoLines = Map.of("id", "o1", "order_line", List.of(Map.of("product_id/id", "v1"), Map.of("product_id/id", "v2")));
        Map<String, Object> discounted = Map.of("id", "o2", "order_line", List.of(Map.of("product_id/id", "v1", "discount", 10)));
        Map<String, Object> oneLine = Map.of("id", "o3", "order_line", List.of(Map.of("product_id/id", "v3")));
        Map<String, Object> bare = Map.of("id", "o4");
        assertThat(LoadTable.groupsByColumns(List.of(twoLines, discounted, oneLine, bare, Map.of("id", "o5"))))
                .containsExactly(List.of(0, 2), List.of(1), List.of(3, 4));
    }
}
