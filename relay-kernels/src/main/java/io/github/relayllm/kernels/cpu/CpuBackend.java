package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
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
import java.util.Objects;
import jdk.incubator.vector.FloatVector;

/**
 * The CPU backend ({@code cpu}): Vector API kernels (the preferred species of the machine: 512, 256 or
 * 128 bits) run by a fixed pool of {@link BackendOptions#threads()} platform threads, the calling
 * thread included. Weights are read where they lie (a mapped file); activations, caches and scratch
 * are 64-byte-aligned native memory that {@link #close()} frees, along with the threads.
 *
 * <p>Batch invariance: every kernel computes each row (and each output element) in an order fixed by
 * the op's shapes and that row's own inputs, never by the number of rows, the other rows or the
 * threads, so a row's result is bit-identical whether it runs alone, in a prefill chunk or batched
 * with other sequences. See {@code docs/kernels.md}.
 *
 * <p>Weights must be in memory every pool thread may access (a shared or global arena, a mapped file
 * opened with one); a segment confined to one thread is refused.
 */
public final class CpuBackend implements Backend {
    /** The name {@link io.github.relayllm.kernels.backend.Backends#create} takes. */
    public static final String NAME = "cpu";

    private final HostMemory memory = new HostMemory(NAME);
    private final WorkerPool pool;
    private final WorkerScratch scratch;
    private final CpuResources resources;

    /** A backend with {@code options.threads()} threads in all. */
    public CpuBackend(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        this.pool = new WorkerPool(options.threads());
        this.scratch = new WorkerScratch(options.threads());
        this.resources = new CpuResources(memory, pool, scratch);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "%d threads, %d-bit vectors (%d floats)"
                .formatted(
                        pool.threads(),
                        FloatVector.SPECIES_PREFERRED.vectorBitSize(),
                        FloatVector.SPECIES_PREFERRED.length());
    }

    @Override
    public Buffer allocate(DType dtype, Shape shape) {
        return memory.allocate(dtype, shape);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the tensor's memory is confined to one thread
     */
    @Override
    public Buffer weights(Tensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        if (!pool.canAccess(tensor.data())) {
            throw new IllegalArgumentException(
                    "the %s %s tensor's memory is confined to one thread; the cpu backend's %d threads need a shared arena"
                            .formatted(tensor.dtype(), tensor.shape(), pool.threads()));
        }
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
        return CpuPlan.compile(ops, largestStep, resources);
    }

    /** Stops the threads and frees every buffer and plan scratch. Idempotent. */
    @Override
    public void close() {
        pool.close();
        memory.close();
        scratch.close();
    }
}
