package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.tensor.DType;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Where launches get their kernels: a new kernel object of a function in one of the backend's
 * programs, built on first use. Names the programs: one of row ops, one per weight dtype (matmul,
 * embedding, RMSNorm weights), one per KV cache dtype (the cache write and attention).
 */
final class ClKernels {
    private static final String COMMON = "common.cl";

    private final ClContext context;
    private final ClPrograms programs;
    private final LongFunction<ClBuffer> allocateFloats;
    private ClBuffer scratch;

    /** {@code allocateFloats} makes an F32 device buffer of that many floats that the backend frees on close. */
    ClKernels(ClContext context, ClPrograms programs, LongFunction<ClBuffer> allocateFloats) {
        this.context = context;
        this.programs = programs;
        this.allocateFloats = allocateFloats;
    }

    /** A kernel of the row-op program (elementwise ops, softmax, argmax, gather, RoPE). */
    ClKernel rows(String function) {
        return create(new ClProgramSource(List.of(COMMON, "rope.cl", "rows.cl"), List.of()), function);
    }

    /** A kernel of the program for weights of {@code dtype} (matmul, embedding, RMSNorm). */
    ClKernel weights(DType dtype, String function) {
        return create(
                new ClProgramSource(
                        List.of(COMMON, "dequantize.cl", "norm.cl", "weights.cl"), List.of("WEIGHT_" + dtype.name())),
                function);
    }

    /** A kernel of the program for KV caches of {@code dtype} (F32 or F16): the cache write, RoPE fused with it, attention. */
    ClKernel cache(DType dtype, String function) {
        return create(
                new ClProgramSource(
                        List.of(COMMON, "rope.cl", "kvcache.cl", "attention.cl"), List.of("CACHE_" + dtype.name())),
                function);
    }

    /**
     * An F32 device buffer of at least {@code floats} for a launch's intermediate results, shared by
     * all launches made through this object (one plan's): they run one after another on the in-order
     * queue, so none sees another's data. A larger request allocates a larger buffer for itself and
     * later requests; every one is freed when the backend closes.
     */
    ClBuffer scratch(long floats) {
        if (scratch == null || scratch.shape().elementCount() < floats) {
            scratch = allocateFloats.apply(floats);
        }
        return scratch;
    }

    OpenClDeviceInfo device() {
        return context.info();
    }

    private ClKernel create(ClProgramSource source, String function) {
        return new ClKernel(context, programs.program(source), function);
    }
}
