package io.github.relayllm.kernels.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.Arena;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reference backend on inputs small enough to work out by hand: it is the yardstick, so it is checked against arithmetic. */
class ReferenceBackendTest {

    private final ReferenceBackend backend = new ReferenceBackend();
    private final BackendDriver driver = new BackendDriver(backend);

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void matMulIsTheProductWithTheTransposedWeightsPlusTheBias() {
        Buffer w = driver.upload(DType.F32, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Buffer x = driver.rows(new float[][] {{1, 0, -1}, {2, 1, 0}});
        Buffer y = driver.zeros(DType.F32, 2, 2);
        Buffer bias = driver.upload(DType.F32, new float[] {10, 20}, 2);
        driver.run(new Step(2, 2), new Op.MatMul(w, x, y, Optional.of(bias), RowCount.TOKENS));
        assertThat(driver.readRows(y, 2)).isDeepEqualTo(new float[][] {{8, 18}, {14, 33}});
    }

    @Test
    void matMulAndEmbedDecodeQuantizedWeights() {
        float[] values = new float[64];
        for (int i = 0; i < 64; i++) {
            values[i] = i % 32 == 0 ? 127 : 0;
        }
        Tensor q8 = Tensor.encode(values, Shape.of(2, 32), DType.Q8_0, Arena.ofAuto());
        Buffer w = backend.weights(q8);
        Buffer x = driver.rows(new float[][] {filled(32, 1f)});
        Buffer y = driver.zeros(DType.F32, 1, 2);
        driver.run(new Step(1, 1), new Op.MatMul(w, x, y, Optional.empty(), RowCount.TOKENS));
        assertThat(driver.readRows(y, 1)[0]).containsExactly(127, 127);
        Buffer embedded = driver.zeros(DType.F32, 1, 32);
        driver.run(new Step(1, 0), new Op.Embed(w, driver.ints(1), embedded));
        assertThat(driver.readRows(embedded, 1)[0][0]).isEqualTo(127);
        assertThat(driver.readRows(embedded, 1)[0][1]).isZero();
    }

    @Test
    void rmsNormDividesByTheRootMeanSquareOfEachGroup() {
        Buffer x = driver.rows(new float[][] {{3, 4, 1, 1}});
        Buffer weight = driver.upload(DType.F16, new float[] {1, 2}, 2);
        Buffer out = driver.zeros(DType.F32, 1, 4);
        driver.run(new Step(1, 1), new Op.RmsNorm(x, weight, out, 2, 1e-30f, RowCount.TOKENS));
        double rms = Math.sqrt(12.5);
        assertThat(driver.readRows(out, 1)[0])
                .containsExactly(new float[] {(float) (3 / rms), (float) (8 / rms), 1, 2}, within(1e-6f));
    }

    @Test
    void ropeRotatesAdjacentPairsOrHalvesByPositionTimesFrequency() {
        float quarterTurn = (float) (Math.PI / 2);
        Buffer frequencies = driver.upload(DType.F32, new float[] {quarterTurn, 0}, 2);
        Buffer adjacent = driver.rows(new float[][] {{1, 0, 5, 7}});
        driver.run(new Step(1, 1), new Op.Rope(adjacent, driver.ints(1), frequencies, 4, RopeLayout.ADJACENT));
        assertThat(driver.readRows(adjacent, 1)[0]).containsExactly(new float[] {0, 1, 5, 7}, within(1e-6f));
        Buffer halves = driver.rows(new float[][] {{1, 5, 0, 7}});
        driver.run(new Step(1, 1), new Op.Rope(halves, driver.ints(2), frequencies, 4, RopeLayout.HALVES));
        assertThat(driver.readRows(halves, 1)[0]).containsExactly(new float[] {-1, 5, 0, 7}, within(1e-6f));
    }

    @Test
    void swiGluIsSiluOfTheGateTimesUp() {
        Buffer gate = driver.rows(new float[][] {{0, 1, -1, 40}});
        Buffer up = driver.rows(new float[][] {{5, 2, 2, 0.5f}});
        driver.run(new Step(1, 1), new Op.SwiGlu(gate, up, gate, RowCount.TOKENS));
        double silu1 = 1 / (1 + Math.exp(-1));
        assertThat(driver.readRows(gate, 1)[0])
                .containsExactly(new float[] {0, (float) (2 * silu1), (float) (-2 * (1 - silu1)), 20}, within(1e-6f));
    }

    @Test
    void softmaxNormalizesExponentialsWithoutOverflow() {
        Buffer x = driver.rows(new float[][] {{0, (float) Math.log(3)}, {1000, 1000}});
        driver.run(new Step(2, 2), new Op.Softmax(x, x, RowCount.OUTPUTS));
        assertThat(driver.readRows(x, 2)).isDeepEqualTo(new float[][] {{0.25f, 0.75f}, {0.5f, 0.5f}});
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaximaAndFlagsNaNAndInfinity() {
        Buffer logits = driver.rows(new float[][] {
            {1, 3, 3, 2},
            {-1, -2, Float.NaN, 5},
            {0, Float.POSITIVE_INFINITY, 1, 2},
            {Float.NEGATIVE_INFINITY, -3, -2, -1}
        });
        Buffer out = driver.ints(0, 0, 0, 0);
        driver.run(new Step(4, 4), new Op.Argmax(logits, out));
        assertThat(driver.readInts(out, 4)).containsExactly(1, Op.Argmax.NOT_FINITE, Op.Argmax.NOT_FINITE, 3);
    }

    @Test
    void storeKvRoundsToTheNearestEvenHalf() {
        float tie = 1 + 0x1p-11f; // halfway between 1 and the next binary16, 1 + 2^-10
        Buffer k = driver.rows(new float[][] {{tie, 3}});
        Buffer cache = driver.zeros(DType.F16, 4, 2);
        driver.run(new Step(1, 0), new Op.StoreKv(k, k, cache, cache, driver.ints(2)));
        assertThat(driver.readRows(cache, 4)[2]).containsExactly(1, 3);
        assertThat(driver.readRows(cache, 4)[0]).containsExactly(0, 0);
    }

    @Test
    void attentionWeighsValuesBySoftmaxOfScaledScoresThroughTheBlockTable() {
        // Two kv heads of dim 1 in blocks of 2 slots; the sequence's positions 0, 1, 2 sit in slots
        // 2, 3 (block 1) and 0 (block 0). Query heads 0, 1 read kv head 0; heads 2, 3 kv head 1.
        Buffer kCache = driver.rows(new float[][] {{0, 1}, {9, 9}, {0, 1}, {(float) Math.log(3), 1}});
        Buffer vCache = driver.rows(new float[][] {{6, -1}, {9, 9}, {2, 5}, {4, 7}});
        Buffer tables = driver.ints(new int[] {1, 0}, 1, 2);
        Buffer q = driver.rows(new float[][] {{1, 1, 0, 2}, {1, 0, 0, 0}});
        Buffer out = driver.zeros(DType.F32, 2, 4);
        driver.run(
                new Step(2, 0),
                new Op.Attention(q, kCache, vCache, tables, driver.ints(0, 0), driver.ints(1, 2), out, 1, 2, 1f));
        float[][] result = driver.readRows(out, 2);
        // Row 0 at position 1: head 0 scores (0, ln 3) -> weights (1/4, 3/4) over values (2, 4).
        assertThat(result[0][0]).isCloseTo(3.5f, within(1e-6f));
        assertThat(result[0][2]).isCloseTo(6f, within(1e-6f));
        // Head 3 (q = 2) on kv head 1: keys all 1, so equal weights over values (5, 7).
        assertThat(result[0][3]).isCloseTo(6f, within(1e-6f));
        // Row 1 at position 2 reaches slot 0 too: head 0 scores (0, ln 3, 0) -> (1/5, 3/5, 1/5).
        assertThat(result[1][0]).isCloseTo(2f / 5 + 12f / 5 + 6f / 5, within(1e-6f));
    }

    @Test
    void gatherCopiesTheNamedTokenRows() {
        Buffer in = driver.rows(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Buffer out = driver.zeros(DType.F32, 2, 2);
        driver.run(new Step(3, 2), new Op.Gather(in, driver.ints(2, 0), out));
        assertThat(driver.readRows(out, 2)).isDeepEqualTo(new float[][] {{5, 6}, {1, 2}});
    }

    private static float[] filled(int count, float value) {
        float[] values = new float[count];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
