package io.odoohub.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.SandboxClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared binder over {@code ir.model.data} against the sandbox over XML-RPC: what each operation finds and
 * changes, that it stays in its namespace and model, and how many requests it makes.
 */
class ExternalIdsTest {

    private OdooSandbox sandbox;
    private OdooClient odoo;
    private ExternalIds shop;
    private int alice;
    private int bob;

    @BeforeEach
    void start() {
        sandbox = SandboxClients.start();
        odoo = SandboxClients.client(sandbox);
        shop = new ExternalIds(odoo, "shop");
        List<Integer> ids = odoo.create("res.partner", List.of(Map.of("name", "Alice"), Map.of("name", "Bob")), null);
        alice = ids.get(0);
        bob = ids.get(1);
    }

    @AfterEach
    void stop() {
        odoo.close();
        sandbox.close();
    }

    private record Counted<T>(T value, long requests) {
    }

    /** What {@code action} answers, and the requests it made. */
    private <T> Counted<T> counted(Supplier<T> action) {
        long before = odoo.requestCount();
        T value = action.get();
        return new Counted<>(value, odoo.requestCount() - before);
    }

    private long requests(Runnable action) {
        return counted(() -> {
            action.run();
            return null;
        }).requests();
    }

    private List<Map<String, Object>> rows(String module) {
        return odoo.searchRead("ir.model.data", List.of(List.of("module", "=", module)), List.of("name", "model", "res_id"), "name", 0, 0, null);
    }

    @Test
    void bindIsOneCreateAndFindIsOneSearchWithinItsNamespaceAndModel() {
        Map<String, Integer> names = new LinkedHashMap<>();
        names.put("customer_1", alice);
        names.put("customer_2", bob);
        assertThat(requests(() -> shop.bind("res.partner", names))).isEqualTo(1);
        new ExternalIds(odoo, "other").bind("res.partner", Map.of("customer_3", bob));
        shop.bind("res.users", Map.of("customer_4", 2));

        assertThat(rows("shop")).extracting(r -> r.get("name") + "=" + r.get("model") + "," + r.get("res_id"))
                .containsExactly("customer_1=res.partner," + alice, "customer_2=res.partner," + bob, "customer_4=res.users,2");
        Counted<Map<String, Integer>> found = counted(() -> shop.find("res.partner",
                List.of("customer_1", "customer_2", "customer_3", "customer_4", "customer_1")));
        assertThat(found.value()).containsExactlyInAnyOrderEntriesOf(Map.of("customer_1", alice, "customer_2", bob));
        assertThat(found.requests()).isEqualTo(1);
    }

    @Test
    void emptyInputsMakeNoRequest() {
        assertThat(requests(() -> {
            assertThat(shop.find("res.partner", List.of())).isEmpty();
            assertThat(shop.bindingsOf("res.partner", List.of())).isEmpty();
            shop.bind("res.partner", Map.of());
            assertThat(shop.unbind("res.partner", List.of())).isZero();
            assertThat(shop.unbindNames("res.partner", List.of())).isZero();
        })).isZero();
    }

    @Test
    void bindingsOfGivesEveryNameOfEachRecordInOneSearch() {
        shop.bind("product.product", Map.of("variant_7", alice, "inventory_item_70", alice, "variant_8", bob));
        new ExternalIds(odoo, "other").bind("product.product", Map.of("variant_9", alice));

        Counted<List<ExternalIds.Binding>> bindings = counted(() -> shop.bindingsOf("product.product", List.of(alice, alice, 999_999)));
        assertThat(bindings.value()).containsExactlyInAnyOrder(new ExternalIds.Binding("variant_7", alice), new ExternalIds.Binding("inventory_item_70", alice));
        assertThat(bindings.requests()).isEqualTo(1);
    }

    @Test
    void unbindByRecordIsOneSearchAndOneUnlinkAndKeepsTheRecordsAndOtherNamespaces() {
        shop.bind("res.partner", Map.of("customer_1", alice, "customer_1_invoice", alice, "customer_2", bob));
        new ExternalIds(odoo, "other").bind("res.partner", Map.of("customer_1", alice));

        Counted<Integer> removed = counted(() -> shop.unbind("res.partner", List.of(alice)));
        assertThat(removed.value()).isEqualTo(2);
        assertThat(removed.requests()).isEqualTo(2);
        assertThat(rows("shop")).extracting(r -> r.get("name")).containsExactly("customer_2");
        assertThat(rows("other")).extracting(r -> r.get("name")).containsExactly("customer_1");
        assertThat(odoo.searchRead("res.partner", List.of(List.of("id", "=", alice)), List.of("name"), null, 0, 0, null)).hasSize(1);

        // nothing bound: the search only
        removed = counted(() -> shop.unbind("res.partner", List.of(alice)));
        assertThat(removed.value()).isZero();
        assertThat(removed.requests()).isEqualTo(1);
    }

    @Test
    void unbindByNameRemovesOnlyThoseNamesOfThatModel() {
        shop.bind("res.partner", Map.of("customer_1", alice, "customer_2", bob));
        // an external id is unique in its module (Odoo's ir_model_data_module_name_uniq_index): another model's is another name
        shop.bind("res.users", Map.of("customer_9", 2));
        Counted<Integer> removed = counted(() -> shop.unbindNames("res.partner", List.of("customer_1", "customer_9")));
        assertThat(removed.value()).isEqualTo(1);
        assertThat(removed.requests()).isEqualTo(2);
        assertThat(rows("shop")).extracting(r -> r.get("name") + "=" + r.get("model")).containsExactly("customer_2=res.partner", "customer_9=res.users");
    }

    @Test
    void moreThanAChunkIsOneCallPerChunk() {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i <= ExternalIds.CHUNK; i++) {
            names.put("p_" + i, i % 2 == 0 ? alice : bob);
        }
        assertThat(requests(() -> shop.bind("res.partner", names))).isEqualTo(2);
        Counted<Map<String, Integer>> found = counted(() -> shop.find("res.partner", names.keySet()));
        assertThat(found.value()).isEqualTo(names);
        assertThat(found.requests()).isEqualTo(2);
        Counted<Integer> removed = counted(() -> shop.unbindNames("res.partner", names.keySet()));
        assertThat(removed.value()).isEqualTo(ExternalIds.CHUNK + 1);
        assertThat(removed.requests()).isEqualTo(4);
        assertThat(rows("shop")).isEmpty();
    }

    @Test
    void xmlidsAndNamespaces() {
        assertThat(shop.xmlid("customer_1")).isEqualTo("shop.customer_1").isEqualTo(ExternalIds.xmlid("shop", "customer_1"));
        assertThat(shop.module()).isEqualTo("shop");
        assertThatThrownBy(() -> new ExternalIds(odoo, "a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalIds(odoo, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
