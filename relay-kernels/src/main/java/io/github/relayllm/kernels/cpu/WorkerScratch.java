package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.cpu.matmul.MatMulScratch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread working memory shared by every kernel of a backend: one native segment (for vector code,
 * which loads from segments), one float array (for the reference decoders and attention, which work
 * in arrays) and one {@link MatMulScratch} (which grows to the largest matmul on its first step) per
 * worker of the pool, and one array all workers share (attention's per-chunk results). Kernels
 * reserve what they need when a plan is compiled and look their worker's scratch up on each run, so
 * that running allocates nothing. Ops run one after another, so one set serves them all.
 */
final class WorkerScratch implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment[] segments;
    private final float[][] arrays;
    private final MemorySegment[] arrayViews;
    private final MatMulScratch[] matMuls;
    private float[] shared = new float[0];

    WorkerScratch(int workers) {
        segments = new MemorySegment[workers];
        arrays = new float[workers][0];
        arrayViews = new MemorySegment[workers];
        matMuls = new MatMulScratch[workers];
        for (int i = 0; i < workers; i++) {
            segments[i] = MemorySegment.NULL;
            arrayViews[i] = MemorySegment.ofArray(arrays[i]);
            matMuls[i] = new MatMulScratch();
        }
    }

    /** Makes every worker's segment hold at least {@code floats} floats (zeroed when it grows). */
    void reserveSegment(long floats) {
        long bytes = floats * Float.BYTES;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].byteSize() < bytes) {
                segments[i] = arena.allocate(bytes, 64);
            }
        }
    }

    /** Makes every worker's array hold at least {@code length} floats. */
    void reserveArray(int length) {
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i].length < length) {
                arrays[i] = new float[length];
                arrayViews[i] = MemorySegment.ofArray(arrays[i]);
            }
        }
    }

    MemorySegment segment(int worker) {
        return segments[worker];
    }

    float[] array(int worker) {
        return arrays[worker];
    }

    /**
     * The worker's array seen as a heap segment, for code that reads the same floats both ways: plain
     * array indexing in hot loops and the segment routines of {@link LaneMath}.
     */
    MemorySegment arrayView(int worker) {
        return arrayViews[worker];
    }

    /** Makes the shared array hold at least {@code length} floats. */
    void reserveShared(int length) {
        if (shared.length < length) {
            shared = new float[length];
        }
    }

    /**
     * One array for all workers, which write disjoint parts of it during one op and read them in a
     * later loop of the same op: ops run one after another, so one serves every kernel.
     */
    float[] shared() {
        return shared;
    }

    MatMulScratch matMul(int worker) {
        return matMuls[worker];
    }

    /** Frees the scratch. Idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
