package io.github.relayllm.kernels.cpu;

import java.lang.management.ManagementFactory;
import java.util.stream.LongStream;

/**
 * Heap bytes allocated by the calling thread and the CPU backend's pool threads, from the allocation
 * counters of {@link com.sun.management.ThreadMXBean}: how the allocation tests see a plan's steady
 * state. Make one after the backend has started its pool.
 */
final class PoolAllocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long[] threads;

    private PoolAllocations(long[] threads) {
        this.threads = threads;
    }

    /** The calling thread and the live {@code relay-cpu-} pool threads. */
    static PoolAllocations ofCallerAndPool() {
        LongStream helpers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("relay-cpu-"))
                .mapToLong(Thread::threadId);
        return new PoolAllocations(
                LongStream.concat(LongStream.of(Thread.currentThread().threadId()), helpers)
                        .toArray());
    }

    /** How many threads are counted. */
    int threadCount() {
        return threads.length;
    }

    /**
     * Runs {@code window} until a run of it allocates nothing, at most {@code 60} times, pausing longer
     * before each (C1 code boxes vectors until C2 has compiled every loop, in the background, slowly
     * on a busy machine); returns the bytes the last run allocated.
     */
    long onceWarm(Runnable window) throws InterruptedException {
        long bytes = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 60 && bytes != 0; attempt++) {
            Thread.sleep(attempt * 10L);
            long before = allocated();
            window.run();
            bytes = allocated() - before;
        }
        return bytes;
    }

    private long allocated() {
        long sum = 0;
        for (long id : threads) {
            sum += THREADS.getThreadAllocatedBytes(id);
        }
        return sum;
    }
}
