package io.github.relayllm.kernels.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.OpTimes;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputException;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.opcheck.Nmse;
import io.github.relayllm.kernels.opcheck.OpCheckResult;
import io.github.relayllm.kernels.opcheck.OpScenario;
import io.github.relayllm.kernels.opcheck.OpsCheck;
import io.github.relayllm.kernels.opcheck.RandomTensors;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every backend must do, tested against the reference backend: each op over the grid of {@link
 * io.github.relayllm.kernels.opcheck.Scenarios}, compared by {@link OpsCheck#compare} within the NMSE
 * thresholds of DESIGN.md §6 (1e-7 elementwise, 5e-4 for matmul and attention, exact for lookups,
 * copies and argmax), and clear exceptions for bad input. A backend's test class extends this one and
 * says how to create the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContractTest {
    private static final String SCENARIOS = "io.github.relayllm.kernels.opcheck.Scenarios#";

    private Backend backend;
    private Backend reference;

    /** A new backend under test; the test closes it. */
    protected abstract Backend createBackend();

    @BeforeAll
    void openBackends() {
        backend = createBackend();
        reference = Backends.create("reference", BackendOptions.defaults());
    }

    @AfterAll
    void closeBackends() {
        backend.close();
        reference.close();
    }

    /** The backend under test, shared by the tests of the class. */
    protected final Backend backend() {
        return backend;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "matMul")
    void matMulMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "embed")
    void embeddingMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "rmsNorm")
    void rmsNormMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "rope")
    void ropeMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "pointwise")
    void addAndSwiGluMatchTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "softmax")
    void softmaxMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "argmax")
    void argmaxMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "gather")
    void gatherMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "storeKv")
    void storingKeysAndValuesMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SCENARIOS + "attention")
    void attentionMatchesTheReference(OpScenario scenario) {
        assertMatchesReference(scenario);
    }

    @Test
    void rejectsBuffersOfAnotherBackend() {
        Buffer foreign = reference.allocate(DType.F32, Shape.of(2, 8));
        Buffer own = backend.allocate(DType.F32, Shape.of(2, 8));
        List<Op> ops = List.of(new Op.Add(own, foreign, own, RowCount.TOKENS));
        assertThatThrownBy(() -> backend.compile(ops, new Step(2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a buffer of this");
        assertThatThrownBy(() -> backend.write(foreign, 0, MemorySegment.ofArray(new float[2])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBuffersTooSmallForTheLargestStep() {
        Buffer x = backend.allocate(DType.F32, Shape.of(2, 8));
        List<Op> ops = List.of(new Op.Add(x, x, x, RowCount.TOKENS));
        assertThatThrownBy(() -> backend.compile(ops, new Step(3, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processes 3 rows")
                .hasMessageContaining("hold 2");
        backend.compile(ops, new Step(2, 2));
    }

    @Test
    void rejectsStepsLargerThanTheCompiledOne() {
        Buffer x = backend.allocate(DType.F32, Shape.of(4, 8));
        ExecutionPlan plan = backend.compile(List.of(new Op.Softmax(x, x, RowCount.OUTPUTS)), new Step(4, 1));
        plan.run(new Step(4, 1));
        assertThatThrownBy(() -> plan.run(new Step(5, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.run(new Step(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than");
        assertThat(plan.largestStep()).isEqualTo(new Step(4, 1));
        assertThat(plan.ops()).hasSize(1);
    }

    @Test
    void aTimedRunComputesWhatAnUntimedOneDoesAndTimesEveryOp() {
        BackendDriver driver = new BackendDriver(backend);
        Random random = new Random(7);
        int width = 48;
        Buffer weight = backend.weights(RandomTensors.matrix(DType.Q8_0, width, 64, random));
        Buffer x = driver.rows(RandomTensors.rows(random, 3, 64, 1f));
        Buffer y = driver.zeros(DType.F32, 3, width);
        Buffer probabilities = driver.zeros(DType.F32, 3, width);
        Buffer cache = driver.zeros(DType.F16, 8, width);
        Buffer frequencies = driver.upload(DType.F32, RandomTensors.uniform(random, 8, 1f), 8);
        List<Op> ops = List.of(
                new Op.MatMul(weight, x, y, Optional.empty(), RowCount.TOKENS),
                // Rotated in place and stored at once: the pair a device backend may fuse into one launch.
                new Op.Rope(y, driver.ints(3, 4, 5), frequencies, 16, RopeLayout.HALVES),
                new Op.StoreKv(y, y, cache, cache, driver.ints(6, 1, 4)),
                new Op.Softmax(y, probabilities, RowCount.TOKENS));
        Step step = new Step(3, 3);
        ExecutionPlan plan = backend.compile(ops, step);
        plan.run(step);
        float[][] untimed = driver.readRows(probabilities, 3);
        float[][] untimedCache = driver.readRows(cache, 8);
        driver.backend().write(probabilities, 0, MemorySegment.ofArray(new float[3 * width]));

        OpTimes times = new OpTimes(ops.size());
        plan.run(step, times);
        plan.run(step, times);

        assertThat(driver.readRows(probabilities, 3)).isDeepEqualTo(untimed);
        assertThat(driver.readRows(cache, 8)).isDeepEqualTo(untimedCache);
        assertThat(times.steps()).isEqualTo(2);
        for (int op = 0; op < ops.size(); op++) {
            assertThat(times.nanos(op)).as("op %d", op).isNotNegative();
        }
        assertThat(times.nanos(0)).as("the matmul").isPositive();
        assertThat(times.totalNanos())
                .isEqualTo(LongStream.range(0, ops.size())
                        .map(i -> times.nanos((int) i))
                        .sum());
        times.clear();
        assertThat(times.steps()).isZero();
        assertThat(times.totalNanos()).isZero();
        assertThatThrownBy(() -> plan.run(step, new OpTimes(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("times for 3 ops cannot time a plan of 4 ops");
    }

    @Test
    void rejectsTokenIdsOutsideTheTable() {
        BackendDriver driver = new BackendDriver(backend);
        Buffer table = driver.upload(DType.F32, new float[12], 3, 4);
        Buffer out = driver.zeros(DType.F32, 2, 4);
        assertThatThrownBy(() -> driver.run(new Step(2, 0), new Op.Embed(table, driver.ints(1, 3), out)))
                .isInstanceOf(StepInputException.class)
                .hasMessageContaining("token id 3 of row 1");
        Buffer oneRow = driver.zeros(DType.F32, 1, 4);
        assertThatThrownBy(() -> driver.run(new Step(1, 0), new Op.Embed(table, driver.ints(-1), oneRow)))
                .isInstanceOf(StepInputException.class);
    }

    @Test
    void rejectsSlotsOutsideTheCache() {
        BackendDriver driver = new BackendDriver(backend);
        Buffer k = driver.zeros(DType.F32, 1, 8);
        Buffer cache = driver.zeros(DType.F16, 4, 8);
        Op store = new Op.StoreKv(k, k, cache, cache, driver.ints(4));
        assertThatThrownBy(() -> driver.run(new Step(1, 0), store))
                .isInstanceOf(StepInputException.class)
                .hasMessageContaining("slot 4");
    }

    @Test
    void rejectsAttentionBeyondTheBlockTableOrTheCache() {
        BackendDriver driver = new BackendDriver(backend);
        Buffer q = driver.zeros(DType.F32, 1, 8);
        Buffer cache = driver.zeros(DType.F32, 8, 8);
        Buffer tables = driver.ints(new int[] {1, 0, 5, -1}, 2, 2);
        Buffer out = driver.zeros(DType.F32, 1, 8);
        record Case(int sequence, int position, String message) {}
        for (Case c : List.of(
                new Case(2, 0, "sequence 2"),
                new Case(0, 8, "position 8"),
                new Case(1, 0, "block 5"),
                new Case(1, 5, "block 5"))) {
            Op attention = new Op.Attention(
                    q, cache, cache, tables, driver.ints(c.sequence()), driver.ints(c.position()), out, 8, 4, 0.5f);
            assertThatThrownBy(() -> driver.run(new Step(1, 0), attention))
                    .as("sequence %d position %d", c.sequence(), c.position())
                    .isInstanceOf(StepInputException.class)
                    .hasMessageContaining(c.message());
        }
    }

    @Test
    void rejectsGatherIndicesOutsideTheStep() {
        BackendDriver driver = new BackendDriver(backend);
        Buffer in = driver.zeros(DType.F32, 4, 8);
        Buffer out = driver.zeros(DType.F32, 1, 8);
        Op gather = new Op.Gather(in, driver.ints(2), out);
        driver.run(new Step(3, 1), gather);
        assertThatThrownBy(() -> driver.run(new Step(2, 1), gather))
                .isInstanceOf(StepInputException.class)
                .hasMessageContaining("row index 2");
    }

    @Test
    void rejectsCopiesOutsideABuffer() {
        Buffer x = backend.allocate(DType.F32, Shape.of(2, 4));
        assertThatThrownBy(() -> backend.write(x, 4, MemorySegment.ofArray(new float[5])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backend.read(x, -1, MemorySegment.ofArray(new float[1])))
                .isInstanceOf(IllegalArgumentException.class);
        float[] back = new float[4];
        backend.write(x, 4, MemorySegment.ofArray(new float[] {1, 2, 3, 4}));
        backend.read(x, 4, MemorySegment.ofArray(back));
        assertThat(back).containsExactly(1, 2, 3, 4);
    }

    @Test
    void refusesWorkOnceClosed() {
        Backend closing = createBackend();
        Buffer x = closing.allocate(DType.F32, Shape.of(1, 4));
        ExecutionPlan plan = closing.compile(List.of(new Op.Add(x, x, x, RowCount.TOKENS)), new Step(1, 1));
        closing.close();
        assertThatThrownBy(() -> plan.run(new Step(1, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closing.allocate(DType.F32, Shape.of(1))).isInstanceOf(IllegalStateException.class);
        closing.close();
    }

    @Test
    void isFoundByItsName() {
        try (Backend found = Backends.create(backend.name(), BackendOptions.defaults())) {
            assertThat(found.getClass()).isEqualTo(backend.getClass());
            assertThat(found.description()).isNotBlank();
        }
    }

    @Test
    void runsAPlanOfManyOpsAgainAndAgain() {
        Random random = new Random(11);
        float[][] input = RandomTensors.rows(random, 3, 40, 1f);
        float[] weights = RandomTensors.uniform(random, 40 * 24, 1f);
        float[][] expected = null;
        for (Backend b : List.of(reference, backend)) {
            BackendDriver driver = new BackendDriver(b);
            Buffer x = driver.rows(input);
            Buffer w = driver.upload(DType.F32, weights, 24, 40);
            Buffer y = driver.zeros(DType.F32, 3, 24);
            ExecutionPlan plan = b.compile(
                    List.of(
                            new Op.MatMul(w, x, y, Optional.empty(), RowCount.TOKENS),
                            new Op.Softmax(y, y, RowCount.TOKENS),
                            new Op.Add(y, y, y, RowCount.TOKENS)),
                    new Step(3, 3));
            for (int i = 0; i < 3; i++) {
                plan.run(new Step(3, 3));
            }
            float[][] result = driver.readRows(y, 3);
            if (expected == null) {
                expected = result;
            } else {
                assertThat(Nmse.of(flatten(result), flatten(expected))).isLessThan(Nmse.REDUCTION);
            }
        }
    }

    /**
     * Runs {@code scenario} on the reference and on the backend under test, and compares as {@code relay
     * ops-check} does. Exceptions of the backend propagate, with their stack trace.
     */
    protected final void assertMatchesReference(OpScenario scenario) {
        float[][] expected = scenario.runAll(new BackendDriver(reference));
        float[][] actual = scenario.runAll(new BackendDriver(backend));
        OpCheckResult result = OpsCheck.compare(scenario, actual, expected);
        assertThat(result.passed())
                .as(
                        "%s: NMSE %s against a limit of %s%s",
                        scenario,
                        result.nmse(),
                        result.tolerance(),
                        result.error().map(e -> "; " + e).orElse(""))
                .isTrue();
    }

    private static float[] flatten(float[][] rows) {
        return BackendDriver.concatenate(rows);
    }
}
