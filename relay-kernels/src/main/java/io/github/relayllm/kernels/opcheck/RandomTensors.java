package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.HalfFloats;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;

/**
 * Random inputs for op checks: floats, and weight matrices of every dtype. Types with an encoder get
 * random values encoded; the k-quants (no encoder here) get random bytes, which are valid blocks,
 * with their binary16 scales overwritten by sane ones so that values stay in a few units.
 *
 * <p>Tensors live in an automatic arena: shared by every thread, freed when no longer reachable.
 */
public final class RandomTensors {
    /** The byte offsets of the binary16 scales in a block of each k-quant. */
    private static final Map<DType, int[]> SCALE_OFFSETS = Map.of(
            DType.Q2_K, new int[] {80, 82},
            DType.Q3_K, new int[] {108},
            DType.Q4_K, new int[] {0, 2},
            DType.Q5_K, new int[] {0, 2},
            DType.Q6_K, new int[] {208});

    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RandomTensors() {}

    /** {@code count} values uniform in {@code [-scale, scale)}. */
    public static float[] uniform(Random random, int count, float scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return values;
    }

    /** {@code rows} arrays of {@code width} values uniform in {@code [-scale, scale)}. */
    public static float[][] rows(Random random, int rows, int width, float scale) {
        float[][] values = new float[rows][];
        for (int r = 0; r < rows; r++) {
            values[r] = uniform(random, width, scale);
        }
        return values;
    }

    /** A {@code [rows, columns]} tensor of {@code dtype} with values of about unit size. */
    public static Tensor matrix(DType dtype, int rows, int columns, Random random) {
        Shape shape = Shape.of(rows, columns);
        if (BlockCodecs.encoder(dtype).isPresent()) {
            return Tensor.encode(uniform(random, rows * columns, 1f), shape, dtype, Arena.ofAuto());
        }
        int[] scaleOffsets = SCALE_OFFSETS.get(dtype);
        if (scaleOffsets == null) {
            throw new IllegalArgumentException("no way to make random " + dtype + " blocks");
        }
        byte[] bytes = new byte[Math.toIntExact(dtype.byteSize((long) rows * columns))];
        random.nextBytes(bytes);
        MemorySegment data = Arena.ofAuto().allocate(bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, data, 0, bytes.length);
        for (long block = 0; block < bytes.length / dtype.blockBytes(); block++) {
            for (int offset : scaleOffsets) {
                float scale = 1e-3f + random.nextFloat() * 9e-3f;
                data.set(HALF, block * dtype.blockBytes() + offset, HalfFloats.floatToHalf(scale));
            }
        }
        return new Tensor(dtype, shape, data);
    }
}
