package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;

/**
 * Four weight rows (output columns) decoded to floats, and their products with input rows: the
 * register tiles every vectorized kernel shares, whatever the weight dtype.
 *
 * <p>Every output element gets the same sequence of operations wherever it is computed: one vector
 * accumulator, {@code acc = fma(w[i..i+L), x[i..i+L), acc)} for each whole vector of {@code k} in
 * increasing order, {@link KernelSpecies#sum the lanes summed in a fixed order}, then {@code sum =
 * fma(w[i], x[i], sum)} for the {@code k mod L} elements left. Tiles of six, four or one input rows,
 * and panels holding one to four distinct columns, only change which elements run side by side: that
 * is what makes the kernels batch invariant.
 *
 * <p>The six-row tile keeps 24 accumulators, four weight vectors and an input vector in registers,
 * which needs AVX-512's 32; it loads ten vectors per 24 fused multiply-adds where the four-row tile
 * loads eight per 16, and prefill is bound by those loads (the input rows come from L2). With
 * narrower vectors, where x86 may have only 16 registers, the four-row tile is the widest.
 *
 * <p>The panel and the input rows start on a 64-byte boundary ({@link AlignedFloats}): the JVM aligns
 * an array's elements to 16 bytes, and a 512-bit load that straddles two cache lines made prefill a
 * quarter slower (Q8_0 pp128 115-123 against 154-168 t/s).
 *
 * <p>A panel holds {@code 4 * k} floats and the bytes of four weight rows. It lives in a {@link
 * MatMulScratch}, grows to the largest shape it is {@link #prepare prepared} for and is reused for
 * every column group and call after; it is not thread-safe.
 */
final class ColumnPanel {
    /** Weight rows decoded together; output columns computed side by side. */
    static final int COLUMNS = 4;

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Whether the six-row tile is used: with 512-bit vectors, so 32 vector registers. */
    private static final boolean SIX_ROW_TILES = LANES >= 16;

    private final float[] accumulators = new float[6 * COLUMNS * LANES];
    private final AlignedFloats panel = new AlignedFloats();
    private float[] weights = new float[0];
    /** Index of the panel's first weight in {@code weights}: on a cache line. */
    private int weightsStart;

    private byte[] staging = new byte[0];
    private int k;
    private int vectorEnd;
    private long rowBytes;
    private int firstColumn;
    /** Index of input row 0 in the array {@link #multiply} reads: on a cache line. */
    private int inputsStart;

    private int columns;

    /** Readies the panel for weight rows of {@code k} weights in {@code rowBytes} bytes. */
    ColumnPanel prepare(int k, long rowBytes) {
        this.k = k;
        this.vectorEnd = k - k % LANES;
        this.rowBytes = rowBytes;
        panel.align(COLUMNS * k);
        weights = panel.array();
        weightsStart = panel.start();
        if (staging.length < COLUMNS * rowBytes) {
            staging = new byte[Math.toIntExact(COLUMNS * rowBytes)];
        }
        return this;
    }

    /**
     * Decodes the weight rows of columns {@code first} to {@code min(first + 4, end) - 1}. When fewer
     * than four remain, the last one is repeated so the tiles below always run four columns.
     */
    void decode(VectorMatMul kernel, MemorySegment matrix, int first, int end) {
        firstColumn = first;
        columns = Math.min(COLUMNS, end - first);
        kernel.decodeRows(matrix, first * rowBytes, columns, k, weights, weightsStart, staging);
        for (int c = columns; c < COLUMNS; c++) {
            System.arraycopy(weights, weightsStart + (columns - 1) * k, weights, weightsStart + c * k, k);
        }
    }

    /**
     * Writes {@code out[r][column]} for every row {@code r < rows} and the panel's columns, reading
     * input row {@code r} from {@code in[start + r k, start + (r + 1) k)}.
     */
    void multiply(float[] in, int start, int rows, MemorySegment out, int n) {
        this.inputsStart = start;
        int r = 0;
        if (SIX_ROW_TILES) {
            for (; r + 6 <= rows; r += 6) {
                accumulateSixRows(in, r);
                finish(in, r, 6, out, n);
            }
        }
        for (; r + 4 <= rows; r += 4) {
            accumulateFourRows(in, r);
            finish(in, r, 4, out, n);
        }
        for (; r < rows; r++) {
            accumulateOneRow(in, r);
            finish(in, r, 1, out, n);
        }
    }

    // The tiles leave their accumulators in `accumulators` (tile row t, column c at slot 4t + c) and
    // finish() sums them: kept apart, each method is small enough for C2 to compile with every vector
    // operation inlined. A method holding both would run out of inlining budget and box vectors.

    private void accumulateOneRow(float[] in, int r) {
        int x = inputsStart + r * k;
        float[] w = weights;
        int w0 = weightsStart;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector xv = FloatVector.fromArray(FLOATS, in, x + i);
            a0 = FloatVector.fromArray(FLOATS, w, w0 + i).fma(xv, a0);
            a1 = FloatVector.fromArray(FLOATS, w, w1 + i).fma(xv, a1);
            a2 = FloatVector.fromArray(FLOATS, w, w2 + i).fma(xv, a2);
            a3 = FloatVector.fromArray(FLOATS, w, w3 + i).fma(xv, a3);
        }
        float[] acc = accumulators;
        a0.intoArray(acc, 0);
        a1.intoArray(acc, LANES);
        a2.intoArray(acc, 2 * LANES);
        a3.intoArray(acc, 3 * LANES);
    }

    private void accumulateSixRows(float[] in, int r) {
        int x0 = inputsStart + r * k;
        int x1 = x0 + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        int x4 = x3 + k;
        int x5 = x4 + k;
        float[] w = weights;
        int w0 = weightsStart;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        FloatVector zero = FloatVector.zero(FLOATS);
        FloatVector a00 = zero, a01 = zero, a02 = zero, a03 = zero;
        FloatVector a10 = zero, a11 = zero, a12 = zero, a13 = zero;
        FloatVector a20 = zero, a21 = zero, a22 = zero, a23 = zero;
        FloatVector a30 = zero, a31 = zero, a32 = zero, a33 = zero;
        FloatVector a40 = zero, a41 = zero, a42 = zero, a43 = zero;
        FloatVector a50 = zero, a51 = zero, a52 = zero, a53 = zero;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, w, w0 + i);
            FloatVector v1 = FloatVector.fromArray(FLOATS, w, w1 + i);
            FloatVector v2 = FloatVector.fromArray(FLOATS, w, w2 + i);
            FloatVector v3 = FloatVector.fromArray(FLOATS, w, w3 + i);
            FloatVector xv = FloatVector.fromArray(FLOATS, in, x0 + i);
            a00 = v0.fma(xv, a00);
            a01 = v1.fma(xv, a01);
            a02 = v2.fma(xv, a02);
            a03 = v3.fma(xv, a03);
            xv = FloatVector.fromArray(FLOATS, in, x1 + i);
            a10 = v0.fma(xv, a10);
            a11 = v1.fma(xv, a11);
            a12 = v2.fma(xv, a12);
            a13 = v3.fma(xv, a13);
            xv = FloatVector.fromArray(FLOATS, in, x2 + i);
            a20 = v0.fma(xv, a20);
            a21 = v1.fma(xv, a21);
            a22 = v2.fma(xv, a22);
            a23 = v3.fma(xv, a23);
            xv = FloatVector.fromArray(FLOATS, in, x3 + i);
            a30 = v0.fma(xv, a30);
            a31 = v1.fma(xv, a31);
            a32 = v2.fma(xv, a32);
            a33 = v3.fma(xv, a33);
            xv = FloatVector.fromArray(FLOATS, in, x4 + i);
            a40 = v0.fma(xv, a40);
            a41 = v1.fma(xv, a41);
            a42 = v2.fma(xv, a42);
            a43 = v3.fma(xv, a43);
            xv = FloatVector.fromArray(FLOATS, in, x5 + i);
            a50 = v0.fma(xv, a50);
            a51 = v1.fma(xv, a51);
            a52 = v2.fma(xv, a52);
            a53 = v3.fma(xv, a53);
        }
        float[] acc = accumulators;
        a00.intoArray(acc, 0);
        a01.intoArray(acc, LANES);
        a02.intoArray(acc, 2 * LANES);
        a03.intoArray(acc, 3 * LANES);
        a10.intoArray(acc, 4 * LANES);
        a11.intoArray(acc, 5 * LANES);
        a12.intoArray(acc, 6 * LANES);
        a13.intoArray(acc, 7 * LANES);
        a20.intoArray(acc, 8 * LANES);
        a21.intoArray(acc, 9 * LANES);
        a22.intoArray(acc, 10 * LANES);
        a23.intoArray(acc, 11 * LANES);
        a30.intoArray(acc, 12 * LANES);
        a31.intoArray(acc, 13 * LANES);
        a32.intoArray(acc, 14 * LANES);
        a33.intoArray(acc, 15 * LANES);
        a40.intoArray(acc, 16 * LANES);
        a41.intoArray(acc, 17 * LANES);
        a42.intoArray(acc, 18 * LANES);
        a43.intoArray(acc, 19 * LANES);
        a50.intoArray(acc, 20 * LANES);
        a51.intoArray(acc, 21 * LANES);
        a52.intoArray(acc, 22 * LANES);
        a53.intoArray(acc, 23 * LANES);
    }

    private void accumulateFourRows(float[] in, int r) {
        int x0 = inputsStart + r * k;
        int x1 = x0 + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        float[] w = weights;
        int w0 = weightsStart;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        FloatVector zero = FloatVector.zero(FLOATS);
        FloatVector a00 = zero, a01 = zero, a02 = zero, a03 = zero;
        FloatVector a10 = zero, a11 = zero, a12 = zero, a13 = zero;
        FloatVector a20 = zero, a21 = zero, a22 = zero, a23 = zero;
        FloatVector a30 = zero, a31 = zero, a32 = zero, a33 = zero;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, w, w0 + i);
            FloatVector v1 = FloatVector.fromArray(FLOATS, w, w1 + i);
            FloatVector v2 = FloatVector.fromArray(FLOATS, w, w2 + i);
            FloatVector v3 = FloatVector.fromArray(FLOATS, w, w3 + i);
            FloatVector xv = FloatVector.fromArray(FLOATS, in, x0 + i);
            a00 = v0.fma(xv, a00);
            a01 = v1.fma(xv, a01);
            a02 = v2.fma(xv, a02);
            a03 = v3.fma(xv, a03);
            xv = FloatVector.fromArray(FLOATS, in, x1 + i);
            a10 = v0.fma(xv, a10);
            a11 = v1.fma(xv, a11);
            a12 = v2.fma(xv, a12);
            a13 = v3.fma(xv, a13);
            xv = FloatVector.fromArray(FLOATS, in, x2 + i);
            a20 = v0.fma(xv, a20);
            a21 = v1.fma(xv, a21);
            a22 = v2.fma(xv, a22);
            a23 = v3.fma(xv, a23);
            xv = FloatVector.fromArray(FLOATS, in, x3 + i);
            a30 = v0.fma(xv, a30);
            a31 = v1.fma(xv, a31);
            a32 = v2.fma(xv, a32);
            a33 = v3.fma(xv, a33);
        }
        float[] acc = accumulators;
        a00.intoArray(acc, 0);
        a01.intoArray(acc, LANES);
        a02.intoArray(acc, 2 * LANES);
        a03.intoArray(acc, 3 * LANES);
        a10.intoArray(acc, 4 * LANES);
        a11.intoArray(acc, 5 * LANES);
        a12.intoArray(acc, 6 * LANES);
        a13.intoArray(acc, 7 * LANES);
        a20.intoArray(acc, 8 * LANES);
        a21.intoArray(acc, 9 * LANES);
        a22.intoArray(acc, 10 * LANES);
        a23.intoArray(acc, 11 * LANES);
        a30.intoArray(acc, 12 * LANES);
        a31.intoArray(acc, 13 * LANES);
        a32.intoArray(acc, 14 * LANES);
        a33.intoArray(acc, 15 * LANES);
    }

    /**
     * Writes the outputs of input rows {@code r} to {@code r + tileRows - 1}: for each, the lanes of
     * its accumulator summed, then the products past the last whole vector added one by one.
     */
    private void finish(float[] in, int r, int tileRows, MemorySegment out, int n) {
        for (int t = 0; t < tileRows; t++) {
            int x = inputsStart + (r + t) * k;
            long outRow = (long) (r + t) * n + firstColumn;
            for (int c = 0; c < columns; c++) {
                float sum = KernelSpecies.sum(FloatVector.fromArray(FLOATS, accumulators, (4 * t + c) * LANES));
                int w = weightsStart + c * k;
                for (int i = vectorEnd; i < k; i++) {
                    sum = Math.fma(weights[w + i], in[x + i], sum);
                }
                out.setAtIndex(FLOAT, outRow + c, sum);
            }
        }
    }
}
