package io.odoohub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Benchmark helpers: peak heap across the heap pools, and one log line per figure ("FIGURE name: value"). */
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

    static void report(String name, Object value) {
        LOG.info("FIGURE {}: {}", name, value);
    }
}
