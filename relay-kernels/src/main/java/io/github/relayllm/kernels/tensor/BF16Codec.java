package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#BF16}: one bfloat16 (the upper 16 bits of a binary32) per element, 2 bytes
 * little-endian. Decoding is exact; encoding rounds to nearest, ties to even, as {@link
 * HalfFloats#floatToBfloat16} describes.
 *
 * <pre>
 * offset  size  field
 *      0     2  value (bfloat16)
 * </pre>
 */
final class BF16Codec extends EncodingBlockCodec {

    BF16Codec() {
        super(DType.BF16);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        dst[dstOffset] = HalfFloats.bfloat16ToFloat(LittleEndian.int16(src, offset));
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        LittleEndian.putInt16(dst, offset, HalfFloats.floatToBfloat16(src[srcOffset]));
    }
}
