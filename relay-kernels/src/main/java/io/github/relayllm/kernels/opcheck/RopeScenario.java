package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import java.util.Locale;

/**
 * Rotary embedding of every head of each row, at the row's position.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param inputs {@code [rows][heads * headDim]}
 * @param positions one position per row
 * @param inverseFrequencies {@code [headDim / 2]}
 */
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
    public String op() {
        return "Rope";
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public String shape() {
        return "%s head-dim=%d width=%d rows=%d"
                .formatted(layout.name().toLowerCase(Locale.ROOT), headDim, inputs[0].length, inputs.length);
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
