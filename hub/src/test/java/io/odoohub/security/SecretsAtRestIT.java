package io.odoohub.security;

import io.odoohub.testsupport.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiClient;
import io.odoohub.testsupport.HubRuntime;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential stored through the API, then rotated, is found nowhere in clear (nor base64, hex, UTF-16) under the
 * data directory or in the log; the master key file the runtime created is owner-only.
 */
class SecretsAtRestIT {

    private static final String ADMIN_TOKEN = "it-secrets-admin-token-9876543210-zyx";

    @TempDir
    Path dir;

    @Test
    void canariesAreNeverStoredOrLoggedInClear() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        String name = "canary-credential-" + suffix.substring(0, 12);
        String first = "CanaryOne-" + suffix + "-s3cr3t";
        String second = "CanaryTwo-" + new StringBuilder(suffix).reverse() + "-r0tated";
        Path data = dir.resolve("data");
        Level before = org.apache.logging.log4j.LogManager.getLogger("io.odoohub").getLevel();
        Configurator.setLevel("io.odoohub", Level.DEBUG);
        String keyFileText;
        String dbName;
        try (LogCapture logs = LogCapture.attach()) {
            try (HubRuntime hub = HubRuntime.start(data, Map.of("hub.admin-token", ADMIN_TOKEN, "hub.console.enabled", "false",
                    "hub.master-key", "", "hub.master-key-file", ""))) {
                ApiClient api = new ApiClient(hub.httpPort());
                HttpResponse<String> put = api.send("PUT", "/api/v1/credentials/" + name, ADMIN_TOKEN, "{\"value\": \"" + first + "\"}");
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
                assertThat(put.body()).doesNotContain(first);
                assertThat(ApiClient.json(put).get("value").asText()).isEqualTo("****" + first.substring(first.length() - 4));

                HttpResponse<String> rotate = api.send("PUT", "/api/v1/credentials/" + name, ADMIN_TOKEN,
                        "{\"value\": \"" + second + "\"}");
                assertThat(rotate.statusCode()).isEqualTo(200);
                assertThat(hub.bean("credentialStore", CredentialStore.class).get(name)).contains(second);

                HttpResponse<String> one = api.send("GET", "/api/v1/credentials/" + name, ADMIN_TOKEN, null);
                assertThat(one.statusCode()).isEqualTo(200);
                assertThat(one.body()).doesNotContain(first).doesNotContain(second);
                assertThat(ApiClient.json(one).get("value").asText()).isEqualTo("****" + second.substring(second.length() - 4));
                HttpResponse<String> all = api.send("GET", "/api/v1/credentials", ADMIN_TOKEN, null);
                assertThat(all.body()).contains(name).doesNotContain(first).doesNotContain(second);

                // a second credential, created and deleted, is gone
                assertThat(api.send("PUT", "/api/v1/credentials/it-temp", ADMIN_TOKEN, "{\"value\": \"short\"}").statusCode()).isEqualTo(200);
                JsonNode temp = ApiClient.json(api.send("GET", "/api/v1/credentials/it-temp", ADMIN_TOKEN, null));
                assertThat(temp.get("value").asText()).isEqualTo("****");
                assertThat(api.send("DELETE", "/api/v1/credentials/it-temp", ADMIN_TOKEN, null).statusCode()).isEqualTo(204);
                assertThat(api.send("GET", "/api/v1/credentials/it-temp", ADMIN_TOKEN, null).statusCode()).isEqualTo(404);
                assertThat(api.send("PUT", "/api/v1/credentials/it-temp", ADMIN_TOKEN, "{\"value\": \"\"}").statusCode()).isEqualTo(400);
                assertThat(api.send("PUT", "/api/v1/credentials/it-temp", ADMIN_TOKEN, "{\"value\": 12}").statusCode()).isEqualTo(400);
            }
            keyFileText = Files.readString(data.resolve(MasterKey.DEFAULT_FILE)).trim();
            dbName = name;

            Path keyFile = data.resolve(MasterKey.DEFAULT_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(logs.text()).as("the log says that a key file was created, and where")
                    .contains("new one was created in " + keyFile.toAbsolutePath());

            Map<String, byte[]> files = readAll(data);
            assertThat(files).as("files under the data directory").isNotEmpty();
            // control: the search sees clear text in the database file (the credential's name is stored in clear)
            assertThat(files.entrySet().stream().anyMatch(f -> f.getKey().endsWith(".mv.db")
                    && indexOf(f.getValue(), dbName.getBytes(StandardCharsets.UTF_8)) >= 0))
                    .as("the credential name is found in the H2 file, so the search works").isTrue();

            String logText = logs.text();
            assertThat(logText).contains("Credential '" + name + "' stored").contains("Credential '" + name + "' replaced");
            for (String secret : List.of(first, second, keyFileText, ADMIN_TOKEN)) {
                for (Map.Entry<String, byte[]> form : forms(secret).entrySet()) {
                    for (Map.Entry<String, byte[]> f : files.entrySet()) {
                        if (secret.equals(keyFileText) && f.getKey().endsWith(MasterKey.DEFAULT_FILE)) {
                            continue;
                        }
                        assertThat(indexOf(f.getValue(), form.getValue())).as("%s (%s) in %s", label(secret, first, second), form.getKey(),
                                f.getKey()).isEqualTo(-1);
                    }
                    assertThat(indexOf(logText.getBytes(StandardCharsets.UTF_8), form.getValue()))
                            .as("%s (%s) in the log", label(secret, first, second), form.getKey()).isEqualTo(-1);
                }
            }
        } finally {
            Configurator.setLevel("io.odoohub", before);
        }
    }

    @Test
    void aMasterKeyFromTheEnvironmentIsUsedAndNeverLoggedOrWritten() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String keyText = Base64.getEncoder().encodeToString(key);
        String value = "EnvKeyCanary-" + UUID.randomUUID();
        Path data = dir.resolve("data-env");
        try (LogCapture logs = LogCapture.attach()) {
            try (HubRuntime hub = HubRuntime.start(data, Map.of("hub.admin-token", ADMIN_TOKEN, "hub.console.enabled", "false",
                    "hub.master-key", keyText, "hub.master-key-file", ""))) {
                ApiClient api = new ApiClient(hub.httpPort());
                assertThat(api.send("PUT", "/api/v1/credentials/env-key", ADMIN_TOKEN, "{\"value\": \"" + value + "\"}").statusCode())
                        .isEqualTo(200);
            }
            assertThat(data.resolve(MasterKey.DEFAULT_FILE)).doesNotExist();
            // the value opens with that key, outside the runtime
            try (io.odoohub.store.HubDatabase db = io.odoohub.store.HubDatabase.open(io.odoohub.store.HubDatabase.h2Url(data), "sa", "", 2)) {
                assertThat(new CredentialStore(db.dataSource(), new SecretBox(key)).get("env-key")).contains(value);
            }
            assertThat(logs.text()).contains("Master key: from HUB_MASTER_KEY").doesNotContain(keyText).doesNotContain(ADMIN_TOKEN)
                    .doesNotContain(value);
            Map<String, byte[]> files = readAll(data);
            for (Map.Entry<String, byte[]> form : forms(keyText).entrySet()) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    assertThat(indexOf(f.getValue(), form.getValue())).as("master key (%s) in %s", form.getKey(), f.getKey()).isEqualTo(-1);
                }
            }
        }
    }

    private static String label(String secret, String first, String second) {
        return secret.equals(first) ? "first canary" : secret.equals(second) ? "second canary" : "a secret";
    }

    /** The secret as bytes in every encoding searched for. */
    private static Map<String, byte[]> forms(String secret) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        out.put("clear", utf8);
        out.put("clear, lower case", secret.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        out.put("hex", HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
        out.put("HEX", HexFormat.of().withUpperCase().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
        out.put("UTF-16LE", secret.getBytes(StandardCharsets.UTF_16LE));
        out.put("UTF-16BE", secret.getBytes(StandardCharsets.UTF_16BE));
        // base64 at each of the 3 alignments a value can start at inside a longer encoded text
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + utf8.length];
            System.arraycopy(utf8, 0, shifted, shift, utf8.length);
            for (Map.Entry<String, Base64.Encoder> enc : Map.of("base64", Base64.getEncoder(), "base64url", Base64.getUrlEncoder()).entrySet()) {
                String text = enc.getValue().withoutPadding().encodeToString(shifted);
                // drop the characters that mix in the neighbours' bits (the first 4 when shifted, the last 4)
                String core = text.substring(shift == 0 ? 0 : 4, text.length() - 4);
                out.put(enc.getKey() + " shift " + shift, core.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out;
    }

    private static Map<String, byte[]> readAll(Path root) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(paths::add);
        }
        for (Path p : paths) {
            out.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
