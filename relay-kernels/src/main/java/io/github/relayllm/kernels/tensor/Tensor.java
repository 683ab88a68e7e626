package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
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
 *
 * <p>To go between floats and stored values (through the reference codecs of {@link BlockCodecs}):
 *
 * <pre>{@code
 * try (Arena arena = Arena.ofConfined()) {
 *     Tensor weights = Tensor.encode(values, Shape.of(rows, columns), DType.Q8_0, arena);
 *     float[] firstRow = new float[(int) columns];
 *     weights.decodeRow(0, firstRow);
 * }
 * }</pre>
 */
public record Tensor(DType dtype, Shape shape, MemorySegment data) {
    /** The longest array every JVM allocates (some reserve header words in the array). */
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    public Tensor {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        requireWholeBlocks(dtype, shape);
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

    /**
     * The bytes of row {@code row} (counting all outer dimensions as one), without copying.
     *
     * @throws IllegalArgumentException if there is no such row
     */
    public MemorySegment row(long row) {
        if (row < 0 || row >= shape.rowCount()) {
            throw new IllegalArgumentException(
                    "row %d of a tensor of shape %s with %d rows".formatted(row, shape, shape.rowCount()));
        }
        long rowBytes = rowBytes();
        return data.asSlice(row * rowBytes, rowBytes);
    }

    public long byteSize() {
        return data.byteSize();
    }

    /**
     * A new tensor of {@code dtype} holding {@code values} (row-major, as many as {@code shape} has
     * elements), encoded by {@link BlockCodecs#encoder(DType)} into memory from {@code allocator}, whose
     * owner decides its lifetime.
     *
     * @throws UnsupportedOperationException if {@code dtype} has no encoder
     * @throws IllegalArgumentException if the number of values is not the shape's element count, a row
     *     is not a whole number of blocks, or (quantized types) a value is not finite
     */
    public static Tensor encode(float[] values, Shape shape, DType dtype, SegmentAllocator allocator) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(allocator, "allocator");
        BlockEncoder encoder = BlockCodecs.encoder(dtype)
                .orElseThrow(() -> new UnsupportedOperationException(
                        "cannot encode into %s: encoders exist for %s".formatted(dtype, BlockCodecs.encodableTypes())));
        if (values.length != shape.elementCount()) {
            throw new IllegalArgumentException(
                    "shape %s has %d elements, got %d values".formatted(shape, shape.elementCount(), values.length));
        }
        requireWholeBlocks(dtype, shape);
        MemorySegment data = allocator.allocate(dtype.byteSize(values.length));
        encoder.encode(values, 0, values.length, data, 0);
        return new Tensor(dtype, shape, data);
    }

    /**
     * All elements decoded to floats, row-major (a new array).
     *
     * @throws IllegalStateException if the tensor has more elements than a Java array can hold
     */
    public float[] toFloatArray() {
        long count = shape.elementCount();
        if (count > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("a %s tensor of shape %s has %d elements, more than a float[] holds (%d)"
                    .formatted(dtype, shape, count, MAX_ARRAY_LENGTH));
        }
        float[] values = new float[(int) count];
        BlockCodecs.decoder(dtype).decode(data, 0, values, 0, values.length);
        return values;
    }

    /**
     * Decodes row {@code row} (counting all outer dimensions as one) into {@code dst[0, rowLength)}.
     *
     * @throws IllegalArgumentException if there is no such row or {@code dst} is shorter than a row
     */
    public void decodeRow(long row, float[] dst) {
        Objects.requireNonNull(dst, "dst");
        if (row < 0 || row >= shape.rowCount()) {
            throw new IllegalArgumentException(
                    "row %d is outside the %d rows of shape %s".formatted(row, shape.rowCount(), shape));
        }
        if (dst.length < shape.rowLength()) {
            throw new IllegalArgumentException("a row of shape %s has %d elements, the destination holds %d"
                    .formatted(shape, shape.rowLength(), dst.length));
        }
        BlockCodecs.decoder(dtype).decode(data, row * rowBytes(), dst, 0, (int) shape.rowLength());
    }

    private static void requireWholeBlocks(DType dtype, Shape shape) {
        if (shape.rowLength() % dtype.blockSize() != 0) {
            throw new IllegalArgumentException("row length %d of shape %s is not a whole number of %s blocks of %d"
                    .formatted(shape.rowLength(), shape, dtype, dtype.blockSize()));
        }
    }
}
