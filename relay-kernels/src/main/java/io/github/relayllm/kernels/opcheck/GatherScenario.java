package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/**
 * Copies of token rows into output rows: every token row is in the step, and each selected output row
 * names the token row it copies. Exact.
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
    public String toString() {
        return "Gather %d of %d rows of %d".formatted(sources.length, tokenRows.length, tokenRows[0].length);
    }
}
