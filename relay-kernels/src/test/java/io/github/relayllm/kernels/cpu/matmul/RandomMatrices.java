package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.HalfFloats;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Weight matrices and activations with realistic values for kernel tests. Weights of types with an
 * encoder are Gaussian floats (sd 0.05, as trained projections) encoded as GGML would; Q4_K and Q6_K,
 * which have none, are random bytes with plausible binary16 scales. Weights start one byte past an
 * allocation boundary, so kernels meet them as unaligned as a mapped file can put them.
 */
final class RandomMatrices {
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private RandomMatrices() {}

    /** An {@code [n, k]} matrix of {@code dtype}, unaligned. */
    static MemorySegment weights(DType dtype, int n, int k, long seed, Arena arena) {
        SplittableRandom random = new SplittableRandom(seed);
        long bytes = dtype.byteSize(k) * n;
        MemorySegment weights = arena.allocate(bytes + 1, 64).asSlice(1, bytes);
        switch (dtype) {
            case Q4_K -> fillQ4_K(weights, random);
            case Q6_K -> fillQ6_K(weights, random);
            default -> {
                float[] values = gaussians(n * k, 0.05, random);
                MemorySegment encoded =
                        Tensor.encode(values, Shape.of(n, k), dtype, arena).data();
                weights.copyFrom(encoded);
            }
        }
        return weights;
    }

    /** {@code rows} rows of {@code k} standard Gaussian F32 activations. */
    static MemorySegment activations(int rows, int k, long seed, Arena arena) {
        float[] values = gaussians(rows * k, 1, new SplittableRandom(seed));
        MemorySegment in = arena.allocate((long) values.length * Float.BYTES, Float.BYTES);
        MemorySegment.copy(values, 0, in, FLOAT, 0, values.length);
        return in;
    }

    private static float[] gaussians(int count, double sd, SplittableRandom random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * sd);
        }
        return values;
    }

    /** Random quants, scales and minimums; {@code d} and {@code dmin} about 1/500 (weights up to 0.5). */
    private static void fillQ4_K(MemorySegment weights, SplittableRandom random) {
        randomBytes(weights, random);
        for (long block = 0; block < weights.byteSize(); block += DType.Q4_K.blockBytes()) {
            weights.set(HALF, block, half(random, 0.001, 0.003));
            weights.set(HALF, block + 2, half(random, 0.0005, 0.002));
        }
    }

    /** Random 6-bit quants and int8 scales; {@code d} about 1/10000 (weights up to about 0.4). */
    private static void fillQ6_K(MemorySegment weights, SplittableRandom random) {
        randomBytes(weights, random);
        for (long block = 0; block < weights.byteSize(); block += DType.Q6_K.blockBytes()) {
            weights.set(HALF, block + 208, half(random, 0.00005, 0.0001));
        }
    }

    private static short half(SplittableRandom random, double from, double to) {
        return HalfFloats.floatToHalf((float) random.nextDouble(from, to));
    }

    private static void randomBytes(MemorySegment segment, SplittableRandom random) {
        for (long i = 0; i < segment.byteSize(); i++) {
            segment.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
        }
    }
}
