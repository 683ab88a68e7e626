package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Tensor;

/** The rows of an embedding table of any dtype for a list of token ids. Decoding is exact. */
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
    public String toString() {
        return "Embed %s %s, %d tokens".formatted(table.dtype(), table.shape(), tokens.length);
    }
}
