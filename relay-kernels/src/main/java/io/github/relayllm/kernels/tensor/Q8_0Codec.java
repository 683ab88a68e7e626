package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q8_0}: blocks of 32 elements in 34 bytes, a binary16 scale {@code d} and 32 signed
 * 8-bit quants {@code q}; element {@code x = q * d}.
 *
 * <pre>
 * offset  size  field
 *      0     2  d      binary16 scale
 *      2    32  qs     int8 quant of element j at byte 2 + j
 * </pre>
 *
 * <p>Encoding follows {@code quantize_row_q8_0_ref}: {@code d = amax / 127} where {@code amax} is the
 * largest magnitude, {@code id = 1 / d} (0 when {@code d} is 0) computed from the float {@code d}, not
 * the binary16 one, and {@code q = roundf(x * id)}: ties away from zero. The error per element is at
 * most {@code d / 2} plus the rounding of {@code d} to binary16.
 */
final class Q8_0Codec extends EncodingBlockCodec {
    private static final int BLOCK = 32;
    private static final int QS = 2;

    Q8_0Codec() {
        super(DType.Q8_0);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset);
        for (int j = 0; j < BLOCK; j++) {
            dst[dstOffset + j] = LittleEndian.signedByte(src, offset + QS + j) * d;
        }
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        float amax = 0;
        for (int j = srcOffset; j < srcOffset + BLOCK; j++) {
            amax = Math.max(amax, Math.abs(src[j]));
        }
        float d = amax / 127;
        float id = d != 0 ? 1.0f / d : 0.0f;
        LittleEndian.putHalf(dst, offset, d);
        for (int j = 0; j < BLOCK; j++) {
            float rounded = GgmlRounding.roundHalfAwayFromZero(src[srcOffset + j] * id);
            LittleEndian.putByte(dst, offset + QS + j, GgmlRounding.truncateToByte(rounded));
        }
    }
}
