package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * {@link DType#Q8_K}: super-blocks of 256 elements in 292 bytes, a binary32 scale {@code d}, 256 signed
 * 8-bit quants {@code q} and the sums of each 16 consecutive quants; element {@code x = d * q}. GGML
 * uses it for activations in k-quant dot products, where the sums fold the minimums in cheaply.
 *
 * <pre>
 * offset  size  field
 *      0     4  d       binary32 scale
 *      4   256  qs      int8 quant of element j at byte 4 + j
 *    260    32  bsums   int16 sum of quants 16g .. 16g + 15 at byte 260 + 2g, g = 0 .. 15
 * </pre>
 *
 * <p>Encoding follows {@code quantize_row_q8_K_ref}: with {@code max} the first value of largest
 * magnitude, with its sign, {@code iscale = -127 / max}, {@code q = min(127, nearest_int(iscale * x))}
 * (ties to even) and {@code d = 1 / iscale}. A block of zeros gets {@code d = 0} and zero quants and
 * sums (GGML leaves its sums unwritten).
 */
final class Q8_KCodec extends EncodingBlockCodec {
    private static final int BLOCK = 256;
    private static final int GROUP = 16;
    private static final int QS = 4;
    private static final int BSUMS = QS + BLOCK;

    Q8_KCodec() {
        super(DType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset) {
        float d = LittleEndian.float32(src, offset);
        for (int j = 0; j < BLOCK; j++) {
            dst[dstOffset + j] = d * LittleEndian.signedByte(src, offset + QS + j);
        }
    }

    @Override
    void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset) {
        float max = SignedMaximum.of(src, srcOffset, BLOCK);
        if (max == 0) {
            dst.asSlice(offset, DType.Q8_K.blockBytes()).fill((byte) 0);
            return;
        }
        float iscale = -127.0f / max;
        for (int group = 0; group < BLOCK / GROUP; group++) {
            int sum = 0;
            for (int i = 0; i < GROUP; i++) {
                int j = group * GROUP + i;
                // GGML stores the int into an int8 (keeping the low byte); sums add what was stored.
                byte q = (byte) Math.min(127, GgmlRounding.nearestInt(iscale * src[srcOffset + j]));
                LittleEndian.putByte(dst, offset + QS + j, q);
                sum += q;
            }
            LittleEndian.putInt16(dst, offset + BSUMS + 2L * group, sum);
        }
        LittleEndian.putFloat32(dst, offset, 1 / iscale);
    }
}
