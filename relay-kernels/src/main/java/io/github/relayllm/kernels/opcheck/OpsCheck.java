package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a backend op by op against the reference backend: runs each {@link OpScenario} on both and
 * compares, exactly when the scenario's tolerance is 0 and by NMSE otherwise (DESIGN.md §6: below 1e-7
 * for elementwise ops, 5e-4 for matmul and attention). This is the comparison of the backend contract
 * tests, as a self-test that needs no test classes ({@code relay ops-check}).
 *
 * <p>An exception of the backend under test fails that scenario's row and the check goes on; one of
 * the reference means the grid itself is broken and propagates. Each scenario allocates its buffers
 * anew on both backends, and they stay allocated until the backends close (a few megabytes for the
 * full grid). Most of the time goes to the reference, which is scalar Java: the full grid
 * takes a few seconds, the small one about one, plus the backend's own time.
 *
 * <p>Not thread-safe: one check runs at a time.
 */
public final class OpsCheck implements AutoCloseable {
    private final BackendDriver candidate;
    private final Backend reference;

    /**
     * A check of {@code candidate} against a new reference backend, which {@link #close()} closes. The
     * caller keeps {@code candidate} and closes it.
     */
    public OpsCheck(Backend candidate) {
        this.candidate = new BackendDriver(candidate);
        this.reference = Backends.create("reference", new BackendOptions(1));
    }

    /** Runs {@code scenario} on the reference and on the backend, and compares. */
    public OpCheckResult check(OpScenario scenario) {
        float[][] expected = scenario.runAll(new BackendDriver(reference));
        float[][] actual;
        try {
            actual = scenario.runAll(candidate);
        } catch (RuntimeException e) {
            String message = e.getMessage() != null ? e.getMessage() : "(no message)";
            return OpCheckResult.of(
                    scenario, Double.NaN, false, Optional.of(e.getClass().getSimpleName() + ": " + message));
        }
        return compare(scenario, actual, expected);
    }

    /** {@link #check} of every scenario, in order. */
    public List<OpCheckResult> checkAll(List<OpScenario> scenarios) {
        return scenarios.stream().map(this::check).toList();
    }

    /**
     * Compares a backend's output rows for {@code scenario} with the reference's: bit-identical (NaNs
     * equal to NaNs, zeros of either sign told apart) when the tolerance is 0, else an NMSE below the
     * tolerance.
     */
    public static OpCheckResult compare(OpScenario scenario, float[][] actual, float[][] expected) {
        Optional<String> mismatch = shapeMismatch(actual, expected);
        if (mismatch.isPresent()) {
            return OpCheckResult.of(scenario, Double.NaN, false, mismatch);
        }
        if (scenario.tolerance() == 0 && Arrays.deepEquals(actual, expected)) {
            return OpCheckResult.of(scenario, 0, true, Optional.empty());
        }
        double nmse = Nmse.of(BackendDriver.concatenate(actual), BackendDriver.concatenate(expected));
        if (scenario.tolerance() == 0) {
            return OpCheckResult.of(scenario, nmse, false, Optional.of(firstDifference(actual, expected)));
        }
        return OpCheckResult.of(scenario, nmse, nmse < scenario.tolerance(), Optional.empty());
    }

    /** Closes the reference backend; the backend under test stays open. */
    @Override
    public void close() {
        reference.close();
    }

    private static Optional<String> shapeMismatch(float[][] actual, float[][] expected) {
        if (actual.length != expected.length) {
            return Optional.of("%d rows instead of %d".formatted(actual.length, expected.length));
        }
        for (int r = 0; r < actual.length; r++) {
            if (actual[r].length != expected[r].length) {
                return Optional.of(
                        "row %d has %d values instead of %d".formatted(r, actual[r].length, expected[r].length));
            }
        }
        return Optional.empty();
    }

    private static String firstDifference(float[][] actual, float[][] expected) {
        int differing = 0;
        String first = "";
        for (int r = 0; r < actual.length; r++) {
            for (int i = 0; i < actual[r].length; i++) {
                if (Float.compare(actual[r][i], expected[r][i]) != 0) {
                    if (differing++ == 0) {
                        first = "row %d value %d is %s instead of %s".formatted(r, i, actual[r][i], expected[r][i]);
                    }
                }
            }
        }
        return "%d values differ; %s".formatted(differing, first);
    }
}
