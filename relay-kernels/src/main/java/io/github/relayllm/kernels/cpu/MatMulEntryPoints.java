package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.cpu.matmul.MatMulKernel;
import io.github.relayllm.kernels.cpu.matmul.MatMulScratch;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each matmul kernel's {@link MatMulKernel#multiply} as a method handle bound to the kernel: the
 * barrier that keeps each dtype's vector loops compiled on their own.
 *
 * <p>Why: the kernels share their driving code (the column panel, the single-row spans), and C2
 * inlines a virtual call with two receiver types seen so far into the caller, both of them. Two
 * dtypes' vector loops in one compiled method exceed the inlining budget, the vector operations left
 * as calls box their operands, and the dtype compiled second runs 4 to 12 times slower for the rest
 * of the process. {@code MatMulAfterOtherDTypeBenchmark} (relay-bench) runs one dtype's matvec to a
 * steady state, then times another's, as a relay pair's two models or a second model loaded later do:
 * without this class an F16 3072x1024 matvec after Q8_0 took 2,654 us against 337 alone, Q4_K after
 * Q6_K 6,952 against 513; through it, 486 and 607. A call through a handle that is not a constant is one
 * C2 does not inline; after a few calls the JDK customizes the handle's lambda form for its bound
 * kernel, and C2 compiles that as a root of its own in which the kernel's class is exact, so every call
 * inside it binds to that one dtype's code.
 *
 * <p>The kernels keep the same barrier inside, between their shared loops and each dtype's code
 * ({@code DTypeEntry} in the matmul package).
 *
 * <p>One handle per kernel, made on first use and cached (kernels are per-dtype singletons); calling
 * one costs a few nanoseconds per column slice and allocates nothing.
 */
final class MatMulEntryPoints {
    private static final MethodHandle MULTIPLY = multiply();
    private static final Map<MatMulKernel, MethodHandle> BOUND = new ConcurrentHashMap<>();

    private MatMulEntryPoints() {}

    /**
     * {@code kernel.multiply}, of type {@code (MemorySegment weights, int n, int k, MemorySegment in,
     * MemorySegment out, int rows, int firstColumn, int endColumn, MatMulScratch scratch)void}.
     */
    static MethodHandle of(MatMulKernel kernel) {
        return BOUND.computeIfAbsent(kernel, MULTIPLY::bindTo);
    }

    private static MethodHandle multiply() {
        MethodType type = MethodType.methodType(
                void.class,
                MemorySegment.class,
                int.class,
                int.class,
                MemorySegment.class,
                MemorySegment.class,
                int.class,
                int.class,
                int.class,
                MatMulScratch.class);
        try {
            return MethodHandles.publicLookup().findVirtual(MatMulKernel.class, "multiply", type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MatMulKernel.multiply is not accessible", e);
        }
    }
}
