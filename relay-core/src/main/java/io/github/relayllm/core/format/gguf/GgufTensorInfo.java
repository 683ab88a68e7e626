package io.github.relayllm.core.format.gguf;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.Objects;

/**
 * What a GGUF file says about one tensor: its name, element type, shape (outermost first, the
 * reverse of GGML's {@code ne}), where its data starts relative to the file's data section, and how
 * many bytes the data occupies.
 *
 * <p>Invariants: {@code offset >= 0} and {@code byteSize} is exactly what {@code shape} needs in
 * {@code dtype} (rows hold whole blocks). A {@link GgufFile} also guarantees that the data lies
 * inside the file, is aligned, and overlaps no other tensor's.
 *
 * @param offset byte offset of the data from the start of the data section ({@link GgufFile#dataOffset()})
 */
public record GgufTensorInfo(String name, DType dtype, Shape shape, long offset, long byteSize) {

    public GgufTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        if (offset < 0 || offset > Long.MAX_VALUE - byteSize) {
            throw new IllegalArgumentException("offset %d with %d bytes is out of range".formatted(offset, byteSize));
        }
        if (shape.rowLength() % dtype.blockSize() != 0) {
            throw new IllegalArgumentException(
                    "rows of %s are not a whole number of %s blocks".formatted(shape, dtype));
        }
        if (byteSize != dtype.byteSize(shape.elementCount())) {
            throw new IllegalArgumentException("a %s tensor of shape %s has %d bytes, not %d"
                    .formatted(dtype, shape, dtype.byteSize(shape.elementCount()), byteSize));
        }
    }

    /** Where the data ends, relative to the data section (exclusive). */
    public long endOffset() {
        return offset + byteSize;
    }
}
