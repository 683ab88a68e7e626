package io.github.relayllm.core.format.hf;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.Objects;

/**
 * Where one tensor lies in a safetensors file: its name, element type, shape (outermost first, as in
 * the file) and its byte range {@code [begin, end)} relative to the start of the data section (the
 * byte after the header, see {@link Safetensors#dataOffset()}).
 *
 * <p>Invariants: {@code 0 <= begin} and {@code end - begin} is exactly the tensor's size. A
 * safetensors scalar (shape {@code []}) is reported with shape {@code [1]}.
 */
public record SafetensorsTensorInfo(String name, DType dtype, Shape shape, long begin, long end) {

    public SafetensorsTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        long size = dtype.byteSize(shape.elementCount());
        if (begin < 0 || end - begin != size) {
            throw new IllegalArgumentException("a %s tensor of shape %s needs %d bytes, the range [%d, %d) has %d"
                    .formatted(dtype, shape, size, begin, end, end - begin));
        }
    }

    /** Bytes of the tensor's data. */
    public long byteSize() {
        return end - begin;
    }
}
