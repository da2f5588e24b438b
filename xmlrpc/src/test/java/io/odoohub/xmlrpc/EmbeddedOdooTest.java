package io.odoohub.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedOdooTest {

    @Test
    void noneWithoutTheSandboxOnTheClassPath() {
        assertThat(EmbeddedOdoo.find()).isEmpty();
    }
}
