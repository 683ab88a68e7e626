package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/**
 * Softmax of each row, of the output rows of a step.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param inputs {@code [rows][width]}
 */
public record SoftmaxScenario(float[][] inputs) implements OpScenario {

    @Override
    public int rows() {
        return inputs.length;
    }

    @Override
    public double tolerance() {
        return Nmse.ELEMENTWISE;
    }

    @Override
    public float[][] run(BackendDriver driver, int[] selection) {
        int rows = selection.length;
        Buffer in = driver.rows(OpScenario.pick(inputs, selection));
        Buffer out = driver.zeros(DType.F32, rows, inputs[0].length);
        driver.run(new Step(rows, rows), new Op.Softmax(in, out, RowCount.OUTPUTS));
        return driver.readRows(out, rows);
    }

    @Override
    public String op() {
        return "Softmax";
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public String shape() {
        return "width=%d rows=%d".formatted(inputs[0].length, inputs.length);
    }

    @Override
    public long work() {
        return (long) inputs.length * inputs[0].length;
    }

    @Override
    public String toString() {
        return label();
    }
}
