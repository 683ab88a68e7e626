package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Tensor;
import java.util.Optional;

/**
 * {@code out = in · weightᵀ (+ bias)} for a weight of any dtype. With {@link RowCount#OUTPUTS}, the
 * step has one more token than outputs, to show that the op processes only the outputs.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param weight {@code [n, k]}
 * @param inputs {@code [rows][k]}
 * @param bias {@code [n]}, if any
 */
public record MatMulScenario(Tensor weight, float[][] inputs, Optional<float[]> bias, RowCount rowCount)
        implements OpScenario {

    @Override
    public int rows() {
        return inputs.length;
    }

    @Override
    public double tolerance() {
        return Nmse.REDUCTION;
    }

    @Override
    public float[][] run(BackendDriver driver, int[] selection) {
        int rows = selection.length;
        int n = Math.toIntExact(weight.shape().rowCount());
        Buffer w = driver.backend().weights(weight);
        Buffer in = driver.rows(OpScenario.pick(inputs, selection));
        Buffer out = driver.zeros(DType.F32, rows, n);
        Optional<Buffer> b = bias.map(values -> driver.upload(DType.F32, values, n));
        Step step = rowCount == RowCount.TOKENS ? new Step(rows, rows) : new Step(rows + 1, rows);
        driver.run(step, new Op.MatMul(w, in, out, b, rowCount));
        return driver.readRows(out, rows);
    }

    @Override
    public String op() {
        return "MatMul";
    }

    @Override
    public DType dtype() {
        return weight.dtype();
    }

    @Override
    public String shape() {
        return "n=%d k=%d rows=%d%s%s"
                .formatted(
                        weight.shape().rowCount(),
                        weight.shape().rowLength(),
                        inputs.length,
                        bias.isPresent() ? " bias" : "",
                        rowCount == RowCount.OUTPUTS ? " outputs-only" : "");
    }

    @Override
    public long work() {
        return weight.shape().rowCount() * weight.shape().rowLength() * inputs.length;
    }

    @Override
    public String toString() {
        return label();
    }
}
