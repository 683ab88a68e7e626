package io.github.relayllm.kernels.cpu.matmul;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Runs kernels into fresh arrays and compares the results. */
final class Products {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Products() {}

    /** {@code out = in · wᵀ} for all {@code n} columns, as a {@code rows * n} array. */
    static float[] multiply(MatMulKernel kernel, MemorySegment weights, int n, int k, MemorySegment in, int rows) {
        return multiply(kernel, weights, n, k, in, rows, 0, n);
    }

    /** Columns {@code [first, end)} of {@code out = in · wᵀ}; the other entries stay NaN. */
    static float[] multiply(
            MatMulKernel kernel, MemorySegment weights, int n, int k, MemorySegment in, int rows, int first, int end) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate((long) rows * n * Float.BYTES);
            out.fill((byte) 0xff); // NaN: an entry the kernel failed to write shows up
            kernel.multiply(weights, n, k, in, out, rows, first, end, new MatMulScratch());
            return out.toArray(FLOAT);
        }
    }

    /** Normalized mean squared error {@code Σ(a - b)² / Σb²} (0 when both are all zero). */
    static double nmse(float[] actual, float[] expected) {
        double error = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            double difference = (double) actual[i] - expected[i];
            error += difference * difference;
            norm += (double) expected[i] * expected[i];
        }
        return norm == 0 ? error : error / norm;
    }
}
