package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.BlockDecoder;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Decodes a run of stored elements (a row of an embedding table, a norm's weights) into F32 in native
 * memory. F32, F16, BF16 and Q8_0 have vector paths; every other dtype goes through its reference
 * decoder and the worker's scratch array. Every path gives the reference decoder's values exactly.
 */
sealed interface RowDecoder {

    /**
     * Decodes {@code count} elements (whole blocks) stored from byte {@code srcOffset} of {@code src}
     * into floats from byte {@code dstOffset} of {@code dst}, on worker {@code worker}.
     */
    void decode(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count, int worker);

    /** The decoder of {@code dtype}; the generic one reserves scratch for rows of {@code width}. */
    static RowDecoder of(DType dtype, int width, WorkerScratch scratch) {
        return switch (dtype) {
            case F32 -> new Copy();
            case F16 -> new Halves();
            case BF16 -> new Bfloat16s();
            case Q8_0 -> new Q8_0Blocks();
            default -> {
                scratch.reserveArray(width);
                yield new Generic(BlockCodecs.decoder(dtype), scratch);
            }
        };
    }

    /** F32: a plain copy. */
    record Copy() implements RowDecoder {
        @Override
        public void decode(
                MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count, int worker) {
            MemorySegment.copy(src, srcOffset, dst, dstOffset, (long) count * Float.BYTES);
        }
    }

    /** F16: widened a vector at a time. */
    record Halves() implements RowDecoder {
        @Override
        public void decode(
                MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count, int worker) {
            HalfFloatVectors.widenHalves(src, srcOffset, dst, dstOffset, count);
        }
    }

    /** BF16: widened a vector at a time. */
    record Bfloat16s() implements RowDecoder {
        @Override
        public void decode(
                MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count, int worker) {
            HalfFloatVectors.widenBfloat16s(src, srcOffset, dst, dstOffset, count);
        }
    }

    /**
     * Q8_0: per block of 32, the int8 quants widened to floats and multiplied by the block's scale,
     * a byte vector at a time (at least 64 bits, split into as many float vectors as it fills).
     */
    record Q8_0Blocks() implements RowDecoder {
        private static final VectorSpecies<Float> FLOATS = HalfFloatVectors.FLOATS;
        private static final VectorSpecies<Byte> BYTES =
                VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, FLOATS.vectorBitSize() / 4)));
        private static final int BLOCK = 32;
        private static final int BLOCK_BYTES = 34;
        private static final int SCALE_BYTES = 2;
        private static final ValueLayout.OfShort HALF =
                ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

        @Override
        public void decode(
                MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count, int worker) {
            int parts = BYTES.length() / FLOATS.length();
            for (int block = 0; block < count / BLOCK; block++) {
                long blockOffset = srcOffset + (long) block * BLOCK_BYTES;
                float scale = Float.float16ToFloat(src.get(HALF, blockOffset));
                long out = dstOffset + (long) block * BLOCK * Float.BYTES;
                for (int j = 0; j < BLOCK; j += BYTES.length()) {
                    ByteVector quants = ByteVector.fromMemorySegment(
                            BYTES, src, blockOffset + SCALE_BYTES + j, ByteOrder.LITTLE_ENDIAN);
                    for (int part = 0; part < parts; part++) {
                        FloatVector values = (FloatVector) quants.convertShape(VectorOperators.B2F, FLOATS, part);
                        long at = out + (long) (j + part * FLOATS.length()) * Float.BYTES;
                        values.mul(scale).intoMemorySegment(dst, at, ByteOrder.nativeOrder());
                    }
                }
            }
        }
    }

    /** Any other dtype: its reference decoder into the worker's scratch array, then a copy. */
    record Generic(BlockDecoder decoder, WorkerScratch scratch) implements RowDecoder {
        @Override
        public void decode(
                MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count, int worker) {
            float[] values = scratch.array(worker);
            decoder.decode(src, srcOffset, values, 0, count);
            MemorySegment.copy(values, 0, dst, ValueLayout.JAVA_FLOAT_UNALIGNED, dstOffset, count);
        }
    }
}
