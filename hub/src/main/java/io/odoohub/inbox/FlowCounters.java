package io.odoohub.inbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Per-flow counts since start (received, written, failed, dead, stale), for metrics and health. */
public final class FlowCounters {

    public enum Kind { RECEIVED, DUPLICATE, WRITTEN, FAILED, DEAD, STALE }

    private final Map<String, Map<Kind, AtomicLong>> counts = new ConcurrentHashMap<>();

    public void add(String flow, Kind kind, long n) {
        if (n != 0) {
            counter(flow, kind).addAndGet(n);
        }
    }

    public long get(String flow, Kind kind) {
        return counter(flow, kind).get();
    }

    private AtomicLong counter(String flow, Kind kind) {
        return counts.computeIfAbsent(flow, f -> {
            Map<Kind, AtomicLong> m = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                m.put(k, new AtomicLong());
            }
            return m;
        }).get(kind);
    }
}
