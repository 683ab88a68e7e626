package io.github.relayllm.kernels.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor in row-major order, outermost first: a linear layer mapping {@code in}
 * features to {@code out} features has shape {@code [out, in]}, and each of its {@code out} rows is
 * contiguous. This is the order of safetensors and PyTorch; GGUF stores the reverse (GGML's {@code
 * ne[0]} is the innermost, contiguous dimension).
 *
 * <p>Invariants: at least one dimension, every dimension positive, and the element count fits in a
 * {@code long}. Immutable.
 */
public final class Shape {
    private final long[] dims;
    private final long elementCount;

    private Shape(long[] dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a shape needs at least one dimension");
        }
        long count = 1;
        for (long dim : dims) {
            if (dim <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(dims));
            }
            count = Math.multiplyExact(count, dim);
        }
        this.dims = dims;
        this.elementCount = count;
    }

    /**
     * A shape of the given dimensions, outermost first.
     *
     * @throws IllegalArgumentException if there are none or one is not positive
     * @throws ArithmeticException if the element count overflows a {@code long}
     */
    public static Shape of(long... dims) {
        return new Shape(dims.clone());
    }

    /** The shape whose GGML dimensions ({@code ne[0]} innermost first) are {@code ne}. */
    public static Shape fromGgml(long... ne) {
        long[] dims = new long[ne.length];
        for (int i = 0; i < ne.length; i++) {
            dims[i] = ne[ne.length - 1 - i];
        }
        return new Shape(dims);
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}, counted from the outermost (0). */
    public long dim(int axis) {
        return dims[axis];
    }

    /** All dimensions, outermost first (a copy). */
    public long[] dims() {
        return dims.clone();
    }

    /** The dimensions innermost first, as GGML's {@code ne} array (a copy). */
    public long[] toGgml() {
        long[] ne = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            ne[i] = dims[dims.length - 1 - i];
        }
        return ne;
    }

    public long elementCount() {
        return elementCount;
    }

    /** Length of a row: the innermost, contiguous dimension. */
    public long rowLength() {
        return dims[dims.length - 1];
    }

    /** Number of rows: the product of all dimensions but the innermost. */
    public long rowCount() {
        return elementCount / rowLength();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape shape && Arrays.equals(dims, shape.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Dimensions outermost first, as {@code [151936, 1024]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
