package io.odoohub.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for an {@link OdooSandbox}: slow answers, HTTP errors from a proxy in front, serialization failures
 * from PostgreSQL, dropped connections and a server that is down. Counted faults apply to the next N requests.
 */
public final class SandboxFaults {

    private final OdooSandbox sandbox;
    private volatile Duration latency = Duration.ZERO;
    private volatile int httpStatus;
    private final AtomicInteger httpStatusTimes = new AtomicInteger();
    private final AtomicInteger serializationFailures = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();

    SandboxFaults(OdooSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Waits this long before answering each request. */
    public void latency(Duration perRequest) {
        this.latency = perRequest == null || perRequest.isNegative() ? Duration.ZERO : perRequest;
    }

    /** The next {@code times} requests are answered with this HTTP status and an nginx-like HTML page. */
    public void httpStatus(int status, int times) {
        this.httpStatus = status;
        this.httpStatusTimes.set(Math.max(0, times));
    }

    /**
     * The next {@code times} execute_kw calls answer fault 1 with a psycopg2 SerializationFailure traceback; nothing
     * is changed by them.
     */
    public void serializationFailure(int times) {
        serializationFailures.set(Math.max(0, times));
    }

    /** The next {@code times} requests have their connection closed without any response. */
    public void dropConnections(int times) {
        drops.set(Math.max(0, times));
    }

    /** true: stop listening (connections are refused); false: listen again on the same port, data kept. */
    public void refuseConnections(boolean refuse) {
        sandbox.listening(!refuse);
    }

    /** Removes every injected fault and listens again if stopped. */
    public void clear() {
        latency = Duration.ZERO;
        httpStatusTimes.set(0);
        serializationFailures.set(0);
        drops.set(0);
        sandbox.listening(true);
    }

    Duration latency() {
        return latency;
    }

    /** The status to answer with, or 0 when none is due. */
    int takeHttpStatus() {
        return take(httpStatusTimes) ? httpStatus : 0;
    }

    boolean takeSerializationFailure() {
        return take(serializationFailures);
    }

    boolean takeDrop() {
        return take(drops);
    }

    private static boolean take(AtomicInteger counter) {
        while (true) {
            int n = counter.get();
            if (n <= 0) {
                return false;
            }
            if (counter.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }
}
