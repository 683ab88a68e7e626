package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.StepInputException;

/** The ops on the paged key/value cache: storing a step's keys and values, and attending over them. */
final class CacheOps {
    private CacheOps() {}

    /** Writes row {@code r} of k and v into cache row {@code slots[r]}, rounded to the cache's dtype. */
    static void storeKv(Op.StoreKv op, int rows) {
        for (int r = 0; r < rows; r++) {
            int slot = StepInputException.requireIndex(
                    "StoreKv",
                    "slot",
                    r,
                    Values.intAt(op.slots(), r),
                    op.kCache().rows());
            Values.setRow(op.kCache(), slot, Values.row(op.k(), r));
            Values.setRow(op.vCache(), slot, Values.row(op.v(), r));
        }
    }

    /**
     * For each row and query head: scores {@code s[p] = scale · q·k[p]} for the positions {@code 0..pos}
     * of the row's sequence, {@code w = softmax(s)}, and {@code out = Σ w[p] · v[p]}, in double.
     */
    static void attention(Op.Attention op, int rows) {
        int headDim = op.headDim();
        int queriesPerKvHead = op.heads() / op.kvHeads();
        for (int r = 0; r < rows; r++) {
            int[] slots = slotsOf(op, r);
            float[] q = Values.row(op.q(), r);
            float[][] keys = new float[slots.length][];
            float[][] values = new float[slots.length][];
            for (int p = 0; p < slots.length; p++) {
                keys[p] = Values.row(op.kCache(), slots[p]);
                values[p] = Values.row(op.vCache(), slots[p]);
            }
            float[] out = new float[q.length];
            for (int head = 0; head < op.heads(); head++) {
                int qStart = head * headDim;
                int kvStart = head / queriesPerKvHead * headDim;
                double[] scores = new double[slots.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < slots.length; p++) {
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) {
                        dot += (double) q[qStart + d] * keys[p][kvStart + d];
                    }
                    scores[p] = op.scale() * dot;
                    max = Math.max(max, scores[p]);
                }
                double sum = 0;
                for (int p = 0; p < slots.length; p++) {
                    scores[p] = Math.exp(scores[p] - max);
                    sum += scores[p];
                }
                for (int d = 0; d < headDim; d++) {
                    double weighted = 0;
                    for (int p = 0; p < slots.length; p++) {
                        weighted += scores[p] * values[p][kvStart + d];
                    }
                    out[qStart + d] = (float) (weighted / sum);
                }
            }
            Values.setRow(op.out(), r, out);
        }
    }

    /** The cache slots of positions {@code 0..pos} of row {@code r}'s sequence, through its block table. */
    private static int[] slotsOf(Op.Attention op, int r) {
        int blockSize = op.blockSize();
        int sequence = StepInputException.requireIndex(
                "Attention",
                "sequence",
                r,
                Values.intAt(op.rowSequence(), r),
                op.blockTables().rows());
        int position = StepInputException.requireIndex(
                "Attention",
                "position",
                r,
                Values.intAt(op.rowPosition(), r),
                (long) op.blockTables().width() * blockSize);
        int[] slots = new int[position + 1];
        for (int p = 0; p <= position; p++) {
            long entry = (long) sequence * op.blockTables().width() + p / blockSize;
            int block = StepInputException.requireIndex(
                    "Attention",
                    "block",
                    r,
                    Values.intAt(op.blockTables(), entry),
                    op.kCache().rows() / blockSize);
            slots[p] = block * blockSize + p % blockSize;
        }
        return slots;
    }
}
