package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOAT_VECTORS_PER_BYTES;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A kernel for a block-quantized dtype. The panel path copies weight rows into a byte array before
 * decoding them: vector loads from an array compile to less code than loads from a segment (C2 drops
 * their bounds checks and keeps a whole decoder inlined). Single rows stream through {@link #dot}
 * when a quant load widens to one float vector; with 128-bit vectors it feeds two, and single rows
 * take the panel path too.
 */
abstract sealed class BlockQuantMatMul extends RowStreamingMatMul permits Q8_0MatMul, StagedBlockQuantMatMul {
    private static final MethodType DECODE_ROW =
            MethodType.methodType(void.class, byte[].class, int.class, int.class, float[].class, int.class);

    /** This dtype's {@link #decodeRow}, called by the shared {@link #decode} through a barrier. */
    private final DTypeEntry decodeRowEntry;

    BlockQuantMatMul(DType dtype) {
        super(dtype);
        decodeRowEntry = DTypeEntry.of(MethodHandles.lookup(), "decodeRow", DECODE_ROW, this);
    }

    @Override
    final void decode(MemorySegment matrix, long offset, int count, int k, float[] dst, int dstStart, byte[] staging) {
        int rowBytes = Math.toIntExact(dtype().byteSize(k));
        MemorySegment.copy(matrix, ValueLayout.JAVA_BYTE, offset, staging, 0, count * rowBytes);
        for (int c = 0; c < count; c++) {
            try {
                decodeRowEntry.handle().invokeExact(staging, c * rowBytes, k, dst, dstStart + c * k);
            } catch (Throwable thrown) {
                throw DTypeEntry.rethrow(thrown);
            }
        }
    }

    @Override
    final boolean streamsSingleRows(int k) {
        return FLOAT_VECTORS_PER_BYTES == 1;
    }

    /** Two passes make twice as many memory streams (eight for Q8_0): measured 14% faster than one. */
    @Override
    final int passes() {
        return 2;
    }

    /**
     * Decodes the row of {@code k} weights stored in {@code rows} from index {@code start} into {@code
     * dst[offset, offset + k)}, bit for bit as the reference decoder does.
     */
    abstract void decodeRow(byte[] rows, int start, int k, float[] dst, int offset);
}
