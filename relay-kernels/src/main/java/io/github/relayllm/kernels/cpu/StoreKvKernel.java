package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.StepInputException;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.HalfFloats;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link Op.StoreKv}: each token's k and v rows copied into their cache slot, or rounded to binary16
 * (nearest, ties to even, as {@link HalfFloats#floatToHalf}) for F16 caches; batches of rows in
 * parallel. Slots are checked before anything of their row is written.
 */
final class StoreKvKernel extends RowwiseKernel {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment k;
    private final MemorySegment v;
    private final MemorySegment kCache;
    private final MemorySegment vCache;
    private final boolean kHalf;
    private final boolean vHalf;
    private final MemorySegment slots;
    private final long cacheRows;
    private final int width;

    StoreKvKernel(Op.StoreKv op, CpuResources resources) {
        super(op, 2 * op.k().width(), resources.pool());
        this.k = resources.segment(op.k());
        this.v = resources.segment(op.v());
        this.kCache = resources.segment(op.kCache());
        this.vCache = resources.segment(op.vCache());
        this.kHalf = op.kCache().dtype() == DType.F16;
        this.vHalf = op.vCache().dtype() == DType.F16;
        this.slots = resources.segment(op.slots());
        this.cacheRows = Math.min(op.kCache().rows(), op.vCache().rows());
        this.width = op.k().width();
    }

    @Override
    void runRow(int r, int worker) {
        int slot = StepInputException.requireIndex("StoreKv", "slot", r, slots.getAtIndex(INT, r), cacheRows);
        long from = (long) r * width * Float.BYTES;
        store(k, from, kCache, kHalf, slot);
        store(v, from, vCache, vHalf, slot);
    }

    private void store(MemorySegment row, long from, MemorySegment cache, boolean half, int slot) {
        if (!half) {
            MemorySegment.copy(row, from, cache, (long) slot * width * Float.BYTES, (long) width * Float.BYTES);
            return;
        }
        long to = (long) slot * width * Short.BYTES;
        for (int i = 0; i < width; i++) {
            float value = row.get(FLOAT, from + (long) i * Float.BYTES);
            cache.set(HALF, to + (long) i * Short.BYTES, HalfFloats.floatToHalf(value));
        }
    }
}
