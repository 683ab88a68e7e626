package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Tensor;

/**
 * The rows of an embedding table of any dtype for a list of token ids. Decoding is exact.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param table {@code [vocabulary, width]}
 * @param tokens one token id per row, each below the vocabulary size
 */
public record EmbedScenario(Tensor table, int[] tokens) implements OpScenario {

    @Override
    public int rows() {
        return tokens.length;
    }

    @Override
    public double tolerance() {
        return 0;
    }

    @Override
    public float[][] run(BackendDriver driver, int[] selection) {
        int rows = selection.length;
        Buffer t = driver.backend().weights(table);
        Buffer ids = driver.ints(OpScenario.pick(tokens, selection));
        Buffer out = driver.zeros(DType.F32, rows, table.shape().rowLength());
        driver.run(new Step(rows, 0), new Op.Embed(t, ids, out));
        return driver.readRows(out, rows);
    }

    @Override
    public String op() {
        return "Embed";
    }

    @Override
    public DType dtype() {
        return table.dtype();
    }

    @Override
    public String shape() {
        return "vocab=%d width=%d tokens=%d"
                .formatted(table.shape().rowCount(), table.shape().rowLength(), tokens.length);
    }

    @Override
    public long work() {
        return (long) tokens.length * table.shape().rowLength();
    }

    @Override
    public String toString() {
        return label();
    }
}
