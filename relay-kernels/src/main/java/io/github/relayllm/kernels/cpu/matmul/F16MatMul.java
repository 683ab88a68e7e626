package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link DType#F16} weights. The Vector API has no binary16 lanes, but C2 compiles this plain loop
 * over {@link Float#float16ToFloat} to the CPU's packed conversion ({@code vcvtph2ps}, 16 values an
 * instruction with AVX-512): faster than any bit manipulation in vector lanes, and exact, infinities
 * and NaNs included.
 */
final class F16MatMul extends VectorMatMul {
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    F16MatMul() {
        super(DType.F16);
    }

    @Override
    void decodeRows(MemorySegment matrix, long[] offsets, int k, float[] dst, byte[] staging) {
        long rowBytes = (long) k * Short.BYTES;
        int run = 1; // rows that follow each other in memory decode as one run
        for (int c = 0; c < offsets.length; c += run) {
            run = 1;
            while (c + run < offsets.length && offsets[c + run] == offsets[c] + run * rowBytes) {
                run++;
            }
            decodeRun(matrix, offsets[c], run * k, dst, c * k);
        }
    }

    /**
     * {@code count} values from {@code offset} into {@code dst} from {@code at}. One run per loop: C2
     * vectorizes this shape, and leaves scalar a loop that interleaves four rows.
     */
    private static void decodeRun(MemorySegment matrix, long offset, int count, float[] dst, int at) {
        for (int i = 0; i < count; i++) {
            dst[at + i] = Float.float16ToFloat(matrix.get(HALF, offset + (long) i * Short.BYTES));
        }
    }
}
