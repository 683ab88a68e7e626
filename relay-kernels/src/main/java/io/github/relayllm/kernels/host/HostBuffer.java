package io.github.relayllm.kernels.host;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.lang.foreign.MemorySegment;

/**
 * A buffer in host memory: {@code segment} holds its elements row-major (quantized rows as blocks)
 * and is exactly {@link #byteSize()} long. It belongs to {@code owner} and lives until that is closed,
 * or, for weights, as long as the tensor's memory does.
 */
public record HostBuffer(HostMemory owner, DType dtype, Shape shape, MemorySegment segment) implements Buffer {
    @Override
    public String toString() {
        return "%s %s buffer of the %s backend".formatted(dtype, shape, owner.backendName());
    }
}
