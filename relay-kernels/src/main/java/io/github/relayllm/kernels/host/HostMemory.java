package io.github.relayllm.kernels.host;

import io.github.relayllm.kernels.backend.BackendChecks;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * The memory of one host backend: every buffer it allocates comes from one shared arena (so that any
 * thread may read and write it), zeroed and aligned to 64 bytes (a cache line, the widest vector);
 * weights are views of their tensor's memory, never copies. Closing frees every allocated buffer at
 * once; using a buffer or this memory afterwards throws {@link IllegalStateException}.
 *
 * <p>Not thread-safe, as the backends that own one.
 */
public final class HostMemory implements AutoCloseable {
    /** Alignment of allocated buffers: a cache line, and the width of a 512-bit vector. */
    public static final long ALIGNMENT = 64;

    private final String backendName;
    private final Arena arena = Arena.ofShared();
    private boolean open = true;

    /** Memory for the backend called {@code backendName} (used in messages). */
    public HostMemory(String backendName) {
        this.backendName = Objects.requireNonNull(backendName, "backendName");
    }

    public String backendName() {
        return backendName;
    }

    /** A new zeroed buffer of {@code dtype} and {@code shape}. */
    public HostBuffer allocate(DType dtype, Shape shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        requireOpen();
        BackendChecks.requireWholeBlocks(dtype, shape);
        MemorySegment segment = arena.allocate(dtype.byteSize(shape.elementCount()), ALIGNMENT);
        return new HostBuffer(this, dtype, shape, segment);
    }

    /** The tensor's memory as a buffer, without copying: the tensor's owner keeps it alive. */
    public HostBuffer wrap(Tensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        requireOpen();
        return new HostBuffer(this, tensor.dtype(), tensor.shape(), tensor.data());
    }

    /** Copies {@code source} into {@code target} from element {@code offset}. */
    public void write(Buffer target, long offset, MemorySegment source) {
        Objects.requireNonNull(source, "source");
        HostBuffer buffer = owned(target);
        long start = BackendChecks.byteOffset(buffer, offset, source.byteSize(), "write");
        MemorySegment.copy(source, 0, buffer.segment(), start, source.byteSize());
    }

    /** Copies elements of {@code source} from element {@code offset} into {@code target}. */
    public void read(Buffer source, long offset, MemorySegment target) {
        Objects.requireNonNull(target, "target");
        HostBuffer buffer = owned(source);
        long start = BackendChecks.byteOffset(buffer, offset, target.byteSize(), "read");
        MemorySegment.copy(buffer.segment(), start, target, 0, target.byteSize());
    }

    /**
     * {@code buffer} as one of this memory's buffers.
     *
     * @throws IllegalArgumentException if another backend made it
     * @throws IllegalStateException if this memory is closed
     */
    public HostBuffer owned(Buffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        requireOpen();
        if (buffer instanceof HostBuffer host && host.owner() == this) {
            return host;
        }
        throw new IllegalArgumentException(
                "%s is not a buffer of this %s backend: buffers are only valid with the backend that made them"
                        .formatted(buffer, backendName));
    }

    /**
     * Checks what {@link io.github.relayllm.kernels.backend.Backend#compile} promises: every buffer of
     * every op is one of this memory's, and holds the rows {@code largestStep} makes the op process.
     *
     * @throws IllegalArgumentException naming the op and the buffer otherwise
     */
    public void requirePlan(List<Op> ops, Step largestStep) {
        BackendChecks.requirePlan(
                ops, largestStep, buffer -> buffer instanceof HostBuffer host && host.owner() == this, backendName);
    }

    /** @throws IllegalStateException if this memory has been closed */
    public void requireOpen() {
        if (!open) {
            throw new IllegalStateException("the %s backend is closed".formatted(backendName));
        }
    }

    /** Frees every allocated buffer. Idempotent. */
    @Override
    public void close() {
        if (open) {
            open = false;
            arena.close();
        }
    }
}
