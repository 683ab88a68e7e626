package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q6_K}: super-blocks of 256 elements in 210 bytes. Sixteen sub-blocks of 16 elements
 * each have a signed 8-bit scale {@code sc}, scaled by the binary16 {@code d}; element {@code x = (d *
 * sc) * q} with a signed 6-bit quant {@code q} in {@code -32 .. 31} (stored plus 32), made of 4 low
 * bits and 2 high bits.
 *
 * <pre>{@code
 * offset  size  field
 *      0   128  ql      low 4 bits; with c = e / 128, k = (e % 128) / 32, l = e % 32, element e
 *                       sits in byte 64c + 32 * (k % 2) + l, low nibble when k < 2, high when k >= 2
 *    128    64  qh      high 2 bits; element e's are bits 2k and 2k + 1 of byte 32c + l
 *    192    16  scales  int8 scale of sub-block s (elements 16s .. 16s + 15) at byte 192 + s
 *    208     2  d       binary16 scale of the scales
 * }</pre>
 *
 * <p>Decode only: GGML's quantizer searches for the scales ({@code make_qx_quants}).
 */
final class Q6_KCodec extends BlockCodec {
    private static final int SUB_BLOCKS = 16;
    private static final int SUB_BLOCK = 16;
    private static final int QH = 128;
    private static final int SCALES = 192;
    private static final int D = 208;

    Q6_KCodec() {
        super(DType.Q6_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset + D);
        for (int s = 0; s < SUB_BLOCKS; s++) {
            float scale = d * LittleEndian.signedByte(src, offset + SCALES + s);
            for (int i = 0; i < SUB_BLOCK; i++) {
                int e = s * SUB_BLOCK + i;
                int c = e / 128;
                int k = (e % 128) / 32;
                int l = e % 32;
                int lowBits =
                        (LittleEndian.unsignedByte(src, offset + 64 * c + 32 * (k % 2) + l) >>> (4 * (k / 2))) & 0xf;
                int highBits = (LittleEndian.unsignedByte(src, offset + QH + 32 * c + l) >>> (2 * k)) & 3;
                dst[dstOffset + e] = scale * ((lowBits | (highBits << 4)) - 32);
            }
        }
    }
}
