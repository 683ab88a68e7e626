package io.github.relayllm.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.opcheck.Nmse;
import io.github.relayllm.kernels.opcheck.RandomTensors;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenCL matmul at the shapes of a real layer, which the contract grid (a few blocks wide) does
 * not reach: many units per lane in the decode kernel, several tiles of outputs in the prefill kernel,
 * and the two kernels on the same rows. Skipped where there is no OpenCL device.
 */
class OpenClMatMulTest extends OpenClVersusReference {
    /** More rows than the decode kernel takes, and not a multiple of the prefill tile. */
    private static final int PREFILL_ROWS = 40;

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of(DType.Q8_0, 1024, 1024, false),
                Arguments.of(DType.Q4_K, 512, 2048, true),
                Arguments.of(DType.Q6_K, 1024, 1024, true));
    }

    @ParameterizedTest(name = "{0} [{1}, {2}], bias {3}")
    @MethodSource("layers")
    void matchesTheReferenceAtLayerShapes(DType dtype, int n, int k, boolean bias) {
        Random random = new Random(n * 31L + k);
        Tensor weight = RandomTensors.matrix(dtype, n, k, random);
        float[][] inputs = RandomTensors.rows(random, PREFILL_ROWS, k, 1f);
        Optional<float[]> biases = bias ? Optional.of(RandomTensors.uniform(random, n, 1f)) : Optional.empty();
        for (int rows : new int[] {1, 3, PREFILL_ROWS}) {
            float[][] selected = Arrays.copyOf(inputs, rows);
            float[] expected = multiply(reference(), weight, selected, biases);
            float[] actual = multiply(backend(), weight, selected, biases);
            assertThat(Nmse.of(actual, expected))
                    .as("%s [%d, %d], %d rows", dtype, n, k, rows)
                    .isLessThan(Nmse.REDUCTION);
        }
    }

    @ParameterizedTest(name = "{0} [{1}, {2}], bias {3}")
    @MethodSource("layers")
    void decodeAndPrefillKernelsAgree(DType dtype, int n, int k, boolean bias) {
        Random random = new Random(n * 17L + k);
        Tensor weight = RandomTensors.matrix(dtype, n, k, random);
        float[][] inputs = RandomTensors.rows(random, PREFILL_ROWS, k, 1f);
        BackendDriver driver = new BackendDriver(backend());
        Buffer w = backend().weights(weight);
        Buffer in = driver.rows(inputs);
        Buffer out = driver.zeros(DType.F32, PREFILL_ROWS, n);
        Optional<Buffer> b = bias
                ? Optional.of(driver.upload(DType.F32, RandomTensors.uniform(random, n, 1f), n))
                : Optional.empty();
        ExecutionPlan plan = backend()
                .compile(List.of(new Op.MatMul(w, in, out, b, RowCount.TOKENS)), new Step(PREFILL_ROWS, PREFILL_ROWS));

        plan.run(new Step(PREFILL_ROWS, PREFILL_ROWS));
        float[] prefill = flatten(driver.readRows(out, PREFILL_ROWS));

        // The same rows, MatMulLaunch.DECODE_ROWS at a time from the top of the buffers (a chunk whose
        // kernel did not run would leave the first rows of the prefill, and differ from its own rows).
        int chunk = MatMulLaunch.DECODE_ROWS;
        float[] decode = new float[PREFILL_ROWS * n];
        for (int r0 = 0; r0 < PREFILL_ROWS; r0 += chunk) {
            int rows = Math.min(chunk, PREFILL_ROWS - r0);
            backend().write(in, 0, MemorySegment.ofArray(flatten(Arrays.copyOfRange(inputs, r0, r0 + rows))));
            plan.run(new Step(rows, rows));
            float[] part = flatten(driver.readRows(out, rows));
            System.arraycopy(part, 0, decode, r0 * n, part.length);
        }
        assertThat(Nmse.of(decode, prefill)).as("decode against prefill").isLessThan(Nmse.REDUCTION);
    }

    private static float[] multiply(Backend on, Tensor weight, float[][] inputs, Optional<float[]> bias) {
        BackendDriver driver = new BackendDriver(on);
        int n = Math.toIntExact(weight.shape().rowCount());
        Buffer w = on.weights(weight);
        Buffer in = driver.rows(inputs);
        Buffer out = driver.zeros(DType.F32, inputs.length, n);
        Optional<Buffer> b = bias.map(values -> driver.upload(DType.F32, values, n));
        driver.run(new Step(inputs.length, inputs.length), new Op.MatMul(w, in, out, b, RowCount.TOKENS));
        return flatten(driver.readRows(out, inputs.length));
    }

    /** Rows laid end to end. */
    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] all = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, all, r * width, width);
        }
        return all;
    }
}
