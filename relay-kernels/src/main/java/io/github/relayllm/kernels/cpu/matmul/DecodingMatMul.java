package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.BlockDecoder;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The portable kernel for any weight dtype: decodes each weight row with the reference decoder into
 * a float array, then accumulates the dot product with each input row in order of {@code k}. Correct
 * for every dtype, and the fallback for dtypes without a vectorized kernel; slow.
 */
final class DecodingMatMul implements MatMulKernel {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final DType dtype;
    private final BlockDecoder decoder;

    DecodingMatMul(DType dtype) {
        this.dtype = dtype;
        this.decoder = BlockCodecs.decoder(dtype);
    }

    @Override
    public void multiply(
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
        long rowBytes = dtype.byteSize(k);
        float[] weightRow = scratch.floats(k);
        for (int j = firstColumn; j < endColumn; j++) {
            decoder.decode(weights, j * rowBytes, weightRow, 0, k);
            for (int r = 0; r < rows; r++) {
                long inRow = (long) r * k * Float.BYTES;
                float sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += weightRow[i] * in.get(FLOAT, inRow + (long) i * Float.BYTES);
                }
                out.set(FLOAT, ((long) r * n + j) * Float.BYTES, sum);
            }
        }
    }
}
