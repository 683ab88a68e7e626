package io.github.relayllm.kernels.tensor;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random inputs for the quantizers: one to four blocks, each of a kind that stresses the rounding
 * differently. Magnitudes stay below 65504, the largest binary16, which the Q4_1 and Q5_1 minimums
 * must fit.
 */
final class FloatBlocks {
    private static final float HUGE = 6e4f;

    private FloatBlocks() {}

    /** Whole blocks of {@code blockSize} values, concatenated. */
    static Arbitrary<float[]> of(int blockSize) {
        return Arbitraries.oneOf(List.of(
                        ordinary(blockSize),
                        zeros(blockSize),
                        oneHugeValue(blockSize),
                        subnormals(blockSize),
                        negativeMaximum(blockSize),
                        onQuantGrid(blockSize)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(FloatBlocks::concatenate);
    }

    /** Values spread over [-scale, scale] for a scale between 1e-6 and 1e4. */
    private static Arbitrary<float[]> ordinary(int blockSize) {
        Arbitrary<Float> scale = Arbitraries.of(1e-6f, 1e-3f, 0.05f, 1f, 300f, 1e4f);
        Arbitrary<float[]> unit = Arbitraries.floats()
                .between(-1, 1)
                .ofScale(8)
                .array(float[].class)
                .ofSize(blockSize);
        return Combinators.combine(unit, scale).as((values, s) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] *= s;
            }
            return values;
        });
    }

    private static Arbitrary<float[]> zeros(int blockSize) {
        return Arbitraries.just(blockSize).map(float[]::new);
    }

    /** Small values and one of magnitude 6e4, which rounds all the others to the zero quant. */
    private static Arbitrary<float[]> oneHugeValue(int blockSize) {
        Arbitrary<float[]> small = Arbitraries.floats()
                .between(-1e-3f, 1e-3f)
                .ofScale(10)
                .array(float[].class)
                .ofSize(blockSize);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, blockSize - 1);
        Arbitrary<Float> huge = Arbitraries.of(HUGE, -HUGE);
        return Combinators.combine(small, position, huge).as((values, at, value) -> {
            values[at] = value;
            return values;
        });
    }

    /** Subnormal floats (and zeros): the inverse scale overflows, as can the scale's binary16. */
    private static Arbitrary<float[]> subnormals(int blockSize) {
        return Arbitraries.integers()
                .between(-(1 << 22), 1 << 22)
                .map(k -> k * Float.MIN_VALUE)
                .array(float[].class)
                .ofSize(blockSize);
    }

    /** Ordinary values with a negative value of largest magnitude, which flips the scale's sign. */
    private static Arbitrary<float[]> negativeMaximum(int blockSize) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, blockSize - 1);
        return Combinators.combine(ordinary(blockSize), position).as((values, at) -> {
            float largest = 0;
            for (float value : values) {
                largest = Math.max(largest, Math.abs(value));
            }
            values[at] = -2 * largest - 1e-6f;
            return values;
        });
    }

    /** Halves and wholes times a power of two: many values land exactly on or between quants. */
    private static Arbitrary<float[]> onQuantGrid(int blockSize) {
        Arbitrary<float[]> halves = Arbitraries.integers()
                .between(-254, 254)
                .map(k -> k / 2f)
                .array(float[].class)
                .ofSize(blockSize);
        Arbitrary<Integer> exponent = Arbitraries.integers().between(-10, 6);
        return Combinators.combine(halves, exponent).as((values, e) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.scalb(values[i], e);
            }
            return values;
        });
    }

    private static float[] concatenate(List<float[]> blocks) {
        int length = blocks.stream().mapToInt(b -> b.length).sum();
        float[] all = new float[length];
        int at = 0;
        for (float[] block : blocks) {
            System.arraycopy(block, 0, all, at, block.length);
            at += block.length;
        }
        return all;
    }
}
