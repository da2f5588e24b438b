package io.odoohub.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.odoohub.testsupport.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * image_url cannot lead the hub into its own network: loopback, private, link-local, unique-local and metadata
 * addresses are refused, on the first hop and after every redirect, unless the host is allowed by name; refusals say
 * a status or a short reason, not what the server answered. Served on 127.0.0.1, the one address tests may use.
 */
class ImageFetcherTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    private HttpServer server;
    private String base;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            if (path.equals("/to")) {
                exchange.getResponseHeaders().add("Location", URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(302, -1);
            } else if (path.startsWith("/loop/")) {
                int n = Integer.parseInt(path.substring(6));
                exchange.getResponseHeaders().add("Location", "/loop/" + (n + 1));
                exchange.sendResponseHeaders(301, -1);
            } else if (path.equals("/secret")) {
                byte[] body = "internal-admin-page SECRET-1234".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(500, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, PNG.length);
                exchange.getResponseBody().write(PNG);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aLoopbackHostIsRefusedWithoutARequest() {
        ImageFetcher fetcher = new ImageFetcher(1000, Set.of());

        assertThatThrownBy(() -> fetcher.fetchBase64(base + "/a.png")).hasMessageContaining("loopback, private, link-local or metadata");
        assertThatThrownBy(() -> fetcher.fetchBase64("http://localhost:" + server.getAddress().getPort() + "/a.png"))
                .hasMessageContaining("loopback, private, link-local or metadata");
        assertThat(requests).isEmpty();
    }

    @Test
    void aHostNamedInTheAllowlistIsFetched() {
        ImageFetcher fetcher = new ImageFetcher(1000, Set.of(" 127.0.0.1 ", ""));

        assertThat(Base64.getDecoder().decode(fetcher.fetchBase64(base + "/a.png"))).isEqualTo(PNG);
    }

    @Test
    void everyRedirectIsCheckedAgain() {
        ImageFetcher fetcher = new ImageFetcher(1000, Set.of("127.0.0.1"));
        int port = server.getAddress().getPort();

        // allowed host -> a loopback name that is not allowed; -> the cloud metadata address; -> a file
        assertThatThrownBy(() -> fetcher.fetchBase64(redirect("http://localhost:" + port + "/a.png")))
                .hasMessageStartingWith("image_url redirects to host 'localhost'");
        assertThatThrownBy(() -> fetcher.fetchBase64(redirect("http://169.254.169.254/latest/meta-data/")))
                .hasMessageStartingWith("image_url redirects to host '169.254.169.254'");
        assertThatThrownBy(() -> fetcher.fetchBase64(redirect("file:///etc/passwd"))).hasMessageContaining("not http(s)");
        // only the three redirects were asked for: nothing at their targets
        assertThat(requests).containsExactly("/to", "/to", "/to");
    }

    @Test
    void redirectsAreFollowedAFewTimesAtMost() {
        ImageFetcher fetcher = new ImageFetcher(1000, Set.of("127.0.0.1"));

        assertThat(Base64.getDecoder().decode(fetcher.fetchBase64(redirect(base + "/a.png")))).isEqualTo(PNG);
        assertThatThrownBy(() -> fetcher.fetchBase64(base + "/loop/0")).hasMessage("image_url redirects more than 3 times");
        assertThat(requests).filteredOn(p -> p.startsWith("/loop/")).hasSize(ImageFetcher.MAX_REDIRECTS + 1);
    }

    @Test
    void refusalsSayAStatusOrAShortReasonOnly() {
        ImageFetcher fetcher = new ImageFetcher(1000, Set.of("127.0.0.1"));

        assertThatThrownBy(() -> fetcher.fetchBase64(base + "/secret")).hasMessage("image_url answered HTTP 500");
        assertThatThrownBy(() -> fetcher.fetchBase64("http://127.0.0.1:" + Ports.free() + "/a.png"))
                .hasMessage("image_url could not be fetched (connection refused)");
        assertThatThrownBy(() -> new ImageFetcher(3, Set.of("127.0.0.1")).fetchBase64(base + "/big.png"))
                .hasMessage("image larger than 3 bytes");
    }

    private String redirect(String to) {
        return base + "/to?" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
        "169.254.169.254", "100.100.100.200", "100.64.0.1", "192.0.0.192", "198.18.0.1", "224.0.0.1", "255.255.255.255",
        "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe",
        "2002:a9fe:a9fe::1", "::10.0.0.1", "ff02::1"})
    void internalAddressesAreInternal(String literal) throws IOException {
        assertThat(ImageFetcher.isInternal(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.0.2.1", "2606:4700::1111",
        "2a00:1450:4001:80b::200e", "64:ff9b::808:808"})
    void publicAddressesAreNot(String literal) throws IOException {
        assertThat(ImageFetcher.isInternal(InetAddress.getByName(literal))).isFalse();
    }
}
