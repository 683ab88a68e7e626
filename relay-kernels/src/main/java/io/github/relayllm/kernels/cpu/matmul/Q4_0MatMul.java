package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q4_0} weights: blocks of a binary16 scale {@code d} and 16 bytes of 4-bit quants,
 * element {@code j} in the low nibble of byte {@code j} and element {@code j + 16} in its high nibble;
 * {@code w = (q - 8) * d}, exact in a float.
 */
final class Q4_0MatMul extends BlockQuantMatMul {
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
            FloatVector scale = scale(row, block);
            int out = offset + b * BLOCK;
            for (int half = 0; half < 2; half++) {
                for (int g = 0; g < HALF_BLOCK; g += BYTES.length()) {
                    int first = half * HALF_BLOCK + g;
                    ByteLanes.widenScaled(quants(row, block, half, g), scale, dst, out + first);
                }
            }
        }
    }

    @Override
    void dotFour(
            MemorySegment w0,
            MemorySegment w1,
            MemorySegment w2,
            MemorySegment w3,
            MemorySegment x,
            int k,
            float[] sums) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int blocks = k / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int block = b * BLOCK_BYTES;
            FloatVector d0 = scale(w0, block);
            FloatVector d1 = scale(w1, block);
            FloatVector d2 = scale(w2, block);
            FloatVector d3 = scale(w3, block);
            for (int half = 0; half < 2; half++) {
                for (int g = 0; g < HALF_BLOCK; g += BYTES.length()) {
                    long input = (long) (b * BLOCK + half * HALF_BLOCK + g) * Float.BYTES;
                    a0 = ByteLanes.fmaScaled(quants(w0, block, half, g), d0, x, input, a0);
                    a1 = ByteLanes.fmaScaled(quants(w1, block, half, g), d1, x, input, a1);
                    a2 = ByteLanes.fmaScaled(quants(w2, block, half, g), d2, x, input, a2);
                    a3 = ByteLanes.fmaScaled(quants(w3, block, half, g), d3, x, input, a3);
                }
            }
        }
        sums[0] = KernelSpecies.sum(a0);
        sums[1] = KernelSpecies.sum(a1);
        sums[2] = KernelSpecies.sum(a2);
        sums[3] = KernelSpecies.sum(a3);
    }

    private static FloatVector scale(MemorySegment row, int block) {
        return FloatVector.broadcast(FLOATS, HalfFloatTable.read(row, block));
    }

    /**
     * {@code q - 8} for elements {@code half * 16 + g} onwards of the block: low nibbles of bytes
     * {@code g ..} for the first half, high nibbles for the second.
     */
    private static ByteVector quants(MemorySegment row, int block, int half, int g) {
        ByteVector packed = ByteLanes.load(row, block + QUANTS + g);
        ByteVector nibbles = half == 0 ? ByteLanes.lowNibbles(packed) : ByteLanes.highNibbles(packed);
        return nibbles.sub(OFFSET);
    }
}
