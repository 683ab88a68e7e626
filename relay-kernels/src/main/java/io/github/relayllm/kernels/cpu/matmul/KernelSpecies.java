package io.github.relayllm.kernels.cpu.matmul;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every vectorized matmul kernel computes with, fixed when this class initializes:
 * the CPU's widest ({@link FloatVector#SPECIES_PREFERRED}) up to 512 bits, or the width the system
 * property {@value #BITS_PROPERTY} names (128, 256 or 512; capped at the CPU's widest, since wider
 * vectors would run in slow Java code). That property is how the tests run the kernels at every
 * width the machine has.
 *
 * <p>Why a constant and not a constructor parameter: C2 turns Vector API calls into vector
 * instructions only when the species is a compile-time constant. A species read from an instance
 * field runs every operation through the boxed Java fallback; measured on a Q8_0 matvec that is 25
 * times slower (0.2 GB/s against 5 GB/s). Static finals are constants.
 *
 * <p>The other species derive from the float one: {@link #BYTES} loads the quants that widen into one
 * or two float vectors, {@link #SHORTS} the 16-bit floats that widen into one.
 */
final class KernelSpecies {
    /** System property that forces the vector width in bits. */
    static final String BITS_PROPERTY = "relay.cpu.vectorBits";

    /** The float species of every kernel. */
    static final VectorSpecies<Float> FLOATS = floatSpecies(System.getProperty(BITS_PROPERTY));

    /** Float lanes per vector: 4, 8 or 16, so a quant block of 32 is a whole number of vectors. */
    static final int LANES = FLOATS.length();

    /** Integers in the shape of {@link #FLOATS}, for bit manipulation of float lanes. */
    static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(FLOATS.vectorShape());

    /** One 16-bit value per float lane. */
    static final VectorSpecies<Short> SHORTS =
            ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(LANES * Short.SIZE));

    /**
     * Bytes loaded at once and widened to floats: one byte per float lane, but at least 8 (the
     * narrowest byte vector), so with 4 float lanes one load feeds two float vectors.
     */
    static final VectorSpecies<Byte> BYTES =
            ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Math.max(64, LANES * Byte.SIZE)));

    /** Float vectors one {@link #BYTES} load widens into: 1, or 2 with 4 float lanes. */
    static final int FLOAT_VECTORS_PER_BYTES = BYTES.length() / LANES;

    // The shuffles of sum(), as constants so that C2 compiles each to one permutation.
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);

    private KernelSpecies() {}

    /**
     * The float species of {@code bits} bits (all 512 when {@code null}), narrowed to the CPU's widest
     * vectors when those are narrower.
     *
     * @throws IllegalArgumentException if {@code bits} is not 128, 256 or 512
     */
    static VectorSpecies<Float> floatSpecies(String bits) {
        int requested = bits == null ? 512 : parseBits(bits);
        int cpuBits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        int width = Math.min(requested, cpuBits);
        if (width >= 512) {
            return FloatVector.SPECIES_512;
        }
        return width >= 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
    }

    private static int parseBits(String bits) {
        return switch (bits.strip()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default ->
                throw new IllegalArgumentException("%s=%s: expected 128, 256 or 512".formatted(BITS_PROPERTY, bits));
        };
    }

    /**
     * The sum of the lanes of {@code v} in a fixed order: lane {@code i} plus lane {@code i ^ L/2}, then
     * of what is left lane {@code i} plus lane {@code i ^ L/4}, down to lane 0 plus lane 1. {@code
     * reduceLanes(ADD)} is no use here: its order is unspecified and differs between C2 code and the
     * interpreter, so the same dot product could round differently before and after compilation.
     */
    static float sum(FloatVector v) {
        FloatVector partial = v;
        if (LANES >= 16) {
            partial = partial.add(partial.rearrange(SWAP_8));
        }
        if (LANES >= 8) {
            partial = partial.add(partial.rearrange(SWAP_4));
        }
        partial = partial.add(partial.rearrange(SWAP_2));
        partial = partial.add(partial.rearrange(SWAP_1));
        return partial.lane(0);
    }

    /** {@link #sum(FloatVector)} of the vector stored in {@code lanes} from {@code offset}. */
    static float sum(float[] lanes, int offset) {
        return sum(FloatVector.fromArray(FLOATS, lanes, offset));
    }

    /** Lane {@code i} to lane {@code i ^ distance}; none when there are not that many lanes. */
    private static VectorShuffle<Float> swap(int distance) {
        return distance < LANES ? VectorShuffle.fromOp(FLOATS, i -> i ^ distance) : null;
    }
}
