package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q4_1}: blocks of 32 elements in 20 bytes, a binary16 scale {@code d}, a binary16 offset
 * {@code m} and 32 unsigned 4-bit quants {@code q}; element {@code x = q * d + m}.
 *
 * <pre>
 * offset  size  field
 *      0     2  d      binary16 scale
 *      2     2  m      binary16 minimum
 *      4    16  qs     byte j holds element j in its low nibble, element j + 16 in its high nibble
 * </pre>
 *
 * <p>Encoding follows {@code quantize_row_q4_1_ref}: {@code m} is the block minimum, {@code d = (max -
 * min) / 15}, {@code id = 1 / d} (0 when {@code d} is 0), {@code q = min(15, trunc((x - min) * id +
 * 0.5))}, ties rounding up.
 */
final class Q4_1Codec extends EncodingBlockCodec {
    private static final int HALF = 16;
    private static final int M = 2;
    private static final int QS = 4;

    Q4_1Codec() {
        super(DType.Q4_1);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset);
        float m = LittleEndian.half(src, offset + M);
        for (int j = 0; j < HALF; j++) {
            int packed = LittleEndian.unsignedByte(src, offset + QS + j);
            dst[dstOffset + j] = (packed & 0xf) * d + m;
            dst[dstOffset + j + HALF] = (packed >>> 4) * d + m;
        }
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        BlockRange range = BlockRange.of(src, srcOffset, 2 * HALF);
        float min = range.min();
        float max = range.max();
        float d = (max - min) / 15;
        float id = d != 0 ? 1.0f / d : 0.0f;
        LittleEndian.putHalf(dst, offset, d);
        LittleEndian.putHalf(dst, offset + M, min);
        for (int j = 0; j < HALF; j++) {
            int low = quantize((src[srcOffset + j] - min) * id);
            int high = quantize((src[srcOffset + j + HALF] - min) * id);
            LittleEndian.putByte(dst, offset + QS + j, low | (high << 4));
        }
    }

    private static int quantize(float scaled) {
        return Math.min(15, GgmlRounding.truncateToByte(scaled + 0.5f)) & 0xff;
    }
}
