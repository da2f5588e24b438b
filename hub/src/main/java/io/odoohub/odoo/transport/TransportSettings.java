package io.odoohub.odoo.transport;

import io.odoohub.xmlrpc.XmlRpcLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one Odoo transport.
 *
 * @param connectTimeout   the longest wait for the TCP (and TLS) connection
 * @param readTimeout      the longest silence while waiting for bytes of the answer
 * @param callDeadline     the whole call, connect + send + the complete answer read: a server that trickles
 *                         bytes never outlives it
 * @param maxResponseBytes the most bytes of one answer that are read; a larger answer is refused
 * @param maxDepth         the deepest nesting of arrays and structs accepted in an answer
 */
public record TransportSettings(Duration connectTimeout, Duration readTimeout, Duration callDeadline,
                                long maxResponseBytes, int maxDepth) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Odoo's own worker limit is 120 s of wall time by default (limit_time_real). */
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(120);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 64;

    public TransportSettings {
        requireTimeout("connectTimeout", connectTimeout);
        requireTimeout("readTimeout", readTimeout);
        requireTimeout("callDeadline", callDeadline);
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
        }
        if (maxDepth <= 0) {
            throw new IllegalArgumentException("maxDepth must be positive, was " + maxDepth);
        }
    }

    public static TransportSettings defaults() {
        return new TransportSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_CALL_DEADLINE,
                DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_DEPTH);
    }

    public TransportSettings withConnectTimeout(Duration value) {
        return new TransportSettings(value, readTimeout, callDeadline, maxResponseBytes, maxDepth);
    }

    public TransportSettings withReadTimeout(Duration value) {
        return new TransportSettings(connectTimeout, value, callDeadline, maxResponseBytes, maxDepth);
    }

    public TransportSettings withCallDeadline(Duration value) {
        return new TransportSettings(connectTimeout, readTimeout, value, maxResponseBytes, maxDepth);
    }

    public TransportSettings withMaxResponseBytes(long value) {
        return new TransportSettings(connectTimeout, readTimeout, callDeadline, value, maxDepth);
    }

    public TransportSettings withMaxDepth(int value) {
        return new TransportSettings(connectTimeout, readTimeout, callDeadline, maxResponseBytes, value);
    }

    /** The parser limits these settings imply. */
    public XmlRpcLimits limits() {
        return new XmlRpcLimits(maxResponseBytes, maxDepth);
    }

    private static void requireTimeout(String name, Duration value) {
        Objects.requireNonNull(value, () -> name + " must be set");
        // HttpURLConnection takes int milliseconds; below 1 ms is zero, which it reads as "no timeout"
        if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, was " + value);
        }
    }
}
