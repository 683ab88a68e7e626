package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A Vector API kernel for one weight dtype. For each group of four output columns it decodes the
 * four weight rows in registers to floats, exactly the values of the reference decoder, into a
 * {@link ColumnPanel}, then multiplies the panel with every input row. Decoding once per column
 * group is what lets prefill reuse each weight across rows; the panel's tiles fix the order of every
 * floating-point operation per output element, which makes the result batch invariant.
 *
 * <p>Subclasses only decode. Stateless and thread-safe: the panel lives in the caller's {@link
 * MatMulScratch}.
 */
abstract sealed class VectorMatMul implements MatMulKernel permits F32MatMul, RowStreamingMatMul {
    private static final MethodType DECODE = MethodType.methodType(
            void.class, MemorySegment.class, long.class, int.class, int.class, float[].class, int.class, byte[].class);

    private final DType dtype;
    /** This dtype's {@link #decode}, called by the shared panel code through a barrier. */
    private final DTypeEntry decodeEntry;

    VectorMatMul(DType dtype) {
        this.dtype = dtype;
        decodeEntry = DTypeEntry.of(MethodHandles.lookup(), "decode", DECODE, this);
    }

    /** The weight dtype this kernel reads. */
    final DType dtype() {
        return dtype;
    }

    @Override
    public final void multiply(
            MemorySegment weights,
            int n,
            int k,
            MemorySegment in,
            MemorySegment out,
            int rows,
            int firstColumn,
            int endColumn,
            MatMulScratch scratch) {
        MatMulArguments.check(dtype, weights, n, k, in, out, rows, firstColumn, endColumn);
        if (rows == 0 || firstColumn == endColumn) {
            return;
        }
        multiplyColumns(weights, dtype.byteSize(k), n, k, in, out, rows, firstColumn, endColumn, scratch);
    }

    /**
     * {@link #multiply} once the arguments are checked and the range is not empty: decodes each group
     * of four columns into a panel and multiplies it with every input row.
     */
    void multiplyColumns(
            MemorySegment weights,
            long rowBytes,
            int n,
            int k,
            MemorySegment in,
            MemorySegment out,
            int rows,
            int firstColumn,
            int endColumn,
            MatMulScratch scratch) {
        ColumnPanel panel = scratch.panel.prepare(k, rowBytes);
        // The tiles read inputs from an aligned array: about a fifth faster than from a segment.
        AlignedFloats inputs = scratch.inputs.align(rows * k);
        MemorySegment.copy(in, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, inputs.array(), inputs.start(), rows * k);
        for (int j = firstColumn; j < endColumn; j += ColumnPanel.COLUMNS) {
            panel.decode(this, weights, j, endColumn);
            panel.multiply(inputs.array(), inputs.start(), rows, out, n);
        }
    }

    /** {@link #decode} through {@link DTypeEntry}: what the shared panel code calls. */
    final void decodeRows(
            MemorySegment matrix, long offset, int count, int k, float[] dst, int dstStart, byte[] staging) {
        try {
            decodeEntry.handle().invokeExact(matrix, offset, count, k, dst, dstStart, staging);
        } catch (Throwable thrown) {
            throw DTypeEntry.rethrow(thrown);
        }
    }

    /**
     * Decodes the {@code count} weight rows of {@code k} weights each that {@code matrix} holds from
     * byte {@code offset}, one after the other, into {@code dst}: row {@code c} to {@code dst[dstStart +
     * c k, dstStart + (c + 1) k)}, bit for bit as the reference decoder does. {@code staging} is
     * scratch for the bytes of the rows, if the kernel wants them on the heap. The caller has checked
     * that {@code k} is a whole number of blocks.
     */
    abstract void decode(
            MemorySegment matrix, long offset, int count, int k, float[] dst, int dstStart, byte[] staging);
}
