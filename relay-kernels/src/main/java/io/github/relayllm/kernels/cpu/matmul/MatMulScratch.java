package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

/**
 * The working memory of {@link MatMulKernel#multiply} on one thread: the column panel, the input rows
 * copied to an aligned array (the tiles read arrays faster than segments), the weight row offsets and
 * accumulators of the single-row path. Arrays grow to the largest shape seen and are then reused, so
 * a thread that keeps one scratch multiplies without allocating once it has seen each shape.
 *
 * <p>Not thread-safe: one per thread (the CPU backend keeps one per worker). Costs about {@code 4k}
 * floats for the panel, four weight rows, and {@code rows k} floats for the inputs of the largest
 * call (3 MiB for 256 rows of 3072).
 */
public final class MatMulScratch {
    /** The most weight rows any kernel multiplies in one pass. */
    static final int MAX_FUSED_ROWS = ColumnPanel.COLUMNS;

    final ColumnPanel panel = new ColumnPanel();
    /** The input rows, copied to an aligned array: the tiles read arrays faster than segments. */
    final AlignedFloats inputs = new AlignedFloats();

    final float[] sums = new float[MAX_FUSED_ROWS * LANES];
    final long[] offsets = new long[MAX_FUSED_ROWS];
    /** Four rows of {@link F16MatMul#CHUNK} widened weights, for F16's single-row path. */
    final float[] widened = new float[4 * F16MatMul.CHUNK];

    private final byte[][] rows = new byte[MAX_FUSED_ROWS][0];
    private float[] floats = new float[0];

    /** An empty scratch; it grows on first use. */
    public MatMulScratch() {}

    /** An array of at least {@code length} floats, contents undefined. */
    float[] floats(int length) {
        if (floats.length < length) {
            floats = new float[length];
        }
        return floats;
    }

    /** The {@link #MAX_FUSED_ROWS} row arrays, each at least {@code rowBytes} long. */
    byte[][] rows(int rowBytes) {
        for (int c = 0; c < rows.length; c++) {
            if (rows[c].length < rowBytes) {
                rows[c] = new byte[rowBytes];
            }
        }
        return rows;
    }
}
