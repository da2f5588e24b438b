package io.odoohub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** A declared setting read from the properties: its default, its parsing, and errors that name it. */
class SettingTest {

    private static final Setting<Integer> SIZE = Setting.positive("hub.test.size", "HUB_TEST_SIZE", "500", "records per call")
            .check(v -> v <= 1000, "must be at most 1000");
    private static final Setting<String> NAME = Setting.text("hub.test.name", "HUB_TEST_NAME", "demo.csv", "a file; empty = none");
    private static final Setting<String> KEY = Setting.oneOf("hub.test.key", "HUB_TEST_KEY", "a", "a secret word", "a", "b").secret();
    private static final Setting<Boolean> ON = Setting.bool("hub.test.on", "HUB_TEST_ON", "false", "switch");
    private static final Setting<String> DIR = Setting.text("hub.test.dir", "HUB_TEST_DIR", "{{hub.test.name}}/drop", "a folder");

    private static <T> T read(Map<String, String> values, Setting<T> setting) {
        Properties p = new Properties();
        p.putAll(values);
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent(); // not started: nothing to close
        properties.setInitialProperties(p);
        return SettingsReader.read(properties, setting);
    }

    @Test
    void absentOrEmptyIsTheDeclaredDefault() {
        assertThat(read(Map.of(), SIZE)).isEqualTo(500);
        assertThat(read(Map.of("hub.test.size", " "), SIZE)).isEqualTo(500);
        assertThat(read(Map.of(), ON)).isFalse();
        assertThat(read(Map.of("hub.test.on", "TRUE"), ON)).isTrue();
        assertThat(read(Map.of(), NAME)).isEqualTo("demo.csv");
    }

    @Test
    void textKeepsAnEmptyValue() {
        assertThat(read(Map.of("hub.test.name", ""), NAME)).isEmpty();
        assertThat(read(Map.of("hub.test.name", " x.csv "), NAME)).isEqualTo("x.csv");
    }

    @Test
    void aDefaultMayReferToAnotherKey() {
        assertThat(read(Map.of("hub.test.name", "data"), DIR)).isEqualTo("data/drop");
    }

    @Test
    void aBadValueNamesTheKeyTheVariableAndTheValue() {
        assertThatThrownBy(() -> read(Map.of("hub.test.size", "ten"), SIZE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting hub.test.size (HUB_TEST_SIZE) must be a whole number, was 'ten'");
        assertThatThrownBy(() -> read(Map.of("hub.test.size", "0"), SIZE))
                .hasMessage("setting hub.test.size (HUB_TEST_SIZE) must be at least 1, was '0'");
        assertThatThrownBy(() -> read(Map.of("hub.test.size", "1001"), SIZE))
                .hasMessage("setting hub.test.size (HUB_TEST_SIZE) must be at most 1000, was '1001'");
        assertThatThrownBy(() -> read(Map.of("hub.test.on", "yes"), ON))
                .hasMessage("setting hub.test.on (HUB_TEST_ON) must be true or false, was 'yes'");
    }

    @Test
    void aSecretsValueIsNeverShown() {
        assertThat(read(Map.of("hub.test.key", "B"), KEY)).isEqualTo("b");
        assertThatThrownBy(() -> read(Map.of("hub.test.key", "hunter2"), KEY))
                .hasMessage("setting hub.test.key (HUB_TEST_KEY) must be a or b (the value is secret: not shown)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aFormerKeyIsStillReadWhileTheNewOneIsUnsetOrAtItsDefault() {
        Setting<Integer> batch = Setting.positive("hub.odoo.batch-size", "ODOO_BATCH_SIZE", "500", "rows per call");
        assertThat(SettingsReader.FORMER_KEYS).containsEntry("hub.odoo.batch-size", "odoo.batch-size");
        assertThat(read(Map.of("odoo.batch-size", "200"), batch)).isEqualTo(200);
        assertThat(read(Map.of("hub.odoo.batch-size", "500", "odoo.batch-size", "200"), batch)).isEqualTo(200);
        assertThat(read(Map.of("hub.odoo.batch-size", "300", "odoo.batch-size", "200"), batch)).isEqualTo(300);
        assertThat(read(Map.of(), batch)).isEqualTo(500);
        assertThatThrownBy(() -> read(Map.of("odoo.batch-size", "lots"), batch))
                .hasMessage("setting hub.odoo.batch-size (ODOO_BATCH_SIZE) must be a whole number, was 'lots'");
    }

    @Test
    void everyFormerKeyIsTheNewKeyBeforeTheOnePrefixStyle() {
        SettingsReader.FORMER_KEYS.forEach((now, before) -> assertThat(now).startsWith("hub.").isNotEqualTo(before));
        assertThat(SettingsReader.FORMER_KEYS).containsEntry("hub.shopify.shop", "shopify.shop")
                .containsEntry("hub.google-ads.enabled", "google-ads.enabled").containsEntry("hub.catalog.drop-dir", "hub.drop.products");
    }
}
