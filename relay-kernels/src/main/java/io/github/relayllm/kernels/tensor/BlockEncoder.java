package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Turns floats into the stored bytes of one {@link DType}, rounding exactly as GGML's reference
 * quantizers ({@code quantize_row_*_ref}) and float conversions do, so files written with it match
 * files written by llama.cpp byte for byte.
 *
 * <p>Obtain one from {@link BlockCodecs#encoder(DType)}; not every type has one (the k-quant
 * quantizers other than Q8_K search for their scales, and integer types have no rounding GGML
 * defines). Encoders are stateless and thread-safe and write through the segment only.
 *
 * <p>As in GGML, block scales and minimums are stored as binary16: a block whose scale or minimum
 * exceeds its range (about 65504) stores an infinity, and one so small that its scale rounds to zero
 * decodes to zeros (or to its minimum).
 */
public sealed interface BlockEncoder permits EncodingBlockCodec {

    /** The type this encoder writes. */
    DType dtype();

    /**
     * Encodes {@code src[srcOffset, srcOffset + count)} into {@code dtype().byteSize(count)} bytes of
     * {@code dst} from byte {@code dstOffset}.
     *
     * @throws IllegalArgumentException if {@code count} is negative or not a multiple of the block size,
     *     the source range or the destination bytes lie outside {@code src} or {@code dst}, {@code dst}
     *     is read-only, or (quantized types only: a block scale cannot represent them) a value is NaN or
     *     infinite; nothing is written then
     */
    void encode(float[] src, int srcOffset, int count, MemorySegment dst, long dstOffset);
}
