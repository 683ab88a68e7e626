package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.INTS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.SHORTS;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** {@link DType#BF16} weights: a bfloat16 is the upper half of a float, so widening is a shift. */
final class BF16MatMul extends VectorMatMul {
    private static final ByteOrder LITTLE_ENDIAN = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort BFLOAT16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);

    BF16MatMul() {
        super(DType.BF16);
    }

    @Override
    void decode(MemorySegment matrix, long offset, int count, int k, float[] dst, byte[] staging) {
        // Rows are contiguous, so all count * k weights are one run.
        int weights = count * k;
        int vectorEnd = weights - weights % LANES;
        for (int i = 0; i < vectorEnd; i += LANES) {
            ShortVector.fromMemorySegment(SHORTS, matrix, offset + (long) i * Short.BYTES, LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, INTS, 0)
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .intoArray(dst, i);
        }
        for (int i = vectorEnd; i < weights; i++) {
            dst[i] = Float.intBitsToFloat(matrix.get(BFLOAT16, offset + (long) i * Short.BYTES) << 16);
        }
    }
}
