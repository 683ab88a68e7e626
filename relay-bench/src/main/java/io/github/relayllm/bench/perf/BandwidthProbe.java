package io.github.relayllm.bench.perf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures how fast this machine streams memory into the CPU: threads sum disjoint slices of a native
 * buffer far larger than any cache, with the Vector API, as the matmul kernels read weights. Decode
 * reads every weight once per token, so {@code bandwidth / bytes of weights} bounds tokens per second;
 * {@code relay bench} reports decode speed as a fraction of that bound.
 *
 * <p>The buffer is allocated and written once (so its pages are real memory, not the shared zero
 * page) and freed by {@link #close()}. A probe is not thread-safe; each measurement starts its own
 * threads.
 *
 * <pre>{@code
 * try (BandwidthProbe probe = new BandwidthProbe(BandwidthProbe.DEFAULT_BYTES)) {
 *     double gbPerSecond = probe.readGigabytesPerSecond(2, 5);
 * }
 * }</pre>
 */
public final class BandwidthProbe implements AutoCloseable {
    /** 1 GiB: far past the last-level cache of any machine Relay runs on. */
    public static final long DEFAULT_BYTES = 1L << 30;

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** Bytes one step of the read loop takes: four vectors, one per accumulator. */
    private static final int STEP = 4 * FLOATS.vectorByteSize();

    private final Arena arena;
    private final MemorySegment buffer;

    /**
     * Allocates and fills a buffer of about {@code bytes} bytes (rounded down to whole steps of the
     * read loop).
     *
     * @throws IllegalArgumentException if {@code bytes} is below 1 MiB
     */
    public BandwidthProbe(long bytes) {
        if (bytes < (1 << 20)) {
            throw new IllegalArgumentException("a probe of " + bytes + " bytes measures the cache: use 1 MiB or more");
        }
        arena = Arena.ofShared();
        buffer = arena.allocate(bytes - bytes % STEP, 4096);
        buffer.fill((byte) 0x3f); // every float 0.747: finite and normal
    }

    /** Bytes each measurement reads. */
    public long bytes() {
        return buffer.byteSize();
    }

    /**
     * The best read bandwidth of {@code passes} passes over the buffer, each split across {@code
     * threads} threads, in GB/s (10⁹ bytes per second). One pass before them warms up the code.
     *
     * @throws IllegalArgumentException if {@code threads} or {@code passes} is below 1
     * @throws IllegalStateException if the probe is closed
     */
    public double readGigabytesPerSecond(int threads, int passes) throws InterruptedException {
        if (threads < 1 || passes < 1) {
            throw new IllegalArgumentException(
                    "threads=%d, passes=%d: both must be at least 1".formatted(threads, passes));
        }
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("the probe is closed");
        }
        timePass(threads);
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < passes; pass++) {
            best = Math.min(best, timePass(threads));
        }
        return (double) buffer.byteSize() / best;
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Nanoseconds for {@code threads} threads to read the buffer once. */
    private long timePass(int threads) throws InterruptedException {
        long steps = buffer.byteSize() / STEP;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>(threads);
        float[] sums = new float[threads];
        for (int t = 0; t < threads; t++) {
            int reader = t;
            long from = steps * t / threads * STEP;
            long to = steps * (t + 1) / threads * STEP;
            readers.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                sums[reader] = sum(buffer, from, to);
            }));
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread reader : readers) {
            reader.join();
        }
        long elapsed = System.nanoTime() - begin;
        if (Float.isNaN(sums[0])) {
            throw new AssertionError("unreachable: keeps the sums alive");
        }
        return elapsed;
    }

    private static void awaitQuietly(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The floats of {@code [from, to)} summed with four accumulators, so loads are not serialized. */
    private static float sum(MemorySegment segment, long from, long to) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        long vector = FLOATS.vectorByteSize();
        for (long offset = from; offset < to; offset += STEP) {
            a0 = a0.add(FloatVector.fromMemorySegment(FLOATS, segment, offset, ByteOrder.LITTLE_ENDIAN));
            a1 = a1.add(FloatVector.fromMemorySegment(FLOATS, segment, offset + vector, ByteOrder.LITTLE_ENDIAN));
            a2 = a2.add(FloatVector.fromMemorySegment(FLOATS, segment, offset + 2 * vector, ByteOrder.LITTLE_ENDIAN));
            a3 = a3.add(FloatVector.fromMemorySegment(FLOATS, segment, offset + 3 * vector, ByteOrder.LITTLE_ENDIAN));
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /**
     * Prints the read bandwidth with 1 to {@code availableProcessors()} threads. Arguments: buffer size
     * in MiB (default 1024), passes (default 5).
     */
    public static void main(String[] args) throws InterruptedException {
        long bytes = args.length > 0 ? Long.parseLong(args[0]) << 20 : DEFAULT_BYTES;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (BandwidthProbe probe = new BandwidthProbe(bytes)) {
            for (int threads = 1; threads <= Runtime.getRuntime().availableProcessors(); threads++) {
                System.out.printf(
                        "%d thread%s: %.1f GB/s read (%d MiB, best of %d)%n",
                        threads,
                        threads == 1 ? "" : "s",
                        probe.readGigabytesPerSecond(threads, passes),
                        probe.bytes() >> 20,
                        passes);
            }
        }
    }
}
