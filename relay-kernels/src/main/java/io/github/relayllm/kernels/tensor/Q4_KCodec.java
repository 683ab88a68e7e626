package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q4_K}: super-blocks of 256 elements in 144 bytes. Eight sub-blocks of 32 elements each
 * have a 6-bit scale {@code sc} and a 6-bit minimum {@code mn}, scaled by the binary16 {@code d} and
 * {@code dmin}; element {@code x = (d * sc) * q - (dmin * mn)} with a 4-bit quant {@code q}.
 *
 * <pre>
 * offset  size  field
 *      0     2  d       binary16 scale of the scales
 *      2     2  dmin    binary16 scale of the minimums
 *      4    12  scales  eight 6-bit scales and minimums, packed as {@link KQuantScales} describes
 *     16   128  qs      4-bit quants; element e sits in byte 32 * (e / 64) + e % 32,
 *                       in the low nibble when e / 32 is even, the high nibble when odd
 * </pre>
 *
 * <p>Decode only: GGML's quantizer searches for the scales ({@code make_qkx2_quants}).
 */
final class Q4_KCodec extends BlockCodec {
    private static final int SUB_BLOCKS = 8;
    private static final int SUB_BLOCK = 32;
    private static final int DMIN = 2;
    private static final int SCALES = 4;
    private static final int QS = SCALES + KQuantScales.BYTES;

    Q4_KCodec() {
        super(DType.Q4_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset);
        float dmin = LittleEndian.half(src, offset + DMIN);
        for (int s = 0; s < SUB_BLOCKS; s++) {
            float scale = d * KQuantScales.scale(src, offset + SCALES, s);
            float min = dmin * KQuantScales.min(src, offset + SCALES, s);
            int shift = 4 * (s % 2);
            for (int l = 0; l < SUB_BLOCK; l++) {
                int quants = LittleEndian.unsignedByte(src, offset + QS + 32 * (s / 2) + l);
                int q = (quants >>> shift) & 0xf;
                dst[dstOffset + s * SUB_BLOCK + l] = scale * q - min;
            }
        }
    }
}
