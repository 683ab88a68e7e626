package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q2_K}: super-blocks of 256 elements in 84 bytes. Sixteen sub-blocks of 16 elements
 * each have a 4-bit scale {@code sc} and a 4-bit minimum {@code mn}, themselves scaled by the binary16
 * {@code d} and {@code dmin}; element {@code x = (d * sc) * q - (dmin * mn)} with a 2-bit quant {@code
 * q}.
 *
 * <pre>
 * offset  size  field
 *      0    16  scales  byte s: sub-block s (elements 16s .. 16s + 15), sc in the low nibble, mn in the high
 *     16    64  qs      2-bit quants; element e sits in byte 32 * (e / 128) + e % 32,
 *                       at bits 2 * ((e % 128) / 32) and up
 *     80     2  d       binary16 scale of the scales
 *     82     2  dmin    binary16 scale of the minimums
 * </pre>
 *
 * <p>Decode only: GGML's quantizer searches for the scales ({@code make_qkx2_quants}).
 */
final class Q2_KCodec extends BlockCodec {
    private static final int SUB_BLOCKS = 16;
    private static final int SUB_BLOCK = 16;
    private static final int QS = 16;
    private static final int D = 80;
    private static final int DMIN = 82;

    Q2_KCodec() {
        super(DType.Q2_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset + D);
        float dmin = LittleEndian.half(src, offset + DMIN);
        for (int s = 0; s < SUB_BLOCKS; s++) {
            int packed = LittleEndian.unsignedByte(src, offset + s);
            float scale = d * (packed & 0xf);
            float min = dmin * (packed >>> 4);
            for (int l = 0; l < SUB_BLOCK; l++) {
                int e = s * SUB_BLOCK + l;
                int quants = LittleEndian.unsignedByte(src, offset + QS + 32 * (e / 128) + e % 32);
                int q = (quants >>> (2 * ((e % 128) / 32))) & 3;
                dst[dstOffset + e] = scale * q - min;
            }
        }
    }
}
