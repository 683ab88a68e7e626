package io.github.relayllm.bench.jmh;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.HalfFloats;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Weight matrices for kernel benchmarks, built fast: random quant bytes with plausible binary16
 * scales, and Gaussian plain floats (sd 0.05). Like trained weights, those have as binary16 about one
 * subnormal number in a thousand, which a kernel must not take slow paths for; quant scales are normal,
 * and no value is NaN.
 */
final class RandomWeights {
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RandomWeights() {}

    /** An {@code [n, k]} matrix of {@code dtype} in {@code arena}. */
    static MemorySegment matrix(DType dtype, int n, int k, Arena arena) {
        long elements = (long) n * k;
        MemorySegment weights = arena.allocate(dtype.byteSize(k) * n, 64);
        SplittableRandom random = new SplittableRandom(42);
        switch (dtype) {
            case F32 -> {
                for (long i = 0; i < elements; i++) {
                    weights.setAtIndex(FLOAT, i, gaussian(random));
                }
            }
            case F16 -> {
                for (long i = 0; i < elements; i++) {
                    weights.setAtIndex(HALF, i, HalfFloats.floatToHalf(gaussian(random)));
                }
            }
            case BF16 -> {
                for (long i = 0; i < elements; i++) {
                    weights.setAtIndex(HALF, i, HalfFloats.floatToBfloat16(gaussian(random)));
                }
            }
            case Q8_0, Q4_0 -> randomBlocks(weights, dtype, random, 0);
            case Q4_K -> randomBlocks(weights, dtype, random, 0, 2);
            case Q6_K -> randomBlocks(weights, dtype, random, 208);
            default -> throw new IllegalArgumentException("no benchmark weights for " + dtype);
        }
        return weights;
    }

    /**
     * Replaces every subnormal number of an F16 or BF16 matrix by the smallest normal one of the same
     * sign; other dtypes are left as they are.
     */
    static void replaceSubnormals(DType dtype, MemorySegment weights) {
        int exponent = switch (dtype) {
            case F16 -> 0x7c00;
            case BF16 -> 0x7f80;
            default -> 0;
        };
        if (exponent == 0) {
            return;
        }
        int smallestNormal = Integer.lowestOneBit(exponent);
        for (long i = 0; i < weights.byteSize() / Short.BYTES; i++) {
            short bits = weights.getAtIndex(HALF, i);
            if ((bits & exponent) == 0 && (bits & 0x7fff) != 0) {
                weights.setAtIndex(HALF, i, (short) ((bits & 0x8000) | smallestNormal));
            }
        }
    }

    /** {@code count} Gaussian floats in {@code arena}. */
    static MemorySegment activations(long count, Arena arena) {
        MemorySegment in = arena.allocate(count * Float.BYTES, 64);
        SplittableRandom random = new SplittableRandom(7);
        for (long i = 0; i < count; i++) {
            in.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
        }
        return in;
    }

    private static float gaussian(SplittableRandom random) {
        return (float) (random.nextGaussian() * 0.05);
    }

    /** Random bytes, then a scale of about 1/1000 at each of {@code scaleOffsets} of every block. */
    private static void randomBlocks(MemorySegment weights, DType dtype, SplittableRandom random, int... scaleOffsets) {
        long words = weights.byteSize() / Long.BYTES;
        for (long i = 0; i < words; i++) {
            weights.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
        }
        for (long i = words * Long.BYTES; i < weights.byteSize(); i++) {
            weights.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
        }
        short scale = HalfFloats.floatToHalf(0.001f);
        for (long block = 0; block < weights.byteSize(); block += dtype.blockBytes()) {
            for (int offset : scaleOffsets) {
                weights.set(HALF, block + offset, scale);
            }
        }
    }
}
