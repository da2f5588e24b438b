package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.Webhooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an anonymous caller can make the public port (8080) do before any authentication: webhook bodies over their
 * cap are refused before they are buffered (declared or chunked), multipart uploads are never written to disk, and
 * health answers only the status without a token.
 */
class PublicPortIT {

    private static final String ADMIN = "public-port-it-admin-token-0123456789";
    private static final int WEBHOOK_CAP = 2_097_152;
    private static final int SHOPIFY_CAP = 1000;

    @TempDir
    static Path dir;

    private static HubRuntime hub;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        hub = HubRuntime.start(dir.resolve("data"), Map.of(
                "hub.admin-token", ADMIN,
                "hub.console.enabled", "false",
                "hub.catalog.webhook-secret", "public-port-it-secret",
                "hub.shopify.webhook.max-body-bytes", String.valueOf(SHOPIFY_CAP),
                // where uploads would go if they were on
                "camel.server.fileUploadDirectory", dir.resolve("uploads").toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aWebhookDeclaringMoreThanItsCapIsRefusedBeforeItsBodyIsSent() throws Exception {
        // 3 MiB: above the webhook cap, below the server's 16 MiB; no body follows the headers
        String answer = exchange("POST /webhooks/catalog/products HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (3 * 1024 * 1024) + "\r\n\r\n", 0);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("body larger than " + WEBHOOK_CAP + " bytes");
    }

    @Test
    void aChunkedWebhookIsRefusedAsSoonAsItPassesItsCap() throws Exception {
        String answer = exchange("POST /webhooks/catalog/products HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", 3 * 1024 * 1024);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("body larger than " + WEBHOOK_CAP + " bytes");
    }

    @Test
    void aWebhookWithACapOfItsOwnIsRefusedAboveIt() throws Exception {
        String answer = exchange("POST /webhooks/shopify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (SHOPIFY_CAP + 1) + "\r\n\r\n", 0);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("body larger than " + SHOPIFY_CAP + " bytes");
    }

    @Test
    void aWebhookUnderItsCapReachesItsRoute() throws Exception {
        Webhooks webhooks = new Webhooks(hub.httpPort(), "not-the-secret");
        HttpResponse<String> wrongSignature = webhooks.send("pp-1", Webhooks.product("PP-1", "Under the cap", "1.00", null));
        String chunked = exchange("POST /webhooks/catalog/products HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", 100_000);

        // the route answered: the signature is wrong
        assertThat(wrongSignature.statusCode()).as(wrongSignature.body()).isEqualTo(401);
        assertThat(chunked).startsWith("HTTP/1.1 401");
    }

    @Test
    void multipartUploadsAreNeverWrittenToDisk() throws Exception {
        String boundary = "pp-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(10_000) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/dead-letters/1/discard"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(hub.context().hasService(MainHttpServer.class).isFileUploadEnabled()).isFalse();
        // Vert.x creates the upload folder when it writes an upload there
        assertThat(dir.resolve("uploads")).doesNotExist();
    }

    @Test
    void healthAnswersOnlyTheStatusWithoutAToken() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get("/observe/health/ready", null).statusCode() == 200);

        for (String path : new String[] {"/observe/health?exposureLevel=full&data=true&stackTrace=true",
                "/observe/health/ready?exposureLevel=full&data=true", "/observe/health/live?exposureLevel=default", "/observe/health"}) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(200);
            assertThat(anonymous.body()).as(path).isEqualToIgnoringWhitespace("{\"status\":\"UP\"}");
        }
    }

    @Test
    void healthDetailsNeedAValidToken() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get("/observe/health/ready", null).statusCode() == 200);

        HttpResponse<String> withToken = get("/observe/health/ready?exposureLevel=full&data=true", ADMIN);
        HttpResponse<String> wrongToken = get("/observe/health/ready?exposureLevel=full&data=true", ADMIN + "x");

        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("flow:catalog-products").contains("inbox.depth");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.body()).doesNotContain("flow:");
        assertThat(wrongToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    /**
     * Sends {@code head} over a raw connection, then (when {@code chunkedBytes} > 0) that many body bytes in 64 KiB
     * chunks without the closing chunk, while reading the answer; returns what the server answered before it closed
     * or went quiet for 15 s. A server that waits for the rest of the body answers nothing.
     */
    private static String exchange(String head, int chunkedBytes) throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Socket socket = new Socket("127.0.0.1", hub.httpPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Future<?> sending = writer.submit(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                try {
                    for (int sent = 0; sent < chunkedBytes; sent += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    if (chunkedBytes > 0 && chunkedBytes <= 100_000) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException closedByServer) {
                    // the server answered and closed: what it said is read below
                }
                return null;
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.US_ASCII).contains("}")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // a reset after the answer, or silence: the answer so far is what counts
            }
            sending.cancel(true);
            return answer.toString(StandardCharsets.US_ASCII);
        } finally {
            writer.shutdownNow();
        }
    }
}
