package io.odoohub.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark helpers: peak heap across the heap pools, this JVM's collections so far, and one log line per figure
 * ("FIGURE name: value").
 */
final class Figures {

    private static final Logger LOG = LoggerFactory.getLogger("benchmark");

    private Figures() {
    }

    static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset, in MiB (an upper bound of the real peak). */
    static long peakHeapMib() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }

    /** Collections of this JVM so far and their accumulated time, as its collector beans count them. */
    record Collections(long count, long millis) {

        static Collections now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new Collections(count, millis);
        }

        Collections since(Collections before) {
            return new Collections(count - before.count, millis - before.millis);
        }
    }

    static void report(String name, Object value) {
        LOG.info("FIGURE {}: {}", name, value);
    }
}
