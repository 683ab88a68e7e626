package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#F32}: one IEEE 754 binary32 per element, 4 bytes little-endian. Both directions are
 * exact.
 *
 * <pre>
 * offset  size  field
 *      0     4  value (binary32)
 * </pre>
 */
final class F32Codec extends EncodingBlockCodec {

    F32Codec() {
        super(DType.F32);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        dst[dstOffset] = LittleEndian.float32(src, offset);
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        LittleEndian.putFloat32(dst, offset, src[srcOffset]);
    }
}
