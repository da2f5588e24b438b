package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.api.ApiClient;
import io.odoohub.console.ConsoleUsers;
import io.odoohub.security.Pbkdf2PasswordHasher;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.LogCapture;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first start (no HUB_ADMIN_TOKEN, no console user): an admin token and a console password are made,
 * stored hashed and written once to a file only the owner can read; both work; the log says where the file is and
 * never what is in it; a second start leaves the file as it is.
 */
class FirstRunCredentialsIT {

    @TempDir
    Path dir;

    @Test
    void theFirstStartWritesTheCredentialsOnceAndNeverLogsThem() throws Exception {
        Path data = dir.resolve("data");
        Path file = data.resolve(FirstRunCredentials.FILE);
        List<String> logLines = new ArrayList<>();
        Properties secrets = new Properties();
        byte[] written;
        FileTime writtenAt;

        try (LogCapture logs = LogCapture.attach(); HubRuntime hub = HubRuntime.start(data, Map.of("hub.console.enabled", "false"))) {
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            written = Files.readAllBytes(file);
            writtenAt = Files.getLastModifiedTime(file);
            secrets.load(new StringReader(Files.readString(file)));
            String token = secrets.getProperty("api.token");
            String password = secrets.getProperty("console.password");
            assertThat(token).startsWith("ohk_").hasSize(47);
            assertThat(secrets.getProperty("console.user")).isEqualTo("admin");
            assertThat(password).hasSizeGreaterThanOrEqualTo(ConsoleUsers.MIN_PASSWORD_LENGTH);

            // the token is an admin token of the API, the password the console user's
            ApiClient api = new ApiClient(hub.httpPort());
            HttpResponse<String> tokens = api.send("GET", "/api/v1/tokens", token, null);
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            assertThat(tokens.body()).contains("\"admin\"");
            DataSource ds = hub.bean("hubDataSource", DataSource.class);
            ConsoleUsers users = new ConsoleUsers(ds, new Pbkdf2PasswordHasher());
            assertThat(users.authenticate("admin", password.toCharArray())).hasValueSatisfying(a -> assertThat(a.roles()).contains("admin"));
            // stored hashed
            assertThat(column(ds, "SELECT token_hash FROM api_token")).noneMatch(h -> h.contains(token));
            assertThat(column(ds, "SELECT password_hash FROM console_user")).allMatch(h -> h.startsWith("pbkdf2-sha256$"))
                    .noneMatch(h -> h.contains(password));

            assertThat(logs.text()).contains(file.toAbsolutePath().toString());
            logLines.addAll(logs.lines());
        }

        try (LogCapture logs = LogCapture.attach(); HubRuntime hub = HubRuntime.start(data, Map.of("hub.console.enabled", "false"))) {
            assertThat(Files.readAllBytes(file)).isEqualTo(written);
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(writtenAt);
            ApiClient api = new ApiClient(hub.httpPort());
            HttpResponse<String> tokens = api.send("GET", "/api/v1/tokens", secrets.getProperty("api.token"), null);
            assertThat(tokens.statusCode()).isEqualTo(200);
            // still the one token: nothing was made again
            assertThat(tokens.body().split("\"name\"", -1)).hasSize(2);
            assertThat(logs.text()).doesNotContain("First start");
            logLines.addAll(logs.lines());
        }

        assertThat(logLines).isNotEmpty();
        for (String secret : new String[] {secrets.getProperty("api.token"), secrets.getProperty("console.password")}) {
            assertThat(logLines).noneSatisfy(line -> assertThat(line).contains(secret));
        }
    }

    private static List<String> column(DataSource ds, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
