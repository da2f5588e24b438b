package io.odoohub.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.xmlrpc.EmbeddedOdoo;
import org.junit.jupiter.api.Test;

/** The hub finds the sandbox through ServiceLoader (META-INF/services/io.odoohub.xmlrpc.EmbeddedOdoo). */
class SandboxProviderTest {

    @Test
    void theSandboxIsFoundAndStarts() {
        EmbeddedOdoo found = EmbeddedOdoo.find().orElseThrow();
        assertThat(found).isInstanceOf(SandboxProvider.class);
        try (EmbeddedOdoo.Running odoo = found.start("127.0.0.1", 0, "sandbox", "admin", "key")) {
            assertThat(odoo).isInstanceOf(OdooSandbox.class);
            assertThat(odoo.url()).startsWith("http://127.0.0.1:");
            assertThat(((OdooSandbox) odoo).searchRead("res.currency", java.util.List.of(), java.util.List.of("name")))
                    .extracting(r -> r.get("name")).containsExactlyInAnyOrder("EUR", "USD", "GBP", "CHF");
        }
    }
}
