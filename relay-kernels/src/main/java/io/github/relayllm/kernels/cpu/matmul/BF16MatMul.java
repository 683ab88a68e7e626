package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.INTS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.SHORTS;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link DType#BF16} weights: a bfloat16 is the upper half of a float, so widening is a shift. A
 * single row widens four rows in registers as it reads them in place.
 *
 * <p>The widening is written out where it is used rather than in a helper returning the vector: in a
 * JVM that runs several dtypes, C2 may compile this code inlined into the shared row loop with another
 * dtype's profile, refuse a helper as rarely called, and box every vector it returns (kernels.md, the
 * rule against vector-passing helpers; {@code Q8_0MatMul.dot} allocated 6.8 MB a decode step that way).
 */
final class BF16MatMul extends HalfFloatMatMul {
    private static final ByteOrder LITTLE_ENDIAN = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort BFLOAT16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);

    BF16MatMul() {
        super(DType.BF16);
    }

    @Override
    void decode(MemorySegment matrix, long offset, int count, int k, float[] dst, int dstStart, byte[] staging) {
        // Rows are contiguous, so all count * k weights are one run.
        int weights = count * k;
        int vectorEnd = weights - weights % LANES;
        for (int i = 0; i < vectorEnd; i += LANES) {
            ((IntVector) ShortVector.fromMemorySegment(SHORTS, matrix, offset + (long) i * Short.BYTES, LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, INTS, 0))
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .intoArray(dst, dstStart + i);
        }
        for (int i = vectorEnd; i < weights; i++) {
            dst[dstStart + i] = Float.intBitsToFloat(matrix.get(BFLOAT16, offset + (long) i * Short.BYTES) << 16);
        }
    }

    @Override
    void dot(
            MemorySegment weights,
            long[] offsets,
            int rowBytes,
            float[] x,
            int xStart,
            int k,
            float[] sums,
            MatMulScratch scratch) {
        long w0 = offsets[0];
        long w1 = offsets[1];
        long w2 = offsets[2];
        long w3 = offsets[3];
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < k; i += LANES) {
            FloatVector xv = FloatVector.fromArray(FLOATS, x, xStart + i);
            long at = (long) i * Short.BYTES;
            a0 = ((IntVector) ShortVector.fromMemorySegment(SHORTS, weights, w0 + at, LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, INTS, 0))
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .fma(xv, a0);
            a1 = ((IntVector) ShortVector.fromMemorySegment(SHORTS, weights, w1 + at, LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, INTS, 0))
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .fma(xv, a1);
            a2 = ((IntVector) ShortVector.fromMemorySegment(SHORTS, weights, w2 + at, LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, INTS, 0))
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .fma(xv, a2);
            a3 = ((IntVector) ShortVector.fromMemorySegment(SHORTS, weights, w3 + at, LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, INTS, 0))
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .fma(xv, a3);
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, LANES);
        a2.intoArray(sums, 2 * LANES);
        a3.intoArray(sums, 3 * LANES);
    }
}
