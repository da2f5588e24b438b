package io.odoohub.catalog.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.odoo.ExternalIds;
import org.junit.jupiter.api.Test;

class ProductFileParserTest {

    private final ProductFileParser parser = new ProductFileParser();

    @Test
    void csvWithQuotesBomAndBlankCells() {
        var rows = parser.readRows("a.csv", "\uFEFFSupplier_Reference,Title,Price,EAN\n"
                + "S1,\"Mug, large\",12.50,\n"
                + "\n"
                + ",Nameless,1.00,\n"
                + "S3,Plate,3,400\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("title", "Mug, large").containsEntry("price", "12.50").doesNotContainKey("ean");
        assertThat(ProductFileParser.keyOf(rows.get(0))).isEqualTo("S1");
        // a row without a key is kept, so the flow can make it a dead letter that says why
        assertThat(rows.get(1)).containsEntry("title", "Nameless");
        assertThat(ProductFileParser.keyOf(rows.get(1))).isNull();
    }

    @Test
    void eanIsTheKeyWhenThereIsNoSupplierReference() {
        var rows = parser.readRows("b.json", "[{\"ean\": \"4006381333931\", \"title\": \"Mug\", \"price\": 12.5}]");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(ProductFileParser.keyOf(r)).isEqualTo("4006381333931");
            assertThat(r.get("price")).isEqualTo("12.5");
        });
    }

    @Test
    void unreadableFilesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parser.readRows("c.json", "{\"products\": 3}")).hasMessageContaining("must hold a JSON array");
        assertThatThrownBy(() -> parser.readRows("d.json", "[1, 2]")).hasMessageContaining("entry 1 is not an object");
        assertThatThrownBy(() -> parser.readRows("e.txt", "x")).hasMessageContaining("neither .csv nor .json");
        assertThatThrownBy(() -> parser.readRows("f.json", "[" + "[".repeat(100) + "]".repeat(100) + "]"))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void externalIdsAreInjective() {
        assertThat(ExternalIds.encode("SKU-1")).isEqualTo("SKU-1");
        assertThat(ExternalIds.encode("A/1")).isNotEqualTo(ExternalIds.encode("A_1")).isNotEqualTo(ExternalIds.encode("A.1"));
        assertThat(ExternalIds.encode("A_1")).isEqualTo("A_5f_1");
        assertThat(ExternalIds.encode("é")).isEqualTo("_e9_");
        assertThatThrownBy(() -> ExternalIds.encode("")).isInstanceOf(IllegalArgumentException.class);
    }
}
