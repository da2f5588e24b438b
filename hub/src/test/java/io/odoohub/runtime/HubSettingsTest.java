package io.odoohub.runtime;

import io.odoohub.connector.HubSettings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Odoo URLs send the API key across a network in clear. */
class HubSettingsTest {

    @ParameterizedTest
    @CsvSource({
        "http://odoo.example.com, odoo.example.com",
        "http://odoo.example.com:8069/, odoo.example.com",
        "HTTP://10.0.0.5:8069, 10.0.0.5",
        "http://[2001:db8::5]:8069, 2001:db8::5",
        "http://127.0.0.1.example.com, 127.0.0.1.example.com"
    })
    void plainHttpToAnotherMachineIsCleartext(String url, String host) {
        assertThat(HubSettings.cleartextOdooHost(url)).contains(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://odoo.example.com", "http://localhost:8069", "http://LOCALHOST", "http://odoo.localhost:8069",
        "http://127.0.0.1:8069", "http://127.1.2.3", "http://[::1]:8069", "not a url"})
    void httpsAndThisMachineAreNot(String url) {
        assertThat(HubSettings.cleartextOdooHost(url)).isEmpty();
    }
}
