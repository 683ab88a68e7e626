package io.github.relayllm.kernels.cpu.matmul;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A dtype's implementation of a method that code shared by several dtypes calls (the kernels' own
 * loops, and the CPU backend's matmul op through {@link MatMulKernels#entryPoint}), reached through a
 * method handle bound to that dtype's kernel: the barrier that keeps each dtype's vector loop in a
 * compilation of its own when one process runs several dtypes (a Q4_K_M file holds Q4_K and Q6_K
 * matrices; a relay pair may pair Q8_0 with F16).
 *
 * <p>Why: C2 compiles a hot shared loop (the single-row spans, the panel's decode) on its own, and
 * inlines a virtual call in it with the two receiver types its profile has seen, both at once. Two
 * dtypes' vector code in one compilation exceeds C2's node budget, the vector operations it then
 * leaves as calls box their operands, and a decode step allocates megabytes and runs many times
 * slower for the rest of the process ({@code MatMulMixAllocationTest}: 3.9 MB per Q4_K matvec after
 * Q6_K). A call through a handle that is not a constant is one C2 does not inline; after some calls
 * the JDK customizes the handle's lambda form for its bound kernel, and C2 compiles that as a root in
 * which the kernel's class is exact, so everything it inlines is that one dtype's code. Cost: a few
 * nanoseconds per call, against the microseconds of the work behind it; no allocation.
 */
final class DTypeEntry {
    private final MethodHandle bound;

    private DTypeEntry(MethodHandle bound) {
        this.bound = bound;
    }

    /**
     * The method {@code name} of type {@code type} that {@code lookup}'s class declares, bound to
     * {@code kernel} (an instance of that class).
     */
    static DTypeEntry of(MethodHandles.Lookup lookup, String name, MethodType type, Object kernel) {
        return of(lookup, lookup.lookupClass(), name, type, kernel);
    }

    /**
     * The method {@code name} of type {@code type} that {@code declaring} declares or inherits, bound
     * to {@code kernel} (an instance of it).
     */
    static DTypeEntry of(MethodHandles.Lookup lookup, Class<?> declaring, String name, MethodType type, Object kernel) {
        try {
            return new DTypeEntry(lookup.findVirtual(declaring, name, type).bindTo(kernel));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("%s.%s%s is not accessible".formatted(declaring, name, type), e);
        }
    }

    /** The bound handle, to call with {@code invokeExact} and {@link #rethrow} around it. */
    MethodHandle handle() {
        return bound;
    }

    /** What a call through {@link #handle()} threw: the kernels declare no checked exception. */
    static RuntimeException rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            return runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("a matmul kernel failed", thrown);
    }
}
