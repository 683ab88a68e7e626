package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.host.HostMemory;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The reference backend ({@code reference}): every op in plain scalar Java on the calling thread,
 * sums in double, weights decoded by the reference codecs. Orders of magnitude slower than the CPU
 * backend; it exists to be obviously right, so that every other backend is tested op by op against it.
 *
 * <p>Buffers live in host memory from one arena that {@link #close()} frees; weights are views of the
 * tensor's memory.
 */
public final class ReferenceBackend implements Backend {
    /** The name {@link io.github.relayllm.kernels.backend.Backends#create} takes. */
    public static final String NAME = "reference";

    private final HostMemory memory = new HostMemory(NAME);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "scalar Java reference, 1 thread";
    }

    @Override
    public Buffer allocate(DType dtype, Shape shape) {
        return memory.allocate(dtype, shape);
    }

    @Override
    public Buffer weights(Tensor tensor) {
        return memory.wrap(tensor);
    }

    @Override
    public void write(Buffer target, long offset, MemorySegment source) {
        memory.write(target, offset, source);
    }

    @Override
    public void read(Buffer source, long offset, MemorySegment target) {
        memory.read(source, offset, target);
    }

    @Override
    public ExecutionPlan compile(List<Op> ops, Step largestStep) {
        memory.requireOpen();
        memory.requirePlan(ops, largestStep);
        return new ReferencePlan(memory, List.copyOf(ops), largestStep);
    }

    @Override
    public void close() {
        memory.close();
    }
}
