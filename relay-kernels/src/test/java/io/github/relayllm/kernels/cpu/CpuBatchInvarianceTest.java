package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.opcheck.OpScenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch invariance (DESIGN.md §6): on the CPU backend, a row's result is bit-identical whether it is
 * computed alone, with every other row of its scenario (a prefill chunk, other sequences at other
 * positions), in shuffled company, and with 1, 2 or 3 threads.
 */
class CpuBatchInvarianceTest {
    private static final int[] THREAD_COUNTS = {1, 2, 3};

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.relayllm.kernels.opcheck.Scenarios#all")
    void everyRowIsBitIdenticalAloneOrBatchedOnAnyNumberOfThreads(OpScenario scenario) {
        float[][] baseline = null;
        for (int threads : THREAD_COUNTS) {
            try (CpuBackend backend = new CpuBackend(new BackendOptions(threads))) {
                BackendDriver driver = new BackendDriver(backend);
                float[][] all = scenario.runAll(driver);
                if (baseline == null) {
                    baseline = all;
                }
                assertThat(all).as("all rows on %d threads", threads).isDeepEqualTo(baseline);
                for (int row = 0; row < scenario.rows(); row++) {
                    float[][] alone = scenario.run(driver, new int[] {row});
                    assertThat(alone[0])
                            .as("row %d alone on %d threads", row, threads)
                            .isEqualTo(baseline[row]);
                }
                int[] shuffled = shuffledRows(scenario.rows(), threads);
                float[][] mixed = scenario.run(driver, shuffled);
                for (int i = 0; i < shuffled.length; i++) {
                    assertThat(mixed[i])
                            .as("row %d at place %d of a shuffled batch on %d threads", shuffled[i], i, threads)
                            .isEqualTo(baseline[shuffled[i]]);
                }
            }
        }
    }

    private static int[] shuffledRows(int rows, int seed) {
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            order.add(r);
        }
        Collections.shuffle(order, new Random(seed));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
