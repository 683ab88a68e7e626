package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#F64}: one IEEE 754 binary64 per element, 8 bytes little-endian. Decoding rounds to the
 * nearest float (ties to even; beyond the float range, to infinity); encoding is exact.
 *
 * <pre>
 * offset  size  field
 *      0     8  value (binary64)
 * </pre>
 */
final class F64Codec extends EncodingBlockCodec {

    F64Codec() {
        super(DType.F64);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        dst[dstOffset] = (float) LittleEndian.float64(src, offset);
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        LittleEndian.putFloat64(dst, offset, src[srcOffset]);
    }
}
