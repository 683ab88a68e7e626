package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q3_K}: super-blocks of 256 elements in 110 bytes. Sixteen sub-blocks of 16 elements
 * each have a signed 6-bit scale {@code sc} (stored plus 32), scaled by the binary16 {@code d}; element
 * {@code x = (d * sc) * q} with a signed 3-bit quant {@code q} in {@code -4 .. 3}, made of 2 low bits
 * and a high bit that, when clear, subtracts 4.
 *
 * <pre>{@code
 * offset  size  field
 *      0    32  hmask   high bits; element e's is bit e / 32 of byte e % 32
 *     32    64  qs      low 2 bits; element e sits in byte 32 * (e / 128) + e % 32,
 *                       at bits 2 * ((e % 128) / 32) and up
 *     96    12  scales  sixteen 6-bit values: for sub-block j, the low 4 bits are the low nibble of
 *                       byte j (j < 8) or the high nibble of byte j - 8 (j >= 8); the high 2 bits
 *                       are bits 2 * (j / 4) and up of byte 8 + j % 4
 *    108     2  d       binary16 scale of the scales
 * }</pre>
 *
 * <p>Decode only: GGML's quantizer searches for the scales ({@code make_q3_quants}).
 */
final class Q3_KCodec extends BlockCodec {
    private static final int SUB_BLOCKS = 16;
    private static final int SUB_BLOCK = 16;
    private static final int QS = 32;
    private static final int SCALES = 96;
    private static final int D = 108;

    Q3_KCodec() {
        super(DType.Q3_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.half(src, offset + D);
        for (int s = 0; s < SUB_BLOCKS; s++) {
            float scale = d * (scale(src, offset + SCALES, s) - 32);
            for (int l = 0; l < SUB_BLOCK; l++) {
                int e = s * SUB_BLOCK + l;
                int quants = LittleEndian.unsignedByte(src, offset + QS + 32 * (e / 128) + e % 32);
                int low = (quants >>> (2 * ((e % 128) / 32))) & 3;
                boolean highBit = ((LittleEndian.unsignedByte(src, offset + e % 32) >>> (e / 32)) & 1) != 0;
                dst[dstOffset + e] = scale * (low - (highBit ? 0 : 4));
            }
        }
    }

    /** The stored (biased by 32) 6-bit scale of sub-block {@code j}. */
    private static int scale(MemorySegment src, long scales, int j) {
        int lowNibble = j < 8
                ? LittleEndian.unsignedByte(src, scales + j) & 0xf
                : LittleEndian.unsignedByte(src, scales + j - 8) >>> 4;
        int highBits = (LittleEndian.unsignedByte(src, scales + 8 + j % 4) >>> (2 * (j / 4))) & 3;
        return lowNibble | (highBits << 4);
    }
}
