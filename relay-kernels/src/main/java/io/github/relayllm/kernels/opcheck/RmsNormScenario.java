package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/** RMS norm over groups of each row (the whole row, or each head), optionally in place. */
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
    public String toString() {
        return "RmsNorm width %d, groups of %d, %s weight, %d rows%s"
                .formatted(inputs[0].length, groupWidth, weightType, inputs.length, inPlace ? ", in place" : "");
    }
}
