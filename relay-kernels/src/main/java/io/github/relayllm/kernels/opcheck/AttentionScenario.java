package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import java.util.Arrays;

/**
 * Attention of query rows of several sequences over a paged cache that already holds their keys and
 * values. The block tables are scattered over the cache, and their unused entries are -1, so that a
 * backend reading beyond a row's position fails.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param heads query heads; a multiple of {@code kvHeads}
 * @param cacheType F32 or F16
 * @param rowSequence each row's sequence: an index into {@code blockTables}
 * @param rowPosition each row's position in its sequence
 * @param queries {@code [rows][heads * headDim]}
 * @param keys the whole key cache, {@code [slots][kvHeads * headDim]}
 * @param values the whole value cache, as the keys
 * @param blockTables {@code [sequences][blocks per sequence]}
 */
public record AttentionScenario(
        int heads,
        int kvHeads,
        int headDim,
        int blockSize,
        DType cacheType,
        float[][] queries,
        int[] rowSequence,
        int[] rowPosition,
        float[][] keys,
        float[][] values,
        int[][] blockTables)
        implements OpScenario {

    @Override
    public int rows() {
        return queries.length;
    }

    @Override
    public double tolerance() {
        return Nmse.REDUCTION;
    }

    @Override
    public float[][] run(BackendDriver driver, int[] selection) {
        int rows = selection.length;
        int slots = keys.length;
        int kvWidth = kvHeads * headDim;
        Buffer q = driver.rows(OpScenario.pick(queries, selection));
        Buffer kCache = driver.upload(cacheType, BackendDriver.concatenate(keys), slots, kvWidth);
        Buffer vCache = driver.upload(cacheType, BackendDriver.concatenate(values), slots, kvWidth);
        int tableWidth = blockTables[0].length;
        int[] flatTables = new int[blockTables.length * tableWidth];
        for (int s = 0; s < blockTables.length; s++) {
            System.arraycopy(blockTables[s], 0, flatTables, s * tableWidth, tableWidth);
        }
        Buffer tables = driver.ints(flatTables, blockTables.length, tableWidth);
        Buffer sequence = driver.ints(OpScenario.pick(rowSequence, selection));
        Buffer position = driver.ints(OpScenario.pick(rowPosition, selection));
        Buffer out = driver.zeros(DType.F32, rows, (long) heads * headDim);
        float scale = (float) (1 / Math.sqrt(headDim));
        driver.run(
                new Step(rows, 0),
                new Op.Attention(q, kCache, vCache, tables, sequence, position, out, headDim, blockSize, scale));
        return driver.readRows(out, rows);
    }

    @Override
    public String op() {
        return "Attention";
    }

    @Override
    public DType dtype() {
        return cacheType;
    }

    @Override
    public String shape() {
        return "heads=%d/%d head-dim=%d block=%d sequences=%d rows=%d max-position=%d"
                .formatted(
                        heads,
                        kvHeads,
                        headDim,
                        blockSize,
                        blockTables.length,
                        queries.length,
                        Arrays.stream(rowPosition).max().orElse(0));
    }

    @Override
    public long work() {
        long work = 0;
        for (int position : rowPosition) {
            work += (long) heads * headDim * (position + 1);
        }
        return work;
    }

    @Override
    public String toString() {
        return label();
    }
}
