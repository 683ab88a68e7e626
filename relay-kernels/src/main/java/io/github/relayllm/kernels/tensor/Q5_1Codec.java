package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q5_1}: blocks of 32 elements in 24 bytes, a binary16 scale {@code d}, a binary16 offset
 * {@code m} and 32 unsigned 5-bit quants {@code q}; element {@code x = q * d + m}.
 *
 * <pre>
 * offset  size  field
 *      0     2  d      binary16 scale
 *      2     2  m      binary16 minimum
 *      4     4  qh     little-endian uint32: bit j is the fifth bit of element j
 *      8    16  qs     byte j holds the low 4 bits of element j in its low nibble,
 *                      those of element j + 16 in its high nibble
 * </pre>
 *
 * <p>Encoding follows {@code quantize_row_q5_1_ref}: as {@link Q4_1Codec} with {@code d = (max - min)
 * / 31} and {@code q = trunc((x - min) * id + 0.5)} (GGML does not clamp it; it cannot exceed 31).
 */
final class Q5_1Codec extends EncodingBlockCodec {
    private static final int HALF = 16;
    private static final int M = 2;
    private static final int QH = 4;
    private static final int QS = 8;

    Q5_1Codec() {
        super(DType.Q5_1);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset);
        float m = LittleEndian.half(src, offset + M);
        int highBits = LittleEndian.int32(src, offset + QH);
        for (int j = 0; j < HALF; j++) {
            int packed = LittleEndian.unsignedByte(src, offset + QS + j);
            int low = (packed & 0xf) | (((highBits >>> j) & 1) << 4);
            int high = (packed >>> 4) | (((highBits >>> (j + HALF)) & 1) << 4);
            dst[dstOffset + j] = low * d + m;
            dst[dstOffset + j + HALF] = high * d + m;
        }
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        BlockRange range = BlockRange.of(src, srcOffset, 2 * HALF);
        float min = range.min();
        float max = range.max();
        float d = (max - min) / 31;
        float id = d != 0 ? 1.0f / d : 0.0f;
        LittleEndian.putHalf(dst, offset, d);
        LittleEndian.putHalf(dst, offset + M, min);
        int highBits = 0;
        for (int j = 0; j < HALF; j++) {
            int low = quantize((src[srcOffset + j] - min) * id);
            int high = quantize((src[srcOffset + j + HALF] - min) * id);
            LittleEndian.putByte(dst, offset + QS + j, (low & 0xf) | ((high & 0xf) << 4));
            highBits |= ((low >>> 4) & 1) << j;
            highBits |= ((high >>> 4) & 1) << (j + HALF);
        }
        LittleEndian.putInt32(dst, offset + QH, highBits);
    }

    private static int quantize(float scaled) {
        return GgmlRounding.truncateToByte(scaled + 0.5f) & 0xff;
    }
}
