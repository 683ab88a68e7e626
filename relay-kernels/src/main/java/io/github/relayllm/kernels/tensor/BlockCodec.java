package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The shared frame of every codec: checks the arguments once, then walks the blocks. A subclass only
 * says how one block of its type decodes ({@link #decodeBlock}).
 *
 * <p>Package-private, so that the codecs of {@link BlockCodecs} stay the only decoders.
 */
abstract non-sealed class BlockCodec implements BlockDecoder {
    private final DType dtype;

    BlockCodec(DType dtype) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    @Override
    public final void decode(MemorySegment src, long srcOffset, float[] dst, int dstOffset, int count) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        long bytes = requireWholeBlocks(count);
        requireInside(src, srcOffset, bytes, "source");
        requireInside(dst, dstOffset, count, "destination");
        int blockSize = dtype.blockSize();
        int blockBytes = dtype.blockBytes();
        long offset = srcOffset;
        for (int done = 0; done < count; done += blockSize) {
            decodeBlock(src, offset, dst, dstOffset + done);
            offset += blockBytes;
        }
    }

    /**
     * Decodes the block at byte {@code offset} of {@code src} into {@code dst[dstOffset, dstOffset +
     * blockSize)}; the caller has checked both ranges.
     */
    abstract void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset);

    /** The bytes {@code count} elements take; rejects counts that are not whole blocks. */
    final long requireWholeBlocks(int count) {
        if (count < 0 || count % dtype.blockSize() != 0) {
            throw new IllegalArgumentException("%s: count %d is not a whole number of blocks of %d elements"
                    .formatted(dtype, count, dtype.blockSize()));
        }
        return dtype.byteSize(count);
    }

    final void requireInside(MemorySegment segment, long offset, long bytes, String role) {
        if (offset < 0 || bytes > segment.byteSize() - offset) {
            throw new IllegalArgumentException("%s: %s of %d bytes at offset %d lies outside the segment of %d bytes"
                    .formatted(dtype, role, bytes, offset, segment.byteSize()));
        }
    }

    final void requireInside(float[] array, int offset, int count, String role) {
        if (offset < 0 || count > array.length - offset) {
            throw new IllegalArgumentException("%s: %s of %d elements at index %d lies outside the array of %d"
                    .formatted(dtype, role, count, offset, array.length));
        }
    }

    @Override
    public String toString() {
        return dtype + " codec";
    }
}
