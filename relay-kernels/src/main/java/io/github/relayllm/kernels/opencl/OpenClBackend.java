package io.github.relayllm.kernels.opencl;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendChecks;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The OpenCL backend ({@code opencl}): every op as an OpenCL C kernel on one device, through
 * hand-written FFM bindings (no JNI, no wrapper library). Weights are copied to the device once, in
 * their GGUF block layout, and dequantized by the kernels; activations and the paged KV cache live on
 * the device; a plan's kernels are enqueued on one in-order queue with one wait per step, and only
 * what the caller {@link #read}s comes back.
 *
 * <p>The device is chosen by {@link BackendOptions#device()} or {@code -Drelay.opencl.device} (an
 * index into {@link OpenClDevices#list()} or a part of its name). Programs are built on first use and
 * cached (see {@link ClPrograms}). Closing frees every buffer, kernel, program and the context.
 */
public final class OpenClBackend implements Backend {
    /** The name {@link io.github.relayllm.kernels.backend.Backends#create} takes. */
    public static final String NAME = "opencl";

    private final ClContext context;
    private final ClPrograms programs;
    private final ClKernels kernels;
    private ClKernel zero;
    private final List<ClBuffer> buffers = new ArrayList<>();
    private final List<OpenClPlan> plans = new ArrayList<>();
    private boolean open = true;

    /**
     * A backend on the device the options select.
     *
     * @throws OpenClUnavailableException if OpenCL or the device is missing
     */
    public OpenClBackend(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        this.context = new ClContext(OpenClDevices.select(options.device()));
        this.programs = new ClPrograms(context);
        this.kernels = new ClKernels(context, programs, floats -> (ClBuffer) allocate(DType.F32, Shape.of(floats)));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return context.info().summary();
    }

    /** The device this backend runs on. */
    public OpenClDeviceInfo device() {
        return context.info();
    }

    /** A zeroed buffer; a kernel zeroes it, so that checkers such as oclgrind see it initialized. */
    @Override
    public Buffer allocate(DType dtype, Shape shape) {
        ClBuffer buffer = uninitialized(dtype, shape, "a %s %s buffer".formatted(dtype, shape));
        if (zero == null) {
            zero = kernels.rows("zero");
        }
        long words = ClContext.allocatedBytes(buffer.byteSize()) / Integer.BYTES;
        zero.arg(0, buffer).arg(1, words).enqueue(words, 64);
        return buffer;
    }

    /** Copies the tensor to the device, in its own layout. */
    @Override
    public Buffer weights(Tensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        ClBuffer buffer = uninitialized(
                tensor.dtype(), tensor.shape(), "a %s %s weight".formatted(tensor.dtype(), tensor.shape()));
        write(buffer, 0, tensor.data());
        return buffer;
    }

    @Override
    public void write(Buffer target, long offset, MemorySegment source) {
        Objects.requireNonNull(source, "source");
        ClBuffer buffer = owned(target);
        long start = BackendChecks.byteOffset(buffer, offset, source.byteSize(), "write");
        context.write(buffer.handle(), start, source);
        if (buffer.hostInts() != null) {
            MemorySegment.copy(source, JAVA_INT_UNALIGNED, 0, buffer.hostInts(), Math.toIntExact(offset), (int)
                    (source.byteSize() / 4));
        }
    }

    @Override
    public void read(Buffer source, long offset, MemorySegment target) {
        Objects.requireNonNull(target, "target");
        ClBuffer buffer = owned(source);
        long start = BackendChecks.byteOffset(buffer, offset, target.byteSize(), "read");
        context.read(buffer.handle(), start, target);
    }

    @Override
    public ExecutionPlan compile(List<Op> ops, Step largestStep) {
        requireOpen();
        BackendChecks.requirePlan(
                ops, largestStep, buffer -> buffer instanceof ClBuffer cl && cl.owner() == this, NAME);
        OpenClPlan plan = new OpenClPlan(this, List.copyOf(ops), largestStep);
        plans.add(plan);
        return plan;
    }

    /** Frees every plan, program and buffer, then the context. Idempotent. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            plans.forEach(OpenClPlan::release);
            if (zero != null) {
                zero.close();
            }
            programs.close();
            for (ClBuffer buffer : buffers) {
                context.free(buffer.handle(), buffer.byteSize());
            }
        } finally {
            context.close();
        }
    }

    ClContext context() {
        return context;
    }

    ClPrograms programs() {
        return programs;
    }

    ClKernels kernels() {
        return kernels;
    }

    private ClBuffer uninitialized(DType dtype, Shape shape, String what) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        requireOpen();
        BackendChecks.requireWholeBlocks(dtype, shape);
        ClBuffer buffer =
                new ClBuffer(this, dtype, shape, context.allocate(dtype.byteSize(shape.elementCount()), what));
        buffers.add(buffer);
        return buffer;
    }

    /** The current entries of an I32 buffer, read back first if a kernel wrote it since the host did. */
    int[] hostInts(Buffer buffer) {
        ClBuffer ints = (ClBuffer) buffer;
        if (ints.hostIntsStale()) {
            context.read(ints.handle(), 0, MemorySegment.ofArray(ints.hostInts()));
            ints.markHostCurrent();
        }
        return ints.hostInts();
    }

    /** @throws IllegalStateException if the backend has been closed */
    void requireOpen() {
        if (!open) {
            throw new IllegalStateException("the opencl backend is closed");
        }
    }

    private ClBuffer owned(Buffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        requireOpen();
        if (buffer instanceof ClBuffer cl && cl.owner() == this) {
            return cl;
        }
        throw new IllegalArgumentException(
                "%s is not a buffer of this opencl backend: buffers are only valid with the backend that made them"
                        .formatted(buffer));
    }
}
