package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/**
 * Copies of token rows into output rows: every token row is in the step, and each selected output row
 * names the token row it copies. Exact.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param tokenRows {@code [tokens][width]}: every step runs all of them
 * @param sources one index into {@code tokenRows} per output row
 */
public record GatherScenario(float[][] tokenRows, int[] sources) implements OpScenario {

    @Override
    public int rows() {
        return sources.length;
    }

    @Override
    public double tolerance() {
        return 0;
    }

    @Override
    public float[][] run(BackendDriver driver, int[] selection) {
        int outputs = selection.length;
        Buffer in = driver.rows(tokenRows);
        Buffer indices = driver.ints(OpScenario.pick(sources, selection));
        Buffer out = driver.zeros(DType.F32, outputs, tokenRows[0].length);
        driver.run(new Step(tokenRows.length, outputs), new Op.Gather(in, indices, out));
        return driver.readRows(out, outputs);
    }

    @Override
    public String op() {
        return "Gather";
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public String shape() {
        return "tokens=%d width=%d outputs=%d".formatted(tokenRows.length, tokenRows[0].length, sources.length);
    }

    @Override
    public long work() {
        return (long) sources.length * tokenRows[0].length;
    }

    @Override
    public String toString() {
        return label();
    }
}
