package io.odoohub.catalog.odoo;

import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.FieldMapping;
import io.odoohub.catalog.model.ProductFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductMapperTest {

    private static final String M = FieldMapping.MODEL;
    private final ProductMapper mapper = new ProductMapper();
    private final List<FieldMapping> mappings = List.of(
            new FieldMapping(1, "title", "name", M, "direct", null, true, true, true, 1, "hub"),
            new FieldMapping(2, "ean", "barcode", M, "direct", null, true, false, true, 2, "hub"),
            new FieldMapping(3, "price", "list_price", M, "transform", "price", true, false, true, 4, "odoo"),
            new FieldMapping(4, "category", "categ_id", M, "transform", "category", false, false, true, 7, "hub"));
    private final ProductMapper.Rules rules = new ProductMapper.Rules(mappings, Map.of("Electronics", 5), Map.of(), null);

    private CatalogProduct product(Map<String, String> fields) {
        return ProductFields.apply(null, fields, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void loadValuesFollowTheMappingsAndAMappedCategoryGoesById() {
        CatalogProduct p = product(Map.of("title", "Radio", "ean", "3700123456789", "price", "12.50", "category", "Electronics",
                "supplier_reference", "R-1"));
        Map<String, Object> v = mapper.loadValues(p, rules);
        assertThat(v).containsEntry("id", "catalog.product_R-1").containsEntry("name", "Radio").containsEntry("barcode", "3700123456789")
                .containsEntry("list_price", "12.50").containsEntry("categ_id/.id", 5);
        assertThat(ProductMapper.odooFields(v)).containsExactly("name", "barcode", "list_price", "categ_id");
        Map<String, Object> unmapped = mapper.loadValues(product(Map.of("title", "x", "category", "Garden", "ean", "123456")), rules);
        assertThat(unmapped).containsEntry("categ_id", "Garden").doesNotContainKey("categ_id/.id");
    }

    @Test
    void theHashIgnoresHowANumberIsWrittenButNotItsValue() {
        CatalogProduct a = product(Map.of("title", "Radio", "price", "12.50"));
        CatalogProduct b = product(Map.of("title", "Radio", "price", "12.5"));
        CatalogProduct c = product(Map.of("title", "Radio", "price", "12.51"));
        assertThat(mapper.hash(mapper.canonical(a, rules), rules)).isEqualTo(mapper.hash(mapper.canonical(b, rules), rules))
                .isNotEqualTo(mapper.hash(mapper.canonical(c, rules), rules));
        ProductMapper.Rules other = new ProductMapper.Rules(mappings.subList(0, 3), Map.of(), Map.of(), null);
        assertThat(mapper.hash(mapper.canonical(a, other), other)).as("a changed mapping changes the hash")
                .isNotEqualTo(mapper.hash(mapper.canonical(a, rules), rules));
    }

    @Test
    void odooValuesReadBackAsCanonicalTextsOfTheBidirectionalFields() {
        Map<String, String> local = mapper.fromOdoo(Map.of("id", 7, "name", "Radio", "barcode", false, "list_price", 12.5,
                "categ_id", List.of(5, "All / Electronics")), rules);
        assertThat(local).containsExactlyInAnyOrderEntriesOf(Map.of("title", "Radio", "price", "12.5"));
    }

    @Test
    void aRequiredFieldMissingAndABadValueAreRefused() {
        ProductMapper.Rules eanRequired = new ProductMapper.Rules(List.of(
                new FieldMapping(2, "ean", "barcode", M, "direct", null, true, true, true, 2, "hub")), Map.of(), Map.of(), null);
        assertThatThrownBy(() -> mapper.canonical(product(Map.of("title", "x")), eanRequired)).hasMessageContaining("Required field missing: ean");
        assertThatThrownBy(() -> product(Map.of("title", "x", "ean", "12ab"))).hasMessageContaining("ean '12ab'");
        assertThatThrownBy(() -> product(Map.of("price", "1"))).hasMessageContaining("title is required");
    }
}
