package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.StepInputException;

/** The ops that transform each row on its own: norms, activations, sums, softmax, argmax, gathers. */
final class RowOps {
    private RowOps() {}

    /** Each group of a row: {@code x * weight / sqrt(mean(x²) + eps)}. */
    static void rmsNorm(Op.RmsNorm op, int rows) {
        float[] weight = Values.all(op.weight());
        int group = op.groupWidth();
        for (int r = 0; r < rows; r++) {
            float[] x = Values.row(op.in(), r);
            float[] y = new float[x.length];
            for (int start = 0; start < x.length; start += group) {
                double sumOfSquares = 0;
                for (int i = start; i < start + group; i++) {
                    sumOfSquares += (double) x[i] * x[i];
                }
                double rms = Math.sqrt(sumOfSquares / group + op.eps());
                for (int i = start; i < start + group; i++) {
                    y[i] = (float) (x[i] * (double) weight[i - start] / rms);
                }
            }
            Values.setRow(op.out(), r, y);
        }
    }

    /** {@code silu(gate) * up} with {@code silu(x) = x / (1 + e^-x)}. */
    static void swiGlu(Op.SwiGlu op, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] gate = Values.row(op.gate(), r);
            float[] up = Values.row(op.up(), r);
            float[] y = new float[gate.length];
            for (int i = 0; i < y.length; i++) {
                double silu = gate[i] / (1 + Math.exp(-gate[i]));
                y[i] = (float) (silu * up[i]);
            }
            Values.setRow(op.out(), r, y);
        }
    }

    /** {@code a + b}, one float addition per element. */
    static void add(Op.Add op, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] a = Values.row(op.a(), r);
            float[] b = Values.row(op.b(), r);
            float[] y = new float[a.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = a[i] + b[i];
            }
            Values.setRow(op.out(), r, y);
        }
    }

    /** {@code e^(x - max) / Σ e^(x - max)}: subtracting the maximum keeps the exponentials finite. */
    static void softmax(Op.Softmax op, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] x = Values.row(op.in(), r);
            double max = Double.NEGATIVE_INFINITY;
            for (float v : x) {
                max = Math.max(max, v);
            }
            double[] exponentials = new double[x.length];
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                exponentials[i] = Math.exp(x[i] - max);
                sum += exponentials[i];
            }
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = (float) (exponentials[i] / sum);
            }
            Values.setRow(op.out(), r, y);
        }
    }

    /** The index of the first largest value of each row (0 if every value is NaN). */
    static void argmax(Op.Argmax op, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] x = Values.row(op.logits(), r);
            int best = 0;
            for (int i = 0; i < x.length && best != Op.Argmax.NOT_FINITE; i++) {
                if (Float.isNaN(x[i]) || x[i] == Float.POSITIVE_INFINITY) {
                    best = Op.Argmax.NOT_FINITE;
                } else if (x[i] > x[best]) {
                    best = i;
                }
            }
            Values.setInt(op.out(), r, best);
        }
    }

    /** {@code out[r] = in[rowIndices[r]]}, where each index is one of the step's token rows. */
    static void gather(Op.Gather op, int rows, int tokens) {
        long limit = Math.min(tokens, op.in().rows());
        for (int r = 0; r < rows; r++) {
            int source =
                    StepInputException.requireIndex("Gather", "row index", r, Values.intAt(op.rowIndices(), r), limit);
            Values.setRow(op.out(), r, Values.row(op.in(), source));
        }
    }
}
