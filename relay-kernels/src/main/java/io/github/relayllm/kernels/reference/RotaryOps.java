package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;

/** Rotary position embedding. */
final class RotaryOps {
    private RotaryOps() {}

    /**
     * For each head and each pair {@code i} of it, rotates the pair's two elements by {@code theta =
     * position * inverseFrequencies[i]}: {@code (x0, x1) -> (x0 cos - x1 sin, x0 sin + x1 cos)}. The
     * pair is {@code (2i, 2i + 1)} in the {@link RopeLayout#ADJACENT} layout and {@code (i, i + headDim
     * / 2)} in the {@link RopeLayout#HALVES} one.
     */
    static void rope(Op.Rope op, int rows) {
        float[] inverseFrequencies = Values.all(op.inverseFrequencies());
        int headDim = op.headDim();
        int pairs = headDim / 2;
        for (int r = 0; r < rows; r++) {
            int position = Values.intAt(op.positions(), r);
            float[] x = Values.row(op.x(), r);
            for (int head = 0; head < x.length; head += headDim) {
                for (int i = 0; i < pairs; i++) {
                    int first = head + (op.layout() == RopeLayout.ADJACENT ? 2 * i : i);
                    int second = first + (op.layout() == RopeLayout.ADJACENT ? 1 : pairs);
                    double theta = (double) position * inverseFrequencies[i];
                    double cos = Math.cos(theta);
                    double sin = Math.sin(theta);
                    double x0 = x[first];
                    double x1 = x[second];
                    x[first] = (float) (x0 * cos - x1 * sin);
                    x[second] = (float) (x0 * sin + x1 * cos);
                }
            }
            Values.setRow(op.x(), r, x);
        }
    }
}
