package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * The 12 bytes in which Q4_K and Q5_K pack eight 6-bit scales and eight 6-bit minimums, one pair per
 * sub-block of 32 elements (GGML's {@code get_scale_min_k4}).
 *
 * <pre>{@code
 * sub-block j < 4:   scale = byte j & 63,         min = byte j + 4 & 63
 * sub-block j >= 4:  scale = low nibble of byte j + 4  | (top 2 bits of byte j - 4) << 4
 *                    min   = high nibble of byte j + 4 | (top 2 bits of byte j)     << 4
 * }</pre>
 */
final class KQuantScales {
    /** Bytes the packed scales and minimums take. */
    static final int BYTES = 12;

    private KQuantScales() {}

    /** The 6-bit scale of sub-block {@code j} (0 to 7) of the scales starting at {@code scales}. */
    static int scale(MemorySegment src, long scales, int j) {
        if (j < 4) {
            return LittleEndian.unsignedByte(src, scales + j) & 63;
        }
        return (LittleEndian.unsignedByte(src, scales + j + 4) & 0xf)
                | ((LittleEndian.unsignedByte(src, scales + j - 4) >>> 6) << 4);
    }

    /** The 6-bit minimum of sub-block {@code j} (0 to 7) of the scales starting at {@code scales}. */
    static int min(MemorySegment src, long scales, int j) {
        if (j < 4) {
            return LittleEndian.unsignedByte(src, scales + j + 4) & 63;
        }
        return (LittleEndian.unsignedByte(src, scales + j + 4) >>> 4)
                | ((LittleEndian.unsignedByte(src, scales + j) >>> 6) << 4);
    }
}
