package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.tensor.DType;
import java.util.Objects;
import java.util.Optional;

/**
 * How one scenario of a backend compared with the reference: a row of {@code relay ops-check}'s table.
 *
 * @param op the scenario's {@link OpScenario#op()}
 * @param dtype the scenario's {@link OpScenario#dtype()}
 * @param shape the scenario's {@link OpScenario#shape()}
 * @param nmse the NMSE of the backend's values against the reference's. For an exact scenario, 0 when
 *     every value is bit-identical and otherwise the NMSE of the difference (which is 0 when only the
 *     sign of a zero differs, and the row still fails). NaN when the backend threw or returned values
 *     of another shape; also NaN (or infinite) when its values hold NaNs the reference's do not (or the
 *     reference's are all zero).
 * @param tolerance the scenario's {@link OpScenario#tolerance()}: the NMSE must stay below it; 0 means
 *     the values must be bit-identical
 * @param passed whether the backend met the tolerance
 * @param error why the row failed when the NMSE alone does not say: the backend's exception, the first
 *     value that differs in an exact comparison, or a shape mismatch; empty when it passed
 */
public record OpCheckResult(
        String op, DType dtype, String shape, double nmse, double tolerance, boolean passed, Optional<String> error) {
    public OpCheckResult {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(error, "error");
        if (passed && error.isPresent()) {
            throw new IllegalArgumentException("a passed check has no error: " + error.get());
        }
    }

    /** A row for {@code scenario} with the given outcome. */
    static OpCheckResult of(OpScenario scenario, double nmse, boolean passed, Optional<String> error) {
        return new OpCheckResult(
                scenario.op(), scenario.dtype(), scenario.shape(), nmse, scenario.tolerance(), passed, error);
    }

    /** Whether the values had to be bit-identical rather than within an NMSE. */
    public boolean exact() {
        return tolerance == 0;
    }
}
