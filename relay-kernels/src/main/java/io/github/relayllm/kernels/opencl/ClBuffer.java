package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.lang.foreign.MemorySegment;

/**
 * A buffer in device memory ({@code cl_mem}), in the same layout as on the host: F32 and F16 rows,
 * quantized rows as their GGUF blocks. I32 buffers, the per-step inputs (token ids, positions, slots,
 * block tables), also keep a host copy, so that a plan checks their values before it enqueues a kernel
 * and no kernel ever indexes outside its buffers; the copy is refreshed from the device when a kernel
 * has written the buffer since.
 */
final class ClBuffer implements Buffer {
    private final OpenClBackend owner;
    private final DType dtype;
    private final Shape shape;
    private final MemorySegment handle;
    private final int[] hostInts;
    private boolean deviceNewer;

    ClBuffer(OpenClBackend owner, DType dtype, Shape shape, MemorySegment handle) {
        this.owner = owner;
        this.dtype = dtype;
        this.shape = shape;
        this.handle = handle;
        this.hostInts = dtype == DType.I32 ? new int[Math.toIntExact(shape.elementCount())] : null;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    OpenClBackend owner() {
        return owner;
    }

    /** The {@code cl_mem} handle. */
    MemorySegment handle() {
        return handle;
    }

    /** The host copy of an I32 buffer's entries; {@link #hostIntsStale()} says whether it is behind. */
    int[] hostInts() {
        return hostInts;
    }

    boolean hostIntsStale() {
        return deviceNewer;
    }

    /** A kernel wrote the buffer: the host copy is stale until it is read back. */
    void markWrittenOnDevice() {
        if (hostInts != null) {
            deviceNewer = true;
        }
    }

    /** The host copy matches the device again. */
    void markHostCurrent() {
        deviceNewer = false;
    }

    @Override
    public String toString() {
        return "%s %s buffer of the opencl backend".formatted(dtype, shape);
    }
}
