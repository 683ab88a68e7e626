package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;

/**
 * Eight weight rows (output columns) decoded to floats, and their products with input rows: the
 * register tiles every vectorized kernel shares, whatever the weight dtype.
 *
 * <p>Every output element gets the same sequence of operations wherever it is computed: one vector
 * accumulator, {@code acc = fma(w[i..i+L), x[i..i+L), acc)} for each whole vector of {@code k} in
 * increasing order, {@link KernelSpecies#sum the lanes summed in a fixed order}, then {@code sum =
 * fma(w[i], x[i], sum)} for the {@code k mod L} elements left. Tiles of three, four or one input rows,
 * and panels holding one to eight distinct columns, only change which elements run side by side:
 * that is what makes the kernels batch invariant.
 *
 * <p>With AVX-512's 32 registers the three-row tile spans all eight columns: 24 accumulators, three
 * input vectors and one weight vector, 11 loads per 24 fused multiply-adds, of which only the three
 * input loads come from L2 (the panel, {@code 8 k} floats, stays in L1 for {@code k} up to 1024). The
 * six-row, four-column tile it replaced loaded six input vectors from L2 per 24. With narrower
 * vectors, where x86 may have 16 registers, a four-row, four-column tile runs over each half of the
 * panel.
 *
 * <p>Both the panel and the input rows start on a 64-byte boundary ({@link AlignedFloats}): a vector
 * load that straddles two cache lines slowed the tiles by 15-30%.
 *
 * <p>A panel holds {@code 8 k} floats and the bytes of eight weight rows. It lives in a {@link
 * MatMulScratch}, grows to the largest shape it is {@link #prepare prepared} for and is reused for
 * every column group and call after; it is not thread-safe.
 */
final class ColumnPanel {
    /** Weight rows decoded together; output columns computed side by side. */
    static final int COLUMNS = 8;

    private static final int HALF = COLUMNS / 2;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Whether the three-row tile spans the panel: with 512-bit vectors, so 32 vector registers. */
    private static final boolean WIDE_TILES = LANES >= 16;

    private final float[] accumulators = new float[4 * COLUMNS * LANES];
    private final AlignedFloats panel = new AlignedFloats();
    private float[] weights = new float[0];
    private int w0;
    private byte[] staging = new byte[0];
    private int k;
    private int vectorEnd;
    private long rowBytes;
    private int firstColumn;
    private int columns;

    /** Readies the panel for weight rows of {@code k} weights in {@code rowBytes} bytes. */
    ColumnPanel prepare(int k, long rowBytes) {
        this.k = k;
        this.vectorEnd = k - k % LANES;
        this.rowBytes = rowBytes;
        panel.align(COLUMNS * k);
        weights = panel.array();
        w0 = panel.start();
        if (staging.length < COLUMNS * rowBytes) {
            staging = new byte[Math.toIntExact(COLUMNS * rowBytes)];
        }
        return this;
    }

    /**
     * Decodes the weight rows of columns {@code first} to {@code min(first + 8, end) - 1}. When fewer
     * than eight remain, the last one is repeated so the tiles below always run eight columns.
     */
    void decode(VectorMatMul kernel, MemorySegment matrix, int first, int end) {
        firstColumn = first;
        columns = Math.min(COLUMNS, end - first);
        kernel.decodeRows(matrix, first * rowBytes, columns, k, weights, w0, staging);
        for (int c = columns; c < COLUMNS; c++) {
            System.arraycopy(weights, w0 + (columns - 1) * k, weights, w0 + c * k, k);
        }
    }

    /**
     * Writes {@code out[r][column]} for every row {@code r < rows} and the panel's columns, reading
     * input row {@code r} from {@code in[x0 + r k, x0 + (r + 1) k)}.
     */
    void multiply(float[] in, int x0, int rows, MemorySegment out, int n) {
        int r = 0;
        if (WIDE_TILES) {
            for (; r + 3 <= rows; r += 3) {
                accumulateThreeRows(in, x0 + r * k);
                finish(in, x0, r, 3, out, n);
            }
        } else {
            for (; r + 4 <= rows; r += 4) {
                accumulateFourRows(in, x0 + r * k, 0);
                accumulateFourRows(in, x0 + r * k, HALF);
                finish(in, x0, r, 4, out, n);
            }
        }
        for (; r < rows; r++) {
            accumulateOneRow(in, x0 + r * k, 0);
            accumulateOneRow(in, x0 + r * k, HALF);
            finish(in, x0, r, 1, out, n);
        }
    }

    // The tiles leave their accumulators in `accumulators` (tile row t, column c at slot 8t + c) and
    // finish() sums them: kept apart, each method is small enough for C2 to compile with every vector
    // operation inlined. A method holding both would run out of inlining budget and box vectors.

    /** One input row (from {@code in[x]}) against four columns from {@code firstColumn}. */
    private void accumulateOneRow(float[] in, int x, int firstColumn) {
        float[] w = weights;
        int wa = w0 + firstColumn * k;
        int wb = wa + k;
        int wc = wb + k;
        int wd = wc + k;
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector xv = FloatVector.fromArray(FLOATS, in, x + i);
            a0 = FloatVector.fromArray(FLOATS, w, wa + i).fma(xv, a0);
            a1 = FloatVector.fromArray(FLOATS, w, wb + i).fma(xv, a1);
            a2 = FloatVector.fromArray(FLOATS, w, wc + i).fma(xv, a2);
            a3 = FloatVector.fromArray(FLOATS, w, wd + i).fma(xv, a3);
        }
        float[] acc = accumulators;
        int slot = firstColumn * LANES;
        a0.intoArray(acc, slot);
        a1.intoArray(acc, slot + LANES);
        a2.intoArray(acc, slot + 2 * LANES);
        a3.intoArray(acc, slot + 3 * LANES);
    }

    /** Three input rows (from {@code in[x]}, {@code k} apart) against all eight columns. */
    private void accumulateThreeRows(float[] in, int x) {
        int xa = x;
        int xb = xa + k;
        int xc = xb + k;
        float[] w = weights;

        int wa = w0;
        int wb = wa + k;
        int wc = wb + k;
        int wd = wc + k;
        int we = wd + k;
        int wf = we + k;
        int wg = wf + k;
        int wh = wg + k;
        FloatVector zero = FloatVector.zero(FLOATS);
        FloatVector a00 = zero, a01 = zero, a02 = zero, a03 = zero, a04 = zero, a05 = zero, a06 = zero, a07 = zero;
        FloatVector a10 = zero, a11 = zero, a12 = zero, a13 = zero, a14 = zero, a15 = zero, a16 = zero, a17 = zero;
        FloatVector a20 = zero, a21 = zero, a22 = zero, a23 = zero, a24 = zero, a25 = zero, a26 = zero, a27 = zero;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector x0 = FloatVector.fromArray(FLOATS, in, xa + i);
            FloatVector x1 = FloatVector.fromArray(FLOATS, in, xb + i);
            FloatVector x2 = FloatVector.fromArray(FLOATS, in, xc + i);
            FloatVector v = FloatVector.fromArray(FLOATS, w, wa + i);
            a00 = v.fma(x0, a00);
            a10 = v.fma(x1, a10);
            a20 = v.fma(x2, a20);
            v = FloatVector.fromArray(FLOATS, w, wb + i);
            a01 = v.fma(x0, a01);
            a11 = v.fma(x1, a11);
            a21 = v.fma(x2, a21);
            v = FloatVector.fromArray(FLOATS, w, wc + i);
            a02 = v.fma(x0, a02);
            a12 = v.fma(x1, a12);
            a22 = v.fma(x2, a22);
            v = FloatVector.fromArray(FLOATS, w, wd + i);
            a03 = v.fma(x0, a03);
            a13 = v.fma(x1, a13);
            a23 = v.fma(x2, a23);
            v = FloatVector.fromArray(FLOATS, w, we + i);
            a04 = v.fma(x0, a04);
            a14 = v.fma(x1, a14);
            a24 = v.fma(x2, a24);
            v = FloatVector.fromArray(FLOATS, w, wf + i);
            a05 = v.fma(x0, a05);
            a15 = v.fma(x1, a15);
            a25 = v.fma(x2, a25);
            v = FloatVector.fromArray(FLOATS, w, wg + i);
            a06 = v.fma(x0, a06);
            a16 = v.fma(x1, a16);
            a26 = v.fma(x2, a26);
            v = FloatVector.fromArray(FLOATS, w, wh + i);
            a07 = v.fma(x0, a07);
            a17 = v.fma(x1, a17);
            a27 = v.fma(x2, a27);
        }
        float[] acc = accumulators;
        a00.intoArray(acc, 0 * LANES);
        a01.intoArray(acc, 1 * LANES);
        a02.intoArray(acc, 2 * LANES);
        a03.intoArray(acc, 3 * LANES);
        a04.intoArray(acc, 4 * LANES);
        a05.intoArray(acc, 5 * LANES);
        a06.intoArray(acc, 6 * LANES);
        a07.intoArray(acc, 7 * LANES);
        a10.intoArray(acc, 8 * LANES);
        a11.intoArray(acc, 9 * LANES);
        a12.intoArray(acc, 10 * LANES);
        a13.intoArray(acc, 11 * LANES);
        a14.intoArray(acc, 12 * LANES);
        a15.intoArray(acc, 13 * LANES);
        a16.intoArray(acc, 14 * LANES);
        a17.intoArray(acc, 15 * LANES);
        a20.intoArray(acc, 16 * LANES);
        a21.intoArray(acc, 17 * LANES);
        a22.intoArray(acc, 18 * LANES);
        a23.intoArray(acc, 19 * LANES);
        a24.intoArray(acc, 20 * LANES);
        a25.intoArray(acc, 21 * LANES);
        a26.intoArray(acc, 22 * LANES);
        a27.intoArray(acc, 23 * LANES);
    }

    /** Four input rows (from {@code in[x]}, {@code k} apart) against four columns from {@code firstColumn}. */
    private void accumulateFourRows(float[] in, int x, int firstColumn) {
        int xa = x;
        int xb = xa + k;
        int xc = xb + k;
        int xd = xc + k;
        float[] w = weights;
        int wa = w0 + firstColumn * k;
        int wb = wa + k;
        int wc = wb + k;
        int wd = wc + k;
        FloatVector zero = FloatVector.zero(FLOATS);
        FloatVector a00 = zero, a01 = zero, a02 = zero, a03 = zero;
        FloatVector a10 = zero, a11 = zero, a12 = zero, a13 = zero;
        FloatVector a20 = zero, a21 = zero, a22 = zero, a23 = zero;
        FloatVector a30 = zero, a31 = zero, a32 = zero, a33 = zero;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, w, wa + i);
            FloatVector v1 = FloatVector.fromArray(FLOATS, w, wb + i);
            FloatVector v2 = FloatVector.fromArray(FLOATS, w, wc + i);
            FloatVector v3 = FloatVector.fromArray(FLOATS, w, wd + i);
            FloatVector xv = FloatVector.fromArray(FLOATS, in, xa + i);
            a00 = v0.fma(xv, a00);
            a01 = v1.fma(xv, a01);
            a02 = v2.fma(xv, a02);
            a03 = v3.fma(xv, a03);
            xv = FloatVector.fromArray(FLOATS, in, xb + i);
            a10 = v0.fma(xv, a10);
            a11 = v1.fma(xv, a11);
            a12 = v2.fma(xv, a12);
            a13 = v3.fma(xv, a13);
            xv = FloatVector.fromArray(FLOATS, in, xc + i);
            a20 = v0.fma(xv, a20);
            a21 = v1.fma(xv, a21);
            a22 = v2.fma(xv, a22);
            a23 = v3.fma(xv, a23);
            xv = FloatVector.fromArray(FLOATS, in, xd + i);
            a30 = v0.fma(xv, a30);
            a31 = v1.fma(xv, a31);
            a32 = v2.fma(xv, a32);
            a33 = v3.fma(xv, a33);
        }
        float[] acc = accumulators;
        int slot = firstColumn * LANES;
        a00.intoArray(acc, slot);
        a01.intoArray(acc, slot + LANES);
        a02.intoArray(acc, slot + 2 * LANES);
        a03.intoArray(acc, slot + 3 * LANES);
        a10.intoArray(acc, slot + 8 * LANES);
        a11.intoArray(acc, slot + 9 * LANES);
        a12.intoArray(acc, slot + 10 * LANES);
        a13.intoArray(acc, slot + 11 * LANES);
        a20.intoArray(acc, slot + 16 * LANES);
        a21.intoArray(acc, slot + 17 * LANES);
        a22.intoArray(acc, slot + 18 * LANES);
        a23.intoArray(acc, slot + 19 * LANES);
        a30.intoArray(acc, slot + 24 * LANES);
        a31.intoArray(acc, slot + 25 * LANES);
        a32.intoArray(acc, slot + 26 * LANES);
        a33.intoArray(acc, slot + 27 * LANES);
    }

    /**
     * Writes the outputs of input rows {@code r} to {@code r + tileRows - 1}: for each, the lanes of
     * its accumulator summed, then the products past the last whole vector added one by one.
     */
    private void finish(float[] in, int x0, int r, int tileRows, MemorySegment out, int n) {
        for (int t = 0; t < tileRows; t++) {
            int x = x0 + (r + t) * k;
            long outRow = (long) (r + t) * n + firstColumn;
            for (int c = 0; c < columns; c++) {
                float sum = KernelSpecies.sum(FloatVector.fromArray(FLOATS, accumulators, (COLUMNS * t + c) * LANES));
                int w = w0 + c * k;
                for (int i = vectorEnd; i < k; i++) {
                    sum = Math.fma(weights[w + i], in[x + i], sum);
                }
                out.setAtIndex(FLOAT, outRow + c, sum);
            }
        }
    }
}
