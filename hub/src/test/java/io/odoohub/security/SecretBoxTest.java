package io.odoohub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] key() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    private final SecretBox box = new SecretBox(key());

    @Test
    void roundTrip() {
        byte[] sealed = box.sealText("odoo.api-key", "s3cr3t-value-é-✓");
        assertThat(box.openText("odoo.api-key", sealed)).isEqualTo("s3cr3t-value-é-✓");
        assertThat(box.open("empty", box.seal("empty", new byte[0]))).isEmpty();
    }

    @Test
    void formatIsVersionThenIvThenCiphertextAndTag() {
        byte[] plain = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = box.seal("n", plain);
        assertThat(sealed[0]).isEqualTo(SecretBox.VERSION);
        assertThat(sealed).hasSize(1 + 12 + plain.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("twelve bytes");
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] sealed = box.sealText("name", "value to protect");
        for (int i = 0; i < sealed.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = sealed.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> box.open("name", tampered)).as("byte %d bit %d", i, bit)
                        .isInstanceOf(SecretBoxException.class);
            }
        }
    }

    @Test
    void truncatedOrExtendedValuesAreRefused() {
        byte[] sealed = box.sealText("name", "value");
        assertThatThrownBy(() -> box.open("name", Arrays.copyOf(sealed, sealed.length - 1))).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("name", Arrays.copyOf(sealed, sealed.length + 1))).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("name", new byte[5])).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void aValueDoesNotOpenUnderAnotherName() {
        byte[] sealed = box.sealText("shopify.secret", "value");
        assertThatThrownBy(() -> box.open("pardot.secret", sealed)).isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("pardot.secret").hasMessageNotContaining("value");
        assertThatThrownBy(() -> box.open("shopify.secreT", sealed)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void aValueDoesNotOpenWithAnotherKey() {
        byte[] sealed = box.sealText("name", "value");
        assertThatThrownBy(() -> new SecretBox(key()).open("name", sealed)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void eachSealUsesAFreshIv() {
        Set<String> ivs = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] sealed = box.sealText("same-name", "same value");
            ivs.add(Arrays.toString(Arrays.copyOfRange(sealed, 1, 13)));
            ciphertexts.add(Arrays.toString(sealed));
        }
        assertThat(ivs).hasSize(1000);
        assertThat(ciphertexts).hasSize(1000);
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] sealed = box.sealText("name", "value");
        sealed[0] = 2;
        assertThatThrownBy(() -> box.open("name", sealed)).isInstanceOf(SecretBoxException.class).hasMessageContaining("version");
    }

    @Test
    void keysMustBe256Bits() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
