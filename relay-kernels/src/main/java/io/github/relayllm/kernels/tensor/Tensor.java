package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A dense tensor: a {@link Shape}, a {@link DType}, and the native memory that holds its elements in
 * row-major order (for quantized types, each row a sequence of blocks).
 *
 * <p>The tensor does not own its memory: whoever created the segment (a mapped model file, a device
 * buffer, an {@link java.lang.foreign.Arena}) decides its lifetime. Creating a tensor copies nothing.
 *
 * <p>Invariants: each row holds a whole number of blocks, and {@code data} is exactly as large as
 * the elements need.
 */
public record Tensor(DType dtype, Shape shape, MemorySegment data) {

    public Tensor {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (shape.rowLength() % dtype.blockSize() != 0) {
            throw new IllegalArgumentException("row length %d of shape %s is not a whole number of %s blocks of %d"
                    .formatted(shape.rowLength(), shape, dtype, dtype.blockSize()));
        }
        long expected = dtype.byteSize(shape.elementCount());
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("a %s tensor of shape %s needs %d bytes, the segment has %d"
                    .formatted(dtype, shape, expected, data.byteSize()));
        }
    }

    /** Bytes of one row. */
    public long rowBytes() {
        return dtype.byteSize(shape.rowLength());
    }

    /** The bytes of row {@code row} (counting all outer dimensions as one), without copying. */
    public MemorySegment row(long row) {
        Objects.checkIndex(row, shape.rowCount());
        long rowBytes = rowBytes();
        return data.asSlice(row * rowBytes, rowBytes);
    }

    public long byteSize() {
        return data.byteSize();
    }
}
