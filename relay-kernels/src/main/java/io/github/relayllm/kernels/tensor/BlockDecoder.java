package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Turns the stored bytes of one {@link DType} into floats: GGML's reference dequantization, bit for
 * bit, and the yardstick every optimized kernel is tested against. Integer types give their values
 * converted to float; F64 is rounded to the nearest float.
 *
 * <p>Obtain one from {@link BlockCodecs#decoder(DType)}. Decoders are stateless and thread-safe, read
 * through the segment only (so mapped files beyond 2 GiB work), and cost a few operations per element.
 * Each codec's Javadoc draws its block layout.
 */
public sealed interface BlockDecoder permits BlockCodec {

    /** The type this decoder reads. */
    DType dtype();

    /**
     * Decodes {@code count} elements stored from byte {@code srcOffset} of {@code src} (as {@code
     * dtype().byteSize(count)} bytes of whole blocks) into {@code dst[dstOffset, dstOffset + count)}.
     *
     * @throws IllegalArgumentException if {@code count} is negative or not a multiple of the block size,
     *     or the source bytes or the destination range lie outside {@code src} or {@code dst}; nothing is
     *     written then
     */
    void decode(MemorySegment src, long srcOffset, float[] dst, int dstOffset, int count);
}
