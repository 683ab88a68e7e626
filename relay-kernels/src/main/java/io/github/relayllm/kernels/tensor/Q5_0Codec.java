package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q5_0}: blocks of 32 elements in 22 bytes, a binary16 scale {@code d} and 32 unsigned
 * 5-bit quants {@code q}, split into a low nibble and a fifth bit; element {@code x = (q - 16) * d}.
 *
 * <pre>
 * offset  size  field
 *      0     2  d      binary16 scale
 *      2     4  qh     little-endian uint32: bit j is the fifth bit of element j
 *      6    16  qs     byte j holds the low 4 bits of element j in its low nibble,
 *                      those of element j + 16 in its high nibble
 * </pre>
 *
 * <p>Encoding follows {@code quantize_row_q5_0_ref}: as {@link Q4_0Codec} with {@code d = max / -16}
 * and {@code q = min(31, trunc(x * id + 16.5))}.
 */
final class Q5_0Codec extends EncodingBlockCodec {
    private static final int HALF = 16;
    private static final int QH = 2;
    private static final int QS = 6;

    Q5_0Codec() {
        super(DType.Q5_0);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset);
        int highBits = LittleEndian.int32(src, offset + QH);
        for (int j = 0; j < HALF; j++) {
            int packed = LittleEndian.unsignedByte(src, offset + QS + j);
            int low = (packed & 0xf) | (((highBits >>> j) & 1) << 4);
            int high = (packed >>> 4) | (((highBits >>> (j + HALF)) & 1) << 4);
            dst[dstOffset + j] = (low - 16) * d;
            dst[dstOffset + j + HALF] = (high - 16) * d;
        }
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        float max = SignedMaximum.of(src, srcOffset, 2 * HALF);
        float d = max / -16;
        float id = d != 0 ? 1.0f / d : 0.0f;
        LittleEndian.putHalf(dst, offset, d);
        int highBits = 0;
        for (int j = 0; j < HALF; j++) {
            int low = quantize(src[srcOffset + j] * id);
            int high = quantize(src[srcOffset + j + HALF] * id);
            LittleEndian.putByte(dst, offset + QS + j, (low & 0xf) | ((high & 0xf) << 4));
            highBits |= ((low >>> 4) & 1) << j;
            highBits |= ((high >>> 4) & 1) << (j + HALF);
        }
        LittleEndian.putInt32(dst, offset + QH, highBits);
    }

    private static int quantize(float scaled) {
        return Math.min(31, GgmlRounding.truncateToByte(scaled + 16.5f)) & 0xff;
    }
}
