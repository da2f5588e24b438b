package io.odoohub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String stringOf(int length) {
        return "\"" + "x".repeat(length) + "\"";
    }

    @Test
    void eachNamedMapperReadsUpToItsDepthAndRefusesOneLevelMore() throws Exception {
        assertDepth(Json.CATALOG_WEBHOOK, 16);
        assertDepth(Json.SHOPIFY_WEBHOOK, 20);
        assertDepth(Json.PRODUCT_FILE, 32);
        assertDepth(Json.PARDOT, 32);
        assertDepth(Json.API, 32);
        assertDepth(Json.SHOPIFY_ADMIN, 64);
    }

    private static void assertDepth(ObjectMapper mapper, int depth) throws Exception {
        assertThat(mapper.readTree(nested(depth)).isArray()).isTrue();
        assertThatThrownBy(() -> mapper.readTree(nested(depth + 1))).isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void eachNamedMapperRefusesAStringOverItsLimit() throws Exception {
        assertString(Json.CATALOG_WEBHOOK, 1_000_000);
        assertString(Json.SHOPIFY_WEBHOOK, 1_000_000);
        assertString(Json.PRODUCT_FILE, 1_000_000);
        assertString(Json.API, 1_000_000);
        assertString(Json.PARDOT, 5_000_000);
        assertString(Json.SHOPIFY_ADMIN, 20_000_000);
    }

    private static void assertString(ObjectMapper mapper, int max) throws Exception {
        assertThat(mapper.readTree(stringOf(max)).textValue()).hasSize(max);
        assertThatThrownBy(() -> mapper.readTree(stringOf(max + 1))).isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("String value length");
    }

    @Test
    void boundedMappersRefuseANumberOverAHundredDigits() throws Exception {
        assertThat(Json.PARDOT.readTree("1".repeat(100)).isNumber()).isTrue();
        assertThatThrownBy(() -> Json.PARDOT.readTree("1".repeat(101))).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void internalKeepsJacksonsDefaults() throws Exception {
        assertThat(Json.INTERNAL.readTree(nested(500)).isArray()).isTrue();
        assertThat(Json.INTERNAL.readTree(stringOf(5_000_000)).textValue()).hasSize(5_000_000);
    }

    @Test
    void apiIgnoresUnknownPropertiesAndWritesDatesAsText() throws Exception {
        record Small(String name) {
        }
        assertThat(Json.API.readValue("{\"name\":\"a\",\"other\":1}", Small.class).name()).isEqualTo("a");
        assertThat(Json.API.writeValueAsString(java.util.Date.from(java.time.Instant.EPOCH))).startsWith("\"1970-01-01");
    }

    @Test
    void aMadeMapperRefusesADocumentOverItsSize() throws Exception {
        ObjectMapper mapper = Json.mapper(10, 1000, 20);
        assertThat(mapper.readTree("[1,2,3]").size()).isEqualTo(3);
        assertThatThrownBy(() -> mapper.readTree("[" + "1,".repeat(20) + "1]")).isInstanceOf(StreamConstraintsException.class);
    }
}
