package io.github.relayllm.kernels.backend;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;

/**
 * Memory a {@link Backend} owns: weights, activations, KV caches, per-step inputs. A buffer belongs
 * to the backend that made it and is only valid with that backend, until the backend is closed.
 *
 * <p>The shape is the capacity: an activation buffer of shape {@code [rows, width]} holds up to
 * {@code rows} rows; a run uses a prefix of them. Per-step int inputs are {@code I32} buffers.
 */
public interface Buffer {
    DType dtype();

    Shape shape();

    /** Bytes the buffer occupies on its device. */
    default long byteSize() {
        return dtype().byteSize(shape().elementCount());
    }

    /** Row capacity: every dimension but the innermost, multiplied. */
    default long rows() {
        return shape().rowCount();
    }

    /** Width of a row: the innermost dimension. */
    default int width() {
        return Math.toIntExact(shape().rowLength());
    }
}
