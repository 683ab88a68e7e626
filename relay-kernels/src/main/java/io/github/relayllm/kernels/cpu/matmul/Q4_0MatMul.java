package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOAT_VECTORS_PER_BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q4_0} weights: blocks of a binary16 scale {@code d} and 16 bytes of 4-bit quants,
 * element {@code j} in the low nibble of byte {@code j} and element {@code j + 16} in its high nibble;
 * {@code w = (q - 8) * d}, exact in a float.
 */
final class Q4_0MatMul extends VectorMatMul {
    private static final int BLOCK = 32;
    private static final int HALF_BLOCK = 16;
    private static final int BLOCK_BYTES = 18;
    private static final int QUANTS = 2;
    private static final byte OFFSET = 8;

    Q4_0MatMul() {
        super(DType.Q4_0);
    }

    @Override
    void decode(MemorySegment row, int k, float[] dst, int offset) {
        int blocks = k / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int block = b * BLOCK_BYTES;
            FloatVector scale = FloatVector.broadcast(FLOATS, HalfFloatTable.read(row, block));
            int out = offset + b * BLOCK;
            for (int g = 0; g < HALF_BLOCK; g += BYTES.length()) {
                ByteVector packed = ByteLanes.load(row, block + QUANTS + g);
                ByteVector low = ByteLanes.lowNibbles(packed).sub(OFFSET);
                ByteVector high = ByteLanes.highNibbles(packed).sub(OFFSET);
                for (int part = 0; part < FLOAT_VECTORS_PER_BYTES; part++) {
                    int element = out + g + part * LANES;
                    ByteLanes.toFloats(low, part).mul(scale).intoArray(dst, element);
                    ByteLanes.toFloats(high, part).mul(scale).intoArray(dst, element + HALF_BLOCK);
                }
            }
        }
    }
}
