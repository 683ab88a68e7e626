package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A codec that also encodes: checks the arguments once (and, for quantized types, that every value is
 * finite) before writing anything, then walks the blocks. A subclass says how one block encodes
 * ({@link #encodeBlock}).
 */
abstract non-sealed class EncodingBlockCodec extends BlockCodec implements BlockEncoder {

    EncodingBlockCodec(DType dtype) {
        super(dtype);
    }

    @Override
    public final void encode(float[] src, int srcOffset, int count, MemorySegment dst, long dstOffset) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        long bytes = requireWholeBlocks(count);
        requireInside(src, srcOffset, count, "source");
        requireInside(dst, dstOffset, bytes, "destination");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException(dtype() + ": the destination segment is read-only");
        }
        if (dtype().isQuantized()) {
            requireFinite(src, srcOffset, count);
        }
        int blockSize = dtype().blockSize();
        int blockBytes = dtype().blockBytes();
        long offset = dstOffset;
        for (int done = 0; done < count; done += blockSize) {
            encodeBlock(src, srcOffset + done, dst, offset);
            offset += blockBytes;
        }
    }

    /**
     * Encodes {@code src[srcOffset, srcOffset + blockSize)} into the block at byte {@code offset} of
     * {@code dst}; the caller has checked both ranges and, for quantized types, that the values are
     * finite.
     */
    abstract void encodeBlock(float[] src, int srcOffset, MemorySegment dst, long offset);

    // GGML's quantizers turn a NaN or an infinity into a NaN scale or undefined integer casts.
    private void requireFinite(float[] src, int srcOffset, int count) {
        for (int i = srcOffset; i < srcOffset + count; i++) {
            if (!Float.isFinite(src[i])) {
                throw new IllegalArgumentException(
                        "%s: cannot quantize %s at index %d: values must be finite".formatted(dtype(), src[i], i));
            }
        }
    }
}
