package io.github.relayllm.kernels.opcheck;

/**
 * One op with fixed random inputs for a number of rows, which can be run on any backend for any
 * selection of those rows, in any order. The contract tests run all rows on the reference and on the
 * backend under test and compare; the batch invariance tests run a row alone, with all others and in
 * shuffled company, and compare bits.
 */
public interface OpScenario {

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
