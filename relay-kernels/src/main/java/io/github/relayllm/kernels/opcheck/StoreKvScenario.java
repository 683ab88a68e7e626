package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/**
 * Keys and values of each row stored at the row's slot of an F32 or F16 cache; a row's output is its
 * cache row of keys followed by its cache row of values, read back. Exact: F16 rounds to nearest even.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param keys {@code [rows][width]}
 * @param values as {@code keys}
 * @param slots one distinct cache row per row, below {@code cacheRows}
 * @param cacheType F32 or F16
 */
public record StoreKvScenario(float[][] keys, float[][] values, int[] slots, DType cacheType, int cacheRows)
        implements OpScenario {

    @Override
    public int rows() {
        return keys.length;
    }

    @Override
    public double tolerance() {
        return 0;
    }

    @Override
    public float[][] run(BackendDriver driver, int[] selection) {
        int rows = selection.length;
        int width = keys[0].length;
        Buffer k = driver.rows(OpScenario.pick(keys, selection));
        Buffer v = driver.rows(OpScenario.pick(values, selection));
        Buffer kCache = driver.zeros(cacheType, cacheRows, width);
        Buffer vCache = driver.zeros(cacheType, cacheRows, width);
        int[] picked = OpScenario.pick(slots, selection);
        driver.run(new Step(rows, 0), new Op.StoreKv(k, v, kCache, vCache, driver.ints(picked)));
        float[][] storedKeys = driver.readRows(kCache, cacheRows);
        float[][] storedValues = driver.readRows(vCache, cacheRows);
        float[][] result = new float[rows][2 * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(storedKeys[picked[r]], 0, result[r], 0, width);
            System.arraycopy(storedValues[picked[r]], 0, result[r], width, width);
        }
        return result;
    }

    @Override
    public String op() {
        return "StoreKv";
    }

    @Override
    public DType dtype() {
        return cacheType;
    }

    @Override
    public String shape() {
        return "slots=%d width=%d rows=%d".formatted(cacheRows, keys[0].length, keys.length);
    }

    @Override
    public long work() {
        return 2L * keys.length * keys[0].length;
    }

    @Override
    public String toString() {
        return label();
    }
}
