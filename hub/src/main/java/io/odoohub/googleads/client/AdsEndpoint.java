package io.odoohub.googleads.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where the connector's gRPC calls go ({@code hub.google-ads.endpoint}): {@code host:port} over TLS, or
 * {@code plaintext://host:port} for a test server on this machine. Plaintext is refused for any host but loopback,
 * and no credential is sent over it: it exists so that the connector can be driven out of process by a fake.
 *
 * @param hostPort  host:port as gRPC takes it ({@code [::1]:port} for IPv6)
 * @param plaintext true for an unencrypted loopback channel
 */
public record AdsEndpoint(String hostPort, boolean plaintext) {

    public static final String SETTING = "hub.google-ads.endpoint";
    static final String PLAINTEXT = "plaintext://";

    public static AdsEndpoint parse(String raw) {
        String value = raw.trim();
        boolean plaintext = value.toLowerCase(Locale.ROOT).startsWith(PLAINTEXT);
        String hostPort = plaintext ? value.substring(PLAINTEXT.length()) : value;
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || !hostPort.substring(colon + 1).matches("\\d{1,5}")) {
            throw new IllegalArgumentException("setting " + SETTING + " must be host:port (TLS) or plaintext://127.0.0.1:port"
                    + " (a test server on loopback), was '" + raw + "'");
        }
        if (plaintext && !isLoopback(hostPort.substring(0, colon))) {
            throw new IllegalArgumentException("setting " + SETTING + " names a plaintext endpoint on '" + hostPort.substring(0, colon)
                    + "': plaintext is only for a test server on loopback (127.0.0.1, [::1] or localhost); use host:port for TLS");
        }
        return new AdsEndpoint(hostPort, plaintext);
    }

    /** A loopback address literal, or {@code localhost} when all its addresses are loopback; other names are refused unresolved. */
    static boolean isLoopback(String host) {
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        String h = bracketed ? host.substring(1, host.length() - 1) : host;
        try {
            if (h.equalsIgnoreCase("localhost")) {
                for (InetAddress a : InetAddress.getAllByName(h)) {
                    if (!a.isLoopbackAddress()) {
                        return false;
                    }
                }
                return true;
            }
            boolean literal = bracketed ? h.contains(":") : h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            return literal && InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return plaintext ? PLAINTEXT + hostPort : hostPort;
    }
}
