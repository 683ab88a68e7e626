package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/**
 * The index of each row's first largest value, as a one-element float row; exact.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param logits {@code [rows][width]}
 * @param description what the values are like, one word for the table: {@code random}, {@code ties},
 *     {@code non-finite}
 */
public record ArgmaxScenario(float[][] logits, String description) implements OpScenario {

    @Override
    public int rows() {
        return logits.length;
    }

    @Override
    public double tolerance() {
        return 0;
    }

    @Override
    public float[][] run(BackendDriver driver, int[] selection) {
        int rows = selection.length;
        Buffer in = driver.rows(OpScenario.pick(logits, selection));
        Buffer out = driver.ints(new int[rows]);
        driver.run(new Step(rows, rows), new Op.Argmax(in, out));
        int[] indices = driver.readInts(out, rows);
        float[][] result = new float[rows][1];
        for (int r = 0; r < rows; r++) {
            result[r][0] = indices[r];
        }
        return result;
    }

    @Override
    public String op() {
        return "Argmax";
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public String shape() {
        return "width=%d rows=%d %s".formatted(logits[0].length, logits.length, description);
    }

    @Override
    public long work() {
        return (long) logits.length * logits[0].length;
    }

    @Override
    public String toString() {
        return label();
    }
}
