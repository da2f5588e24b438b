package io.odoohub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    @TempDir
    Path dir;

    @Test
    void withNothingConfiguredAKeyFileIsCreatedOwnerOnlyAndReusedNextTime() throws Exception {
        byte[] first = MasterKey.load("", "", dir.resolve("data"));
        Path file = dir.resolve("data").resolve(MasterKey.DEFAULT_FILE);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).isEqualTo(first);
        assertThat(MasterKey.load(null, null, dir.resolve("data"))).isEqualTo(first);
    }

    @Test
    void anExistingKeyFileThatOthersCanReadIsNarrowed() throws Exception {
        MasterKey.load("", "", dir);
        Path file = dir.resolve(MasterKey.DEFAULT_FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        MasterKey.load("", "", dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theEnvironmentValueWins() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        assertThat(MasterKey.load(Base64.getEncoder().encodeToString(key), "", dir)).isEqualTo(key);
        assertThat(dir.resolve(MasterKey.DEFAULT_FILE)).doesNotExist();
    }

    @Test
    void aNamedKeyFileIsRead() throws Exception {
        byte[] key = new byte[32];
        key[31] = 9;
        Path file = dir.resolve("elsewhere.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        assertThat(MasterKey.load("", file.toString(), dir.resolve("data"))).isEqualTo(key);
        assertThat(dir.resolve("data").resolve(MasterKey.DEFAULT_FILE)).doesNotExist();
    }

    @Test
    void badKeysStopTheStartWithoutShowingTheValue() {
        assertThatThrownBy(() -> MasterKey.load("bm90LTMyLWJ5dGVz", "", dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HUB_MASTER_KEY").hasMessageContaining("32").hasMessageNotContaining("bm90LTMyLWJ5dGVz");
        assertThatThrownBy(() -> MasterKey.load("***not base64***", "", dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not base64***");
        assertThatThrownBy(() -> MasterKey.load("", dir.resolve("missing.key").toString(), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_MASTER_KEY_FILE");
        assertThatThrownBy(() -> MasterKey.load(Base64.getEncoder().encodeToString(new byte[32]), "x.key", dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }
}
