package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.tensor.DType;

/**
 * One op with fixed random inputs for a number of rows, which can be run on any backend for any
 * selection of those rows, in any order. The contract tests and {@link OpsCheck} run all rows on the
 * reference and on the backend under test and compare; the batch invariance tests run a row alone,
 * with all others and in shuffled company, and compare bits.
 *
 * <p>A scenario holds its inputs on the Java heap and allocates the backend buffers it needs on each
 * run; they live as long as the backend's memory does. Implementations are immutable records.
 */
public interface OpScenario {

    /**
     * The op's name in the vocabulary of {@link io.github.relayllm.kernels.backend.Op}: {@code MatMul},
     * {@code Embed}, {@code RmsNorm}, {@code Rope}, {@code Add}, {@code SwiGlu}, {@code Softmax},
     * {@code Argmax}, {@code Gather}, {@code StoreKv} or {@code Attention}.
     */
    String op();

    /**
     * The dtype that picks the kernel: the weight's for matmul and embedding, the norm weight's for
     * RMS norm, the cache's for storing keys and values and for attention, F32 for the others.
     */
    DType dtype();

    /**
     * The scenario's sizes as {@code name=value} words, and the code paths it takes (a bias, in place,
     * a RoPE layout, ties) as bare words, for a table: {@code "n=33 k=64 rows=17 bias"}. The small grid
     * tells code paths apart by the bare words.
     */
    String shape();

    /**
     * About how many multiply-adds or element operations running all rows takes: {@code n·k·rows}
     * for a matmul, the sum over rows of {@code heads·headDim·(position + 1)} for attention, the
     * elements written for the others. The small grid bounds it.
     */
    long work();

    /** Rows the scenario has inputs for. */
    int rows();

    /** The NMSE the backend must stay below against the reference; 0 when results must be exact. */
    double tolerance();

    /**
     * Runs the op on {@code driver}'s backend for the rows {@code selection} (indices into the
     * scenario's rows, which become rows 0, 1, .. of the step), and returns each selected row's
     * output.
     */
    float[][] run(BackendDriver driver, int[] selection);

    /** Runs every row, in order. */
    default float[][] runAll(BackendDriver driver) {
        int[] all = new int[rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return run(driver, all);
    }

    /** Op, dtype and shape in one line: {@code "MatMul Q4_K n=33 k=256 rows=4 bias"}. */
    default String label() {
        return op() + " " + dtype() + " " + shape();
    }

    /** The rows of {@code rows} that {@code selection} names, in its order. */
    static float[][] pick(float[][] rows, int[] selection) {
        float[][] picked = new float[selection.length][];
        for (int i = 0; i < selection.length; i++) {
            picked[i] = rows[selection[i]];
        }
        return picked;
    }

    /** The entries of {@code values} that {@code selection} names, in its order. */
    static int[] pick(int[] values, int[] selection) {
        int[] picked = new int[selection.length];
        for (int i = 0; i < selection.length; i++) {
            picked[i] = values[selection[i]];
        }
        return picked;
    }
}
