package io.odoohub.catalog.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fetches a product image from its {@code image_url} for Odoo's {@code image_1920} (base64). The URL comes from
 * files, the signed webhook and the API, so the hub must not become a way into its own network: every hop (redirects
 * are followed here, {@value #MAX_REDIRECTS} at most) must be http(s) to a host whose addresses are all public, unless
 * the host is named in {@code hub.catalog.image.allowed-hosts}. A size cap protects the hub's memory and Odoo. A refusal
 * says the status or a short reason, never what the server answered or the network layer's own text.
 *
 * <p>The addresses checked are the ones the connection then uses: the JVM keeps a name's addresses for 30 seconds
 * (networkaddress.cache.ttl), and both the check and the HTTP client resolve through that cache.
 */
public final class ImageFetcher {

    static final int MAX_REDIRECTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final long maxBytes;
    private final Set<String> allowedHosts;

    /** @param allowedHosts host names (or address literals) that may be internal, e.g. an intranet image server */
    public ImageFetcher(long maxBytes, Set<String> allowedHosts) {
        this.maxBytes = maxBytes;
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public String fetchBase64(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image_url is not a URL");
        }
        for (int hop = 0; ; hop++) {
            checkDestination(uri, hop > 0);
            HttpResponse<InputStream> r = send(uri);
            try (InputStream in = r.body()) {
                int status = r.statusCode();
                if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                    if (hop == MAX_REDIRECTS) {
                        throw new IllegalArgumentException("image_url redirects more than " + MAX_REDIRECTS + " times");
                    }
                    uri = redirectTarget(uri, r.headers().firstValue("Location").orElse(""));
                    continue;
                }
                if (status != 200) {
                    throw new IllegalArgumentException("image_url answered HTTP " + status);
                }
                if (!r.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith("image/")) {
                    throw new IllegalArgumentException("image_url did not answer an image");
                }
                long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new IllegalArgumentException("image larger than " + maxBytes + " bytes");
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new IllegalArgumentException("image larger than " + maxBytes + " bytes");
                }
                return Base64.getEncoder().encodeToString(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException("image_url could not be fetched (" + reason(e) + ")");
            }
        }
    }

    /** A hop's scheme and host, and (unless the host is allowed by name) every address the host resolves to. */
    private void checkDestination(URI uri, boolean redirected) {
        String where = redirected ? "image_url redirects to" : "image_url";
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(where + " a URL that is not http(s)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(where + " a URL without a host");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(name.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(where + " a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new IllegalArgumentException(where + " host '" + name + "', which is a loopback, private, link-local or"
                        + " metadata address; name it in hub.catalog.image.allowed-hosts to allow it");
            }
        }
    }

    private HttpResponse<InputStream> send(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalArgumentException("image_url could not be fetched (" + reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching an image");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image_url is not a URL the hub can fetch");
        }
    }

    private static URI redirectTarget(URI from, String location) {
        if (location.isBlank()) {
            throw new IllegalArgumentException("image_url answered a redirect without a Location");
        }
        try {
            return from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image_url answered a redirect to something that is not a URL");
        }
    }

    /** A short reason of our own: the exception's text can carry what the other side said. */
    private static String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return "connection failed";
    }

    /**
     * Loopback, unspecified, private (RFC 1918), shared (100.64/10: carrier NAT, Alibaba's metadata), IETF (192.0.0/24:
     * Oracle's metadata), benchmarking, reserved, link-local (169.254/16: the cloud metadata services), multicast,
     * unique-local (fc00::/7: AWS's fd00:ec2::254) and site-local; IPv4 inside NAT64, 6to4 and IPv4-compatible
     * addresses counts as that IPv4.
     */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0
                    || (first == 100 && (second & 0xc0) == 64)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return true;
        }
        byte[] embedded = null;
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            embedded = new byte[] {b[12], b[13], b[14], b[15]}; // NAT64 64:ff9b::/96
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            embedded = new byte[] {b[2], b[3], b[4], b[5]}; // 6to4 2002::/16
        } else if (allZero(b, 0, 12)) {
            embedded = new byte[] {b[12], b[13], b[14], b[15]}; // IPv4-compatible ::a.b.c.d
        }
        if (embedded != null) {
            try {
                return isInternal(InetAddress.getByAddress(embedded));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
