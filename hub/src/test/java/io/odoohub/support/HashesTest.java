package io.odoohub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {

    @Test
    void knownVectorsInLowerCaseHex() {
        assertThat(Hashes.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashes.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aStringIsHashedAsItsUtf8Bytes() {
        String s = "Müller – 東京";
        assertThat(Hashes.sha256Hex(s)).isEqualTo(Hashes.sha256Hex(s.getBytes(StandardCharsets.UTF_8)));
        assertThat(Hashes.sha256(s)).hasSize(32).isEqualTo(Hashes.sha256(s.getBytes(StandardCharsets.UTF_8)));
        assertThat(Hashes.sha256Hex(s)).hasSize(64).matches("[0-9a-f]{64}");
    }
}
