package io.github.relayllm.kernels.cpu.matmul;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vectorized decoders produce the reference decoder's floats bit for bit: this is what keeps
 * the kernels' error down to the order of additions.
 */
class ExactDecodingTest {
    private static final int K = 1280; // five k-quant super-blocks, forty 32-blocks, a partial vector never

    @ParameterizedTest
    @EnumSource(
            value = DType.class,
            names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void decodesRandomRowsAsTheReferenceDoes(DType dtype) {
        try (Arena arena = Arena.ofConfined()) {
            int rows = 3;
            MemorySegment weights = RandomMatrices.weights(dtype, rows, K, dtype.ordinal(), arena);
            long rowBytes = dtype.byteSize(K);
            for (int r = 0; r < rows; r++) {
                MemorySegment row = weights.asSlice(r * rowBytes, rowBytes);
                assertThat(bits(decode(dtype, row, K))).isEqualTo(bits(reference(dtype, row, K)));
            }
        }
    }

    @Test
    void widensEveryBinary16AndBfloat16BitPattern() {
        int count = 1 << 16;
        MemorySegment all = Arena.ofAuto().allocate((long) count * Short.BYTES);
        for (int i = 0; i < count; i++) {
            all.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, (short) i);
        }
        for (DType dtype : new DType[] {DType.F16, DType.BF16}) {
            assertThat(bits(decode(dtype, all, count))).as("%s", dtype).isEqualTo(bits(reference(dtype, all, count)));
        }
    }

    private static float[] decode(DType dtype, MemorySegment row, int k) {
        float[] values = new float[k];
        byte[] staging = new byte[Math.toIntExact(row.byteSize())];
        ((VectorMatMul) MatMulKernels.forDType(dtype)).decode(row, 0, 1, k, values, 0, staging);
        return values;
    }

    private static float[] reference(DType dtype, MemorySegment row, int k) {
        float[] values = new float[k];
        BlockCodecs.decoder(dtype).decode(row, 0, values, 0, k);
        return values;
    }

    /** The bits of each value, every NaN as the canonical one (conversions may quiet a signaling NaN). */
    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToIntBits(values[i]);
        }
        return bits;
    }
}
