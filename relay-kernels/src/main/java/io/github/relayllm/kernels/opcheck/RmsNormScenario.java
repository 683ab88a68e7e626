package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/**
 * RMS norm over groups of each row (the whole row, or each head), optionally in place.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param inputs {@code [rows][width]}, {@code width} a multiple of {@code groupWidth}
 * @param weight {@code [groupWidth]}, stored as {@code weightType} (F32, F16 or BF16) on the backend
 */
public record RmsNormScenario(
        float[][] inputs, float[] weight, DType weightType, int groupWidth, float eps, boolean inPlace)
        implements OpScenario {

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
        Buffer w = driver.upload(weightType, weight, weight.length);
        Buffer out = inPlace ? in : driver.zeros(DType.F32, rows, inputs[0].length);
        driver.run(new Step(rows, rows), new Op.RmsNorm(in, w, out, groupWidth, eps, RowCount.TOKENS));
        return driver.readRows(out, rows);
    }

    @Override
    public String op() {
        return "RmsNorm";
    }

    @Override
    public DType dtype() {
        return weightType;
    }

    @Override
    public String shape() {
        return "width=%d group=%d rows=%d%s"
                .formatted(inputs[0].length, groupWidth, inputs.length, inPlace ? " in-place" : "");
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
