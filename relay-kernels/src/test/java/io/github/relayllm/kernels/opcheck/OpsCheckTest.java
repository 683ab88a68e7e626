package io.github.relayllm.kernels.opcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.tensor.DType;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The self-test behind {@code relay ops-check}: its comparison, its failures, and its small grid. */
class OpsCheckTest {

    @Test
    void theCpuBackendPassesTheSmallGrid() {
        try (Backend cpu = Backends.create("cpu", new BackendOptions(2));
                OpsCheck check = new OpsCheck(cpu)) {
            List<OpCheckResult> results = check.checkAll(Scenarios.small());
            assertThat(results).hasSameSizeAs(Scenarios.small()).allSatisfy(result -> {
                assertThat(result.passed()).as(result.toString()).isTrue();
                assertThat(result.error()).isEmpty();
                if (result.exact()) {
                    assertThat(result.nmse()).isZero();
                } else {
                    assertThat(result.nmse()).isLessThan(result.tolerance());
                }
            });
        }
    }

    @Test
    void anExceptionOfTheBackendFailsItsRowAndTheCheckGoesOn() {
        OpScenario failing = new FailingOnOtherBackends(Scenarios.softmax().getFirst());
        try (Backend cpu = Backends.create("cpu", new BackendOptions(1));
                OpsCheck check = new OpsCheck(cpu)) {
            List<OpCheckResult> results =
                    check.checkAll(List.of(failing, Scenarios.gather().getFirst()));
            assertThat(results.get(0).passed()).isFalse();
            assertThat(results.get(0).nmse()).isNaN();
            assertThat(results.get(0).error()).contains("UnsupportedOperationException: no Softmax on cpu");
            assertThat(results.get(0).op()).isEqualTo("Softmax");
            assertThat(results.get(1).passed()).isTrue();
        }
    }

    @Test
    void exactScenariosMustBeBitIdentical() {
        OpScenario gather = Scenarios.gather().getFirst();
        float[][] expected = {{1, 2, 3}, {0f, 5, 6}};
        assertThat(OpsCheck.compare(gather, new float[][] {{1, 2, 3}, {0f, 5, 6}}, expected))
                .satisfies(r -> {
                    assertThat(r.passed()).isTrue();
                    assertThat(r.nmse()).isZero();
                    assertThat(r.exact()).isTrue();
                });
        OpCheckResult signOfZero = OpsCheck.compare(gather, new float[][] {{1, 2, 3}, {-0f, 5, 6}}, expected);
        assertThat(signOfZero.passed()).isFalse();
        assertThat(signOfZero.nmse()).isZero();
        assertThat(signOfZero.error()).contains("1 values differ; row 1 value 0 is -0.0 instead of 0.0");
        OpCheckResult off = OpsCheck.compare(gather, new float[][] {{1, 2, 3}, {0, 5, 7}}, expected);
        assertThat(off.passed()).isFalse();
        assertThat(off.nmse()).isEqualTo(1.0 / 75, within(1e-12));
    }

    @Test
    void approximateScenariosMustStayBelowTheirTolerance() {
        OpScenario softmax = Scenarios.softmax().getFirst();
        float[][] expected = {{1000}};
        assertThat(OpsCheck.compare(softmax, new float[][] {{1000.01f}}, expected)
                        .passed())
                .isTrue();
        assertThat(OpsCheck.compare(softmax, new float[][] {{1001}}, expected).passed())
                .isFalse();
        OpCheckResult nan = OpsCheck.compare(softmax, new float[][] {{Float.NaN}}, expected);
        assertThat(nan.passed()).isFalse();
        assertThat(nan.nmse()).isNaN();
        OpCheckResult shape = OpsCheck.compare(softmax, new float[][] {{1000, 1}}, expected);
        assertThat(shape.passed()).isFalse();
        assertThat(shape.error()).contains("row 0 has 2 values instead of 1");
    }

    @Test
    void theSmallGridIsACheapSubsetThatStillReachesEveryOpDtypeAndFlag() {
        List<OpScenario> all = Scenarios.all();
        List<OpScenario> small = Scenarios.small();
        assertThat(small.size()).isBetween(40, all.size() / 2);
        assertThat(small).allSatisfy(s -> assertThat(s.work()).isLessThanOrEqualTo(SmallGrid.WORK_LIMIT));
        assertThat(labels(small)).isSubsetOf(labels(all));
        assertThat(opsAndDtypes(small)).isEqualTo(opsAndDtypes(all));
        assertThat(labels(small))
                .anyMatch(l -> l.startsWith("Rope F32 halves"))
                .anyMatch(l -> l.startsWith("Rope F32 adjacent"))
                .anyMatch(l -> l.startsWith("Argmax") && l.endsWith("ties"))
                .anyMatch(l -> l.startsWith("Argmax") && l.endsWith("non-finite"))
                .anyMatch(l -> l.startsWith("MatMul") && l.endsWith("bias outputs-only"));
    }

    @Test
    void selectsOpsByNameWithoutRegardToCase() {
        List<OpScenario> grid = Scenarios.small();
        assertThat(Scenarios.ofOps(grid, List.of())).isEqualTo(grid);
        assertThat(Scenarios.ofOps(grid, List.of("matmul", "ROPE")))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.op()).isIn("MatMul", "Rope"));
        assertThatThrownBy(() -> Scenarios.ofOps(grid, List.of("conv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no op named 'conv'")
                .hasMessageContaining("MatMul, Embed, RmsNorm");
    }

    @Test
    void everyScenarioDescribesItselfForATable() {
        Set<OpScenario> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (OpScenario s : Scenarios.all()) {
            assertThat(s.shape()).as(s.label()).isNotBlank().doesNotStartWith(" ");
            assertThat(s.toString()).isEqualTo(s.label());
            assertThat(s.work()).as(s.label()).isPositive();
            seen.add(s);
        }
        assertThat(Scenarios.all().getFirst().label()).isEqualTo("MatMul F32 n=1 k=1 rows=1");
        assertThat(seen).hasSize(Scenarios.all().size());
        assertThat(Scenarios.matMul())
                .allSatisfy(s -> assertThat(s.dtype()).isIn(Scenarios.WEIGHT_TYPES))
                .anySatisfy(s -> assertThat(s.dtype()).isEqualTo(DType.Q4_K));
    }

    private static Set<String> labels(List<OpScenario> scenarios) {
        return scenarios.stream().map(OpScenario::label).collect(Collectors.toSet());
    }

    private static Set<String> opsAndDtypes(List<OpScenario> scenarios) {
        return scenarios.stream().map(s -> s.op() + " " + s.dtype()).collect(Collectors.toSet());
    }

    /** A scenario that runs on the reference only, like a backend that lacks a kernel. */
    private record FailingOnOtherBackends(OpScenario scenario) implements OpScenario {
        @Override
        public String op() {
            return scenario.op();
        }

        @Override
        public DType dtype() {
            return scenario.dtype();
        }

        @Override
        public String shape() {
            return scenario.shape();
        }

        @Override
        public long work() {
            return scenario.work();
        }

        @Override
        public int rows() {
            return scenario.rows();
        }

        @Override
        public double tolerance() {
            return scenario.tolerance();
        }

        @Override
        public float[][] run(BackendDriver driver, int[] selection) {
            if (!driver.backend().name().equals("reference")) {
                throw new UnsupportedOperationException(
                        "no " + op() + " on " + driver.backend().name());
            }
            return scenario.run(driver, selection);
        }
    }
}
