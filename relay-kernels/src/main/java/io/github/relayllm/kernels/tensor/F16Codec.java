package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#F16}: one IEEE 754 binary16 per element, 2 bytes little-endian. Decoding is exact;
 * encoding rounds to nearest, ties to even, as {@link HalfFloats#floatToHalf} describes.
 *
 * <pre>
 * offset  size  field
 *      0     2  value (binary16)
 * </pre>
 */
final class F16Codec extends EncodingBlockCodec {

    F16Codec() {
        super(DType.F16);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        dst[dstOffset] = LittleEndian.half(src, offset);
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        LittleEndian.putHalf(dst, offset, src[srcOffset]);
    }
}
