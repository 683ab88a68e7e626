package io.github.relayllm.kernels.cpu.matmul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vectorized kernel against the portable {@link DecodingMatMul}, over odd column counts, every
 * kind of {@code k} (whole blocks; for plain floats also counts that leave a partial vector) and row
 * counts that exercise the four-row tiles and their remainders.
 *
 * <p>Two bounds. The contract of DESIGN §6: NMSE below 5e-4 against the reference. And, because
 * these kernels decode weights exactly, the tighter bound of any float dot product: each output
 * within {@code γ(k) Σ|wᵢxᵢ|} of the exact value, {@code γ(k) = k·u / (1 - k·u)} with unit roundoff
 * {@code u = 2⁻²⁴}. Reordering additions can not leave it; a wrong weight or a lost term would.
 */
class VectorMatMulTest {
    private static final double NMSE_BOUND = 5e-4;
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    private static final int[] COLUMNS = {1, 7, 33, 130};
    private static final int[] ROWS = {1, 2, 3, 5, 8, 17};

    static Stream<Arguments> shapes() {
        Stream<Arguments> plain = cases(List.of(DType.F32, DType.F16, DType.BF16), 1, 15, 17, 100, 256, 1024);
        Stream<Arguments> blocks = cases(List.of(DType.Q8_0, DType.Q4_0), 32, 64, 96, 256, 512, 1024, 1056);
        Stream<Arguments> superBlocks = cases(List.of(DType.Q4_K, DType.Q6_K), 256, 512, 1280);
        return Stream.of(plain, blocks, superBlocks).flatMap(s -> s);
    }

    private static Stream<Arguments> cases(List<DType> dtypes, int... ks) {
        return dtypes.stream()
                .flatMap(dtype -> IntStream.of(ks)
                        .boxed()
                        .flatMap(k -> IntStream.of(COLUMNS)
                                .boxed()
                                .flatMap(n -> IntStream.of(ROWS).mapToObj(rows -> Arguments.of(dtype, n, k, rows)))));
    }

    @ParameterizedTest(name = "{0} n={1} k={2} rows={3}")
    @MethodSource("shapes")
    void agreesWithTheDecodingKernel(DType dtype, int n, int k, int rows) {
        try (Arena arena = Arena.ofConfined()) {
            long seed = 31L * n + 17L * k + rows;
            MemorySegment weights = RandomMatrices.weights(dtype, n, k, seed, arena);
            MemorySegment in = RandomMatrices.activations(rows, k, seed + 1, arena);

            float[] expected = Products.multiply(new DecodingMatMul(dtype), weights, n, k, in, rows);
            float[] actual = Products.multiply(MatMulKernels.forDType(dtype), weights, n, k, in, rows);

            assertThat(Products.nmse(actual, expected)).isLessThan(NMSE_BOUND);
            assertWithinRoundingOfExactProducts(actual, dtype, weights, n, k, in, rows);
        }
    }

    private static void assertWithinRoundingOfExactProducts(
            float[] actual, DType dtype, MemorySegment weights, int n, int k, MemorySegment in, int rows) {
        double gamma = k * UNIT_ROUNDOFF / (1 - k * UNIT_ROUNDOFF);
        float[] w = new float[k];
        float[] x = in.toArray(ValueLayout.JAVA_FLOAT_UNALIGNED);
        for (int j = 0; j < n; j++) {
            BlockCodecs.decoder(dtype).decode(weights, j * dtype.byteSize(k), w, 0, k);
            for (int r = 0; r < rows; r++) {
                double exact = 0;
                double magnitude = 0;
                for (int i = 0; i < k; i++) {
                    double product = (double) w[i] * x[r * k + i];
                    exact += product;
                    magnitude += Math.abs(product);
                }
                assertThat((double) actual[r * n + j])
                        .as("out[%d][%d]", r, j)
                        .isCloseTo(exact, within(gamma * magnitude));
            }
        }
    }
}
