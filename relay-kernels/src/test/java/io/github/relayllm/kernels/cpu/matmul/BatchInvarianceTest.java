package io.github.relayllm.kernels.cpu.matmul;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN §6: {@code out[r][j]} is the same float, bit for bit, whether row {@code r} is multiplied
 * alone (decode), inside a batch of any size, or with any split of the columns across threads.
 */
class BatchInvarianceTest {
    private static final int N = 37;
    private static final int ROWS = 17;

    /**
     * Quantized types at a whole number of blocks; float types at 128 (single rows stream through the
     * fused path) and at 100 (a partial vector at every width: single rows take the panel).
     */
    static Stream<Arguments> shapes() {
        return Stream.of(DType.F32, DType.F16, DType.BF16, DType.Q8_0, DType.Q4_0, DType.Q4_K, DType.Q6_K)
                .flatMap(dtype -> dtype.isQuantized()
                        ? Stream.of(Arguments.of(dtype, 512))
                        : Stream.of(Arguments.of(dtype, 128), Arguments.of(dtype, 100)));
    }

    @ParameterizedTest(name = "{0}, k = {1}")
    @MethodSource("shapes")
    void eachOutputIsTheSameAloneInABatchAndInAnyColumnRange(DType dtype, int k) {
        MatMulKernel kernel = MatMulKernels.forDType(dtype);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment weights = RandomMatrices.weights(dtype, N, k, 7, arena);
            MemorySegment in = RandomMatrices.activations(ROWS, k, 8, arena);
            float[] batch = Products.multiply(kernel, weights, N, k, in, ROWS);

            for (int r = 0; r < ROWS; r++) {
                float[] alone = Products.multiply(kernel, weights, N, k, rows(in, k, r, 1), 1);
                assertThat(alone).as("row %d alone", r).isEqualTo(slice(batch, r, 1));
            }
            // Rows 3..9 as a batch of seven: they fall into other four-row tiles than in the full batch.
            float[] middle = Products.multiply(kernel, weights, N, k, rows(in, k, 3, 7), 7);
            assertThat(middle).as("rows 3 to 9").isEqualTo(slice(batch, 3, 7));

            float[] split = new float[batch.length];
            int[] bounds = {0, 1, 6, 11, 12, 30, N};
            for (int i = 0; i + 1 < bounds.length; i++) {
                float[] part = Products.multiply(kernel, weights, N, k, in, ROWS, bounds[i], bounds[i + 1]);
                for (int r = 0; r < ROWS; r++) {
                    int from = r * N + bounds[i];
                    System.arraycopy(part, from, split, from, bounds[i + 1] - bounds[i]);
                }
            }
            assertThat(split).as("columns split at %s", Arrays.toString(bounds)).isEqualTo(batch);
        }
    }

    private static MemorySegment rows(MemorySegment in, int k, int first, int count) {
        long rowBytes = (long) k * Float.BYTES;
        return in.asSlice(first * rowBytes, count * rowBytes);
    }

    private static float[] slice(float[] out, int firstRow, int rows) {
        return Arrays.copyOfRange(out, firstRow * N, (firstRow + rows) * N);
    }
}
