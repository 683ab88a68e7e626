package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/** Rotary embedding of every head of each row, at the row's position. */
public record RopeScenario(
        float[][] inputs, int[] positions, float[] inverseFrequencies, int headDim, RopeLayout layout)
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
        Buffer x = driver.rows(OpScenario.pick(inputs, selection));
        Buffer p = driver.ints(OpScenario.pick(positions, selection));
        Buffer f = driver.upload(DType.F32, inverseFrequencies, inverseFrequencies.length);
        driver.run(new Step(rows, rows), new Op.Rope(x, p, f, headDim, layout));
        return driver.readRows(x, rows);
    }

    @Override
    public String toString() {
        return "Rope %s, heads of %d in rows of %d, %d rows"
                .formatted(layout, headDim, inputs[0].length, inputs.length);
    }
}
