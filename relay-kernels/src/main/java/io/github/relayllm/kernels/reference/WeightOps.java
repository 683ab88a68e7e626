package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.StepInputException;

/** The ops that read weight matrices row by row: the embedding lookup and the matrix product. */
final class WeightOps {
    private WeightOps() {}

    /** {@code out[r] = table[tokenIds[r]]}, decoded. */
    static void embed(Op.Embed op, int rows) {
        for (int r = 0; r < rows; r++) {
            int token = StepInputException.requireIndex(
                    "Embed",
                    "token id",
                    r,
                    Values.intAt(op.tokenIds(), r),
                    op.table().rows());
            Values.setRow(op.out(), r, Values.row(op.table(), token));
        }
    }

    /** {@code out[r][j] = Σₖ weight[j][k] · in[r][k] (+ bias[j])}, summed in double. */
    static void matMul(Op.MatMul op, int rows) {
        int n = Math.toIntExact(op.weight().rows());
        float[] bias = op.bias().map(Values::all).orElse(new float[n]);
        float[][] in = new float[rows][];
        for (int r = 0; r < rows; r++) {
            in[r] = Values.row(op.in(), r);
        }
        float[][] out = new float[rows][n];
        for (int j = 0; j < n; j++) {
            float[] weightRow = Values.row(op.weight(), j);
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                for (int k = 0; k < weightRow.length; k++) {
                    sum += (double) weightRow[k] * in[r][k];
                }
                out[r][j] = (float) (sum + bias[j]);
            }
        }
        for (int r = 0; r < rows; r++) {
            Values.setRow(op.out(), r, out[r]);
        }
    }
}
