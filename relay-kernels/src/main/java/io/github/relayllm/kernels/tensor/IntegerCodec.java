package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#I8}, {@link DType#I16}, {@link DType#I32} and {@link DType#I64}: one two's-complement
 * signed integer per element, little-endian, of 1, 2, 4 or 8 bytes. Decoding converts to the nearest
 * float (exact up to 2^24 in magnitude, ties to even beyond). There is no encoder: GGML defines no
 * rounding from floats to these types.
 *
 * <pre>
 * offset  size      field
 *      0  1/2/4/8   value (signed integer)
 * </pre>
 */
final class IntegerCodec extends BlockCodec {

    IntegerCodec(DType dtype) {
        super(dtype);
        if (!dtype.isInteger()) {
            throw new IllegalArgumentException(dtype + " is not an integer type");
        }
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        dst[dstOffset] = switch (dtype()) {
            case I8 -> LittleEndian.signedByte(src, offset);
            case I16 -> LittleEndian.int16(src, offset);
            case I32 -> LittleEndian.int32(src, offset);
            case I64 -> LittleEndian.int64(src, offset);
            default -> throw new AssertionError(dtype() + " was rejected by the constructor");
        };
    }
}
