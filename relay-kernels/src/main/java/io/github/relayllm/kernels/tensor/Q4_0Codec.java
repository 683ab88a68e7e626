package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q4_0}: blocks of 32 elements in 18 bytes, a binary16 scale {@code d} and 32 unsigned
 * 4-bit quants {@code q}; element {@code x = (q - 8) * d}.
 *
 * <pre>
 * offset  size  field
 *      0     2  d      binary16 scale
 *      2    16  qs     byte j holds element j in its low nibble, element j + 16 in its high nibble
 * </pre>
 *
 * <p>Encoding follows {@code quantize_row_q4_0_ref}: {@code max} is the first value of largest
 * magnitude, with its sign; {@code d = max / -8} (so {@code max} itself becomes {@code q = 0}), {@code
 * id = 1 / d} (0 when {@code d} is 0), and {@code q = min(15, trunc(x * id + 8.5))}: ties round up,
 * and values on the far side of {@code max}'s sign clamp at {@code 7 * d}, so the error per element is
 * at most {@code |d|} (plus the rounding of {@code d} to binary16).
 */
final class Q4_0Codec extends EncodingBlockCodec {
    private static final int HALF = 16;
    private static final int QS = 2;

    Q4_0Codec() {
        super(DType.Q4_0);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset);
        for (int j = 0; j < HALF; j++) {
            int packed = LittleEndian.unsignedByte(src, offset + QS + j);
            dst[dstOffset + j] = ((packed & 0xf) - 8) * d;
            dst[dstOffset + j + HALF] = ((packed >>> 4) - 8) * d;
        }
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        float max = SignedMaximum.of(src, srcOffset, 2 * HALF);
        float d = max / -8;
        float id = d != 0 ? 1.0f / d : 0.0f;
        LittleEndian.putHalf(dst, offset, d);
        for (int j = 0; j < HALF; j++) {
            int low = quantize(src[srcOffset + j] * id);
            int high = quantize(src[srcOffset + j + HALF] * id);
            LittleEndian.putByte(dst, offset + QS + j, low | (high << 4));
        }
    }

    private static int quantize(float scaled) {
        return Math.min(15, GgmlRounding.truncateToByte(scaled + 8.5f)) & 0xff;
    }
}
